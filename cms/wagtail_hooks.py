"""Admin wiring: snippet viewsets, menu items, and events scoped to sections.

An editor sees and changes only the events of the sections they may edit (see
``cms.permissions``). Restricting the listing is not enough: Wagtail's views of
one object (edit, delete, history, inspect, revisions, lock …) fetch the object
themselves and mostly check a model-wide right, so each of them is given
:class:`SectionScopedObjectMixin`, and the chooser and the bulk delete are
restricted too.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.images import get_image_model
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import (  # walls also registers its hooks on import
    handover,
    people,
    privacy,
    provisioning,
    training,
    walls,
)
from cms.models import (
    Attendance,
    Audience,
    CurriculumModule,
    Event,
    EventCategory,
    EventLogEntry,
    EventStatus,
    LocalModuleVariant,
    SpokenLanguage,
    Theme,
    VolunteerProfile,
)
from cms.page_permissions import SectionPagePermissionPolicy
from cms.permissions import (
    curriculum_permission_policy,
    editable_sections,
    event_permission_policy,
    local_variant_policy,
)
from cms.translation import localize
from cms.translation import status as translation_status

# Registered before any view asks for these models' policies; asking first would
# make Wagtail create a fallback model-permission policy and refuse these.
# Page rights stop at a handed-over section's wall (cms.page_permissions).
register_permission_policy(Page, SectionPagePermissionPolicy())
register_permission_policy(Event, event_permission_policy)
register_permission_policy(LocalModuleVariant, local_variant_policy)
register_permission_policy(CurriculumModule, curriculum_permission_policy)

# --- Privacy: checked before Wagtail's own checks (cms comes first in INSTALLED_APPS) ---
hooks.register("before_serve_page", privacy.guard_private_page)
hooks.register("before_serve_document", privacy.guard_private_document)


class SpokenLanguageViewSet(SnippetViewSet):
    model = SpokenLanguage
    icon = "globe"
    menu_label = _("Spoken languages")
    list_display = ["name", "name_local", "code"]
    search_fields = ["name", "name_local", "code"]
    ordering = ["name"]
    add_to_admin_menu = False


register_snippet(SpokenLanguageViewSet)


# --- Sections' local roles --------------------------------------------------------


@hooks.register("register_log_actions")
def register_event_log_model(actions):
    # Events' history in a log model of its own, filtered by section rights.
    actions.register_model(Event, EventLogEntry)


@hooks.register("register_log_actions")
def register_provisioning_log_action(actions):
    @actions.register_action(provisioning.LOG_ACTION)
    class ProvisionFormatter(LogFormatter):
        label = _("Provision editors and media")

        def format_message(self, log_entry):
            changes = log_entry.data.get("changes", [])
            return _("Provisioned editors and media: %(changes)s") % {"changes": "; ".join(changes)}

    @actions.register_action(people.LOG_ACTION)
    class PeopleFormatter(LogFormatter):
        label = _("Change a section's people")

        def format_message(self, log_entry):
            changes = log_entry.data.get("changes", [])
            return _("Changed the section's people: %(changes)s") % {"changes": "; ".join(changes)}

    @actions.register_action(handover.LOG_ACTION)
    class HandOverFormatter(LogFormatter):
        label = _("Hand over to the association")

        def format_message(self, log_entry):
            changes = log_entry.data.get("changes", [])
            return _("Handed over to the association: %(changes)s") % {
                "changes": "; ".join(changes)
            }


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("seksjoner/", people.SectionListView.as_view(), name="cms_sections"),
        path(
            "seksjoner/<int:section_id>/",
            people.SectionPeopleView.as_view(),
            name="cms_section_people",
        ),
    ]


class SectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return people.managed_sections(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_sections_menu_item():
    return SectionsMenuItem(
        _("Sections and people"), reverse("cms_sections"), icon_name="group", order=850
    )


# --- Events -------------------------------------------------------------------


class SectionScopedObjectMixin:
    """For a view of one event (or module, or local note): 404 unless the viewset's policy allows.

    Runs on whatever object the view fetches, however it fetches it, and also
    on the stored row when the view works on the latest revision instead. An
    event of another section is "not found", as if it were not there: the
    editor learns nothing about it, and every view refuses it the same way.
    """

    #: The action checked against the event permission policy.
    object_action = "change"

    def get_object(self, *args, **kwargs):
        try:
            obj = super().get_object(*args, **kwargs)
        except PermissionDenied as error:
            # Some of Wagtail's views ask the policy themselves (copy, preview).
            raise Http404 from error
        user = self.request.user
        policy = getattr(self, "permission_policy", None) or event_permission_policy
        for event in (obj, getattr(self, "live_object", None)):
            if event is not None and not policy.user_has_permission_for_instance(
                user, self.object_action, event
            ):
                raise Http404
        return obj


def scoped(view_class, action="change", prefix="Event"):
    """``view_class`` with :class:`SectionScopedObjectMixin` checking ``action``."""
    return type(
        f"{prefix}{view_class.__name__}",
        (SectionScopedObjectMixin, view_class),
        {"object_action": action},
    )


class SectionPublishMixin:
    """For the create and edit views: publishing needs the publish right on the section.

    Wagtail offers "Publish" to anyone who may publish some event; in a
    section that requires approval its editors may not, so the button goes
    and a forged "Publish" is refused with a message, nothing saved. The
    check runs on the section the form gives the event, so moving it into
    such a section while publishing is refused too.
    """

    def _may_publish(self, event):
        return event_permission_policy.user_has_permission_for_instance(
            self.request.user, "publish", event
        )

    def get_available_actions(self):
        actions = super().get_available_actions()
        event = getattr(self, "object", None)
        if event is not None and event.pk and not self._may_publish(event):
            actions = [action for action in actions if action != "publish"]
        return actions

    def is_valid(self, form):
        valid = super().is_valid(form)
        if valid and self.action == "publish" and not self._may_publish(form.instance):
            form.add_error(
                None,
                ValidationError(
                    _(
                        "Events of this section need approval: save a draft, and a "
                        "coordinator publishes it."
                    ),
                    code="publish_needs_approval",
                ),
            )
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return False
        return valid


class EditableEventsMixin:
    """For the chooser's listings: only the events the user may edit."""

    def get_object_list(self):
        return event_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).select_related("section")


