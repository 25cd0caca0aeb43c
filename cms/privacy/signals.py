"""What keeps the private area's restrictions and caches up to date, connected at start-up."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from treebeard.mp_tree import path_updated
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import post_page_move

from cms.core.groups import audience_changed
from cms.privacy import media, restrictions


def audience_changed_receiver(sender, **kwargs):
    """Provisioning changed the audience's groups: the restrictions follow; the changes."""
    return restrictions.sync_private_area()


def connect():
    # A restriction on a Norwegian page holds for its translations and
    # aliases too, and a volunteer area is private from its first save.
    post_save.connect(
        restrictions.restriction_changed, sender=PageViewRestriction, dispatch_uid="privacy-save"
    )
    post_delete.connect(
        restrictions.restriction_changed, sender=PageViewRestriction, dispatch_uid="privacy-delete"
    )
    m2m_changed.connect(
        restrictions.restriction_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="privacy-groups",
    )
    post_save.connect(restrictions.page_created, dispatch_uid="privacy-new-translation")
    post_save.connect(
        restrictions.area_saved, sender="cms.VolunteerAreaPage", dispatch_uid="privacy-new-area"
    )
    audience_changed.connect(audience_changed_receiver, dispatch_uid="privacy-audience")
    # Where the areas are and which collections are private, as cached.
    for model in ("cms.VolunteerAreaPage", Collection, CollectionViewRestriction):
        post_save.connect(restrictions.forget, sender=model, dispatch_uid=f"privacy-forget-{model}")
        post_delete.connect(
            restrictions.forget, sender=model, dispatch_uid=f"privacy-forget-del-{model}"
        )
    post_delete.connect(restrictions.forget, sender=Page, dispatch_uid="privacy-forget-page")
    post_page_move.connect(restrictions.forget, dispatch_uid="privacy-forget-moved")
    # The files of private images and documents stay in the private storage.
    for model in (get_image_model(), get_document_model()):
        pre_save.connect(media.name_upload, sender=model, dispatch_uid=f"privacy-upload-{model}")
        post_save.connect(media.item_saved, sender=model, dispatch_uid=f"privacy-settle-{model}")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(
            media.collections_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"privacy-settle-restriction-{name}",
        )
    path_updated.connect(media.collections_changed, sender=Collection, dispatch_uid="privacy-moved")
