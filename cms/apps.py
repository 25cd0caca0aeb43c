from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from cms import privacy
        from cms.calendar import forget_feeds
        from cms.models import (
            AssociationPage,
            Event,
            EventCategory,
            MunicipalityPage,
            VolunteerAreaPage,
        )
        from cms.platform import pagecache
        from cms.provisioning import provision_on_commit, provision_translation_trees
        from home.models import HomePage

        # Every section gets its editors group and media collection, however
        # it was saved: the admin, code, a copy or a translation.
        for model in (MunicipalityPage, AssociationPage):
            post_save.connect(provision_on_commit, sender=model, dispatch_uid=f"provision-{model}")
        # A language's first page (its home) opens its tree to its translators.
        post_save.connect(
            provision_translation_trees, sender=HomePage, dispatch_uid="provision-translators"
        )

        # A restriction on a Norwegian page holds for its translations and
        # aliases too, and a volunteer area is private from its first save.
        post_save.connect(
            privacy.restriction_changed, sender=PageViewRestriction, dispatch_uid="privacy-save"
        )
        post_delete.connect(
            privacy.restriction_changed, sender=PageViewRestriction, dispatch_uid="privacy-delete"
        )
        m2m_changed.connect(
            privacy.restriction_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="privacy-groups",
        )
        post_save.connect(privacy.page_created, dispatch_uid="privacy-new-translation")
        post_save.connect(
            privacy.area_saved, sender=VolunteerAreaPage, dispatch_uid="privacy-new-area"
        )
        # Where the areas are and which collections are private, as cached.
        for model in (VolunteerAreaPage, Collection, CollectionViewRestriction):
            post_save.connect(privacy.forget, sender=model, dispatch_uid=f"privacy-forget-{model}")
            post_delete.connect(
                privacy.forget, sender=model, dispatch_uid=f"privacy-forget-del-{model}"
            )
        post_delete.connect(privacy.forget, sender=Page, dispatch_uid="privacy-forget-page")
        post_page_move.connect(privacy.forget, dispatch_uid="privacy-forget-moved")

        # A cached iCal feed must not outlive a change to what it shows: an
        # event, a category, or a section that is unpublished, made private,
        # renamed, moved or deleted.
        for model in (Event, EventCategory, PageViewRestriction):
            post_save.connect(forget_feeds, sender=model, dispatch_uid=f"feeds-save-{model}")
            post_delete.connect(forget_feeds, sender=model, dispatch_uid=f"feeds-delete-{model}")
        post_delete.connect(forget_feeds, sender=Page, dispatch_uid="feeds-delete-page")
        page_published.connect(forget_feeds, dispatch_uid="feeds-page-published")
        page_unpublished.connect(forget_feeds, dispatch_uid="feeds-page-unpublished")
        post_page_move.connect(forget_feeds, dispatch_uid="feeds-page-moved")

        # Kept public pages must not outlive any change to what they show
        # (cms.platform.pagecache): every content row, and moves, which treebeard makes
        # without saving the pages.
        post_save.connect(pagecache.row_changed, dispatch_uid="pages-save")
        post_delete.connect(pagecache.row_changed, dispatch_uid="pages-delete")
        m2m_changed.connect(pagecache.row_changed, dispatch_uid="pages-m2m")
        post_page_move.connect(pagecache.content_changed, dispatch_uid="pages-moved")