class EventChooseView(EditableEventsMixin, chooser.ChooseView):
    pass


class EventChooseResultsView(EditableEventsMixin, chooser.ChooseResultsView):
    pass


class EventChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return event_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        ).filter(pk__in=pks)


class EventChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = EventChooseView
    choose_results_view_class = EventChooseResultsView
    chosen_view_class = scoped(chooser.SnippetChosenView)
    chosen_multiple_view_class = EventChosenMultipleView


class EventAdminForm(WagtailAdminModelForm):
    """The event form: an editor can only give an event a section they edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            # A plain list of the Norwegian categories, not a chooser of every locale's.
            self.fields["category"].widget = forms.Select()
            self.fields["category"].queryset = EventCategory.objects.filter(
                locale=Locale.get_default()
            )
        if self.for_user is not None:
            if "section" in self.fields:
                walls.widget_shows_only(
                    self.fields["section"].widget,
                    editable_sections(self.for_user),
                    current=self.instance.section_id,
                )
            if "image" in self.fields:
                walls.widget_shows_only(
                    self.fields["image"].widget,
                    policy_registry.get_by_type(
                        get_image_model()
                    ).instances_user_has_permission_for(self.for_user, "choose"),
                    current=self.instance.image_id,
                )
        if "section" in self.fields and not self.instance.section_id and self.for_user:
            # Most editors have one section: start there.
            sections = list(editable_sections(self.for_user)[:2])
            if len(sections) == 1:
                self.initial["section"] = sections[0].pk

    def clean_section(self):
        section = self.cleaned_data.get("section")
        if (
            section is not None
            and self.for_user is not None
            and not event_permission_policy.user_may_use_section(self.for_user, section)
        ):
            raise ValidationError(
                _("You can only add events to sections you edit."),
                code="section_not_editable",
            )
        return section


def _default_locale_categories(request):
    # Translated events keep their source's category: the Norwegian ones are all there are.
    return EventCategory.objects.filter(locale=Locale.get_default())


class EventFilterSet(WagtailFilterSet):
    category = django_filters.ModelChoiceFilter(
        label=_("category"), queryset=_default_locale_categories
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=EventStatus.choices)
    audience = django_filters.ChoiceFilter(label=_("audience"), choices=Audience.choices)
    # Where approval is required, drafts wait for a coordinator: this finds them.
    publication = django_filters.ChoiceFilter(
        label=_("publication"),
        choices=[("draft", _("draft")), ("changes", _("live + draft")), ("live", _("live"))],
        method="filter_publication",
    )

    class Meta:
        model = Event
        fields = ["category", "status", "audience", "publication"]

    def filter_publication(self, queryset, name, value):
        if value == "draft":
            return queryset.filter(live=False)
        return queryset.filter(live=True, has_unpublished_changes=value == "changes")


def _publication_status(event):
    # Wagtail's own status column also looks for a scheduled revision: one
    # query per row. Events have no scheduled publishing (no PublishingPanel),
    # so the two fields say it all.
    if not event.live:
        return _("draft")
    return _("live + draft") if event.has_unpublished_changes else _("live")


class EventViewSet(SnippetViewSet):
    """Events: each editor lists, chooses and changes only their own sections' events."""

    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = [
        "title",
        "section",
        "start",
        Column("status", label=_("Planned or cancelled"), accessor="get_status_display"),
        StatusTagColumn(
            "live",
            label=_("Published"),
            accessor=_publication_status,
            primary=lambda event: event.live,
            sort_key="live",
        ),
    ]
    filterset_class = EventFilterSet
    search_fields = ["title", "place_name", "section__title"]
    #: Search in the database, so the section filter and the search are one query.
    search_backend_name = None
    ordering = ["-start"]
    inspect_view_enabled = True
    edit_handler = ObjectList(Event.panels, base_form_class=EventAdminForm)
    chooser_viewset_class = EventChooserViewSet

    add_view_class = type("EventCreateView", (SectionPublishMixin, snippet_views.CreateView), {})
    edit_view_class = type(
        "EventEditView", (SectionPublishMixin, scoped(snippet_views.EditView)), {}
    )
    copy_view_class = scoped(snippet_views.CopyView)
    delete_view_class = scoped(snippet_views.DeleteView, "delete")
    usage_view_class = scoped(snippet_views.UsageView)
    history_view_class = scoped(snippet_views.HistoryView)
    inspect_view_class = scoped(snippet_views.InspectView, "view")
    preview_on_edit_view_class = scoped(snippet_views.PreviewOnEditView)
    revisions_view_class = scoped(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = scoped(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = scoped(snippet_views.RevisionsUnscheduleView, "publish")
    unpublish_view_class = scoped(snippet_views.UnpublishView, "publish")
    lock_view_class = scoped(snippet_views.LockView, "lock")
    unlock_view_class = scoped(snippet_views.UnlockView, "unlock")
    # Events have no moderation workflow today; these keep the rule if they get one.
    workflow_action_view_class = scoped(snippet_views.WorkflowActionView)
    collect_workflow_action_data_view_class = scoped(snippet_views.CollectWorkflowActionDataView)
    confirm_workflow_cancellation_view_class = scoped(snippet_views.ConfirmWorkflowCancellationView)
    workflow_preview_view_class = scoped(snippet_views.WorkflowPreviewView)
    workflow_history_view_class = scoped(snippet_views.WorkflowHistoryView)
    workflow_history_detail_view_class = scoped(snippet_views.WorkflowHistoryDetailView)

    def get_queryset(self, request):
        return event_permission_policy.instances_user_has_permission_for(
            request.user, "change"
        ).select_related("section")


class EventCategoryViewSet(SnippetViewSet):
    """Event categories: for the national editors, with Django's model permissions."""

    model = EventCategory
    icon = "tag"
    menu_label = _("Event categories")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]


class EventViewSetGroup(SnippetViewSetGroup):
    items = (EventViewSet, EventCategoryViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "events"


register_snippet(EventViewSetGroup)


class EventDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of events: only the user's own, and others' are not even named."""

    models = [Event]
    policy = event_permission_policy

    def get_all_objects_in_listing_query(self, parent_id):
        return self.policy.instances_user_has_permission_for(
            self.request.user, "delete"
        ).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, _no_access = super().get_actionable_objects()
        return objects, {"items_with_no_access": []}


# Later than Wagtail's own snippet delete action, so this one wins for events.
hooks.register("register_bulk_action", EventDeleteBulkAction, order=1)


class EventDraftsPanel(Component):
    """The dashboard's list of events that wait for this user to publish them.

    In a section that requires approval its editors save events as drafts
    (events have no workflow of their own); the coordinators and national
    editors see them here, as they see pages in Wagtail's moderation panel.
    """

    name = "event_drafts"
    template_name = "cms/admin/event_drafts_panel.html"
    order = 110
    limit = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        events = (
            event_permission_policy.instances_user_has_permission_for(self.user, "publish")
            .filter(
                Q(live=False) | Q(has_unpublished_changes=True),
                locale=Locale.get_default(),
                section__section_roles__requires_approval=True,
            )
            .select_related("section", "latest_revision")
            .order_by("-latest_revision__created_at", "-pk")
        )
        return {
            "events": events[: self.limit],
            "edit_url_name": Event.snippet_viewset.get_url_name("edit"),
        }


@hooks.register("construct_homepage_panels")
def add_event_drafts_panel(request, panels):
    panels.append(EventDraftsPanel(request.user))
    panels.append(translation_status.TranslationPanel(request.user))


# --- wagtail-localize's views of events --------------------------------------------
# wagtail-localize serves snippets outside the viewset, checking only its own
# or model-wide permissions. cms/translation/localize.py wraps each route that reaches an
# event; registered ahead of wagtail-localize's (order=-1), at the same paths.


@hooks.register("register_admin_urls", order=-1)
def register_scoped_localize_urls():
    return localize.urlpatterns()


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_to_translations(pages, action):
    """Moving, deleting or unpublishing a page does the same to its other-language copies.

    Every language's tree follows the Norwegian one (``cms.core.i18n``); without
    this, a moved Norwegian page would leave its aliases and translations at
    the old place, and a deleted one would leave its aliases showing stale
    text. Wagtail's own views do the cascade and list the copies on their
    confirmation pages; this is ``wagtail.contrib.simple_translation``'s rule
    for synchronised trees: translations only when unpublishing (aliases
    follow their original by themselves).
    """
    if action == "unpublish":
        return {
            page: Page.objects.translation_of(page, inclusive=False).filter(alias_of__isnull=True)
            for page in pages
        }
    if action in ("move", "delete"):
        return {page: Page.objects.translation_of(page, inclusive=False) for page in pages}
    return None


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "oversettelser/",
            translation_status.TranslationStatusView.as_view(),
            name="cms_translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_status.may_see(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse("cms_translation_status"), icon_name="globe", order=50
    )


# --- The training programme -----------------------------------------------------


class CurriculumModuleFilterSet(WagtailFilterSet):
    theme = django_filters.ChoiceFilter(label=_("theme"), choices=Theme.choices)

    class Meta:
        model = CurriculumModule
        fields = ["theme", "locale"]


class CurriculumModuleViewSet(SnippetViewSet):
    """National modules: for national editors; translations also for their translators."""

    model = CurriculumModule
    permission_policy = curriculum_permission_policy
    icon = "doc-full"
    menu_label = _("Curriculum modules")
    list_display = ["title", Column("theme", accessor="get_theme_display"), "order", "live"]
    filterset_class = CurriculumModuleFilterSet
    search_fields = ["title", "purpose"]
    search_backend_name = None
    ordering = ["order"]
    inspect_view_enabled = True
    # A translator reaches only the translations into her languages.
    edit_view_class = scoped(snippet_views.EditView, prefix="Module")
    delete_view_class = scoped(snippet_views.DeleteView, "delete", prefix="Module")
    usage_view_class = scoped(snippet_views.UsageView, prefix="Module")
    history_view_class = scoped(snippet_views.HistoryView, prefix="Module")
    inspect_view_class = scoped(snippet_views.InspectView, "view", prefix="Module")
    preview_on_edit_view_class = scoped(snippet_views.PreviewOnEditView, prefix="Module")
    revisions_view_class = scoped(snippet_views.PreviewRevisionView, prefix="Module")
    revisions_compare_view_class = scoped(snippet_views.RevisionsCompareView, prefix="Module")
    revisions_unschedule_view_class = scoped(
        snippet_views.RevisionsUnscheduleView, "publish", prefix="Module"
    )
    unpublish_view_class = scoped(snippet_views.UnpublishView, "publish", prefix="Module")
    lock_view_class = scoped(snippet_views.LockView, "lock", prefix="Module")
    unlock_view_class = scoped(snippet_views.UnlockView, "unlock", prefix="Module")

    def get_queryset(self, request):
        return curriculum_permission_policy.instances_user_has_permission_for(
            request.user, "change"
        )


class LocalVariantForm(WagtailAdminModelForm):
    """A section's editor picks one of her own sections and a national module."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "module" in self.fields:
            self.fields["module"].widget = forms.Select()
            self.fields["module"].queryset = CurriculumModule.objects.filter(
                locale=Locale.get_default()
            )
        if "section" in self.fields and self.for_user is not None:
            self.fields["section"].widget = forms.Select()
            self.fields["section"].queryset = editable_sections(self.for_user).order_by("path")

    def clean_section(self):
        section = self.cleaned_data.get("section")
        if (
            section is not None
            and self.for_user is not None
            and not local_variant_policy.user_may_use_section(self.for_user, section)
        ):
            raise ValidationError(
                _("You can only add notes for sections you edit."), code="section_not_editable"
            )
        return section


class LocalModuleVariantViewSet(SnippetViewSet):
    """Local notes and material: each section's editors see and change only their own."""

    model = LocalModuleVariant
    icon = "doc-empty"
    menu_label = _("Local module notes")
    list_display = ["module", "section"]
    search_fields = ["module__title", "section__title"]
    search_backend_name = None
    ordering = ["module__order"]
    edit_handler = ObjectList(LocalModuleVariant.panels, base_form_class=LocalVariantForm)
    edit_view_class = scoped(snippet_views.EditView, prefix="Variant")
    copy_view_class = scoped(snippet_views.CopyView, prefix="Variant")
    delete_view_class = scoped(snippet_views.DeleteView, "delete", prefix="Variant")
    usage_view_class = scoped(snippet_views.UsageView, prefix="Variant")
    history_view_class = scoped(snippet_views.HistoryView, prefix="Variant")
    inspect_view_class = scoped(snippet_views.InspectView, "view", prefix="Variant")

    def get_queryset(self, request):
        return local_variant_policy.instances_user_has_permission_for(
            request.user, "change"
        ).select_related("module", "section")


@hooks.register("before_delete_snippet")
def keep_attended_modules(request, instances):
    """A module volunteers attended keeps its attendance: it can be unpublished, not deleted."""
    modules = [instance for instance in instances if isinstance(instance, CurriculumModule)]
    if not modules or not Attendance.objects.filter(module__in=modules).exists():
        return None
    messages.error(
        request,
        _(
            "Volunteers have attended this module, and their attendance must be kept. "
            "Unpublish the module instead of deleting it."
        ),
    )
    return redirect("wagtailsnippets_cms_curriculummodule:list")


@hooks.register("before_delete_page")
def keep_sections_with_volunteers(request, page):
    """A section with volunteers cannot be deleted until they are moved or deleted."""
    if not VolunteerProfile.objects.filter(section__path__startswith=page.path).exists():
        return None
    messages.error(
        request,
        _(
            "Volunteers belong to this section or a section below it. Their coordinator "
            "deletes their data first (Sections and people → Volunteers)."
        ),
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


class TrainingViewSetGroup(SnippetViewSetGroup):
    items = (CurriculumModuleViewSet, LocalModuleVariantViewSet)
    menu_icon = "doc-full"
    menu_label = _("Training")
    menu_name = "training"


register_snippet(TrainingViewSetGroup)


class LocalVariantDeleteBulkAction(EventDeleteBulkAction):
    """Bulk delete of local notes: only the user's own sections'."""

    models = [LocalModuleVariant]
    policy = local_variant_policy


hooks.register("register_bulk_action", LocalVariantDeleteBulkAction, order=1)


@hooks.register("register_admin_urls")
def register_training_urls():
    return [
        path(
            "seksjoner/<int:section_id>/frivillige/",
            training.VolunteersView.as_view(),
            name="cms_section_volunteers",
        ),
        path(
            "seksjoner/<int:section_id>/opplaering/",
            training.AttendanceView.as_view(),
            name="cms_section_attendance",
        ),
    ]
