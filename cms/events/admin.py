"""The events' admin: the viewset, its form and filters, the chooser, bulk delete, drafts.

An editor sees and changes only the events of the sections she may edit (the
event permission policy, ``cms.events.permissions``): the listing, every view
of one event (``cms.core.viewsets``), the chooser and the bulk delete. Wired
into Wagtail by ``cms/events/wagtail_hooks.py``.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.images import get_image_model
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.core.viewsets import ScopedDeleteBulkAction, ScopedSnippetViewSet, scoped
from cms.core.widgets import widget_shows_only
from cms.events.models import Audience, Event, EventCategory, EventStatus
from cms.events.permissions import event_permission_policy
from cms.sections.scopes import editable_sections


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
                widget_shows_only(
                    self.fields["section"].widget,
                    editable_sections(self.for_user),
                    current=self.instance.section_id,
                )
            if "image" in self.fields:
                widget_shows_only(
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


class EventViewSet(ScopedSnippetViewSet):
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

    list_select_related = ["section"]

    add_view_class = type("EventCreateView", (SectionPublishMixin, snippet_views.CreateView), {})
    edit_view_class = type("EventEditView", (SectionPublishMixin, snippet_views.EditView), {})
    # Every other view of one event is scoped by ScopedSnippetViewSet. Events
    # have no moderation workflow today; the workflow views keep the rule if
    # they get one.


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


class EventDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk delete of events: only the user's own, and others' are not even named."""

    models = [Event]
    policy = event_permission_policy


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
