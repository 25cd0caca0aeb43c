"""Sections in Wagtail's admin: page rights with walls, people, history, spoken languages."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.languages import SpokenLanguage
from cms.core.page_permissions import SectionPagePermissionPolicy
from cms.sections import admin as sections_admin
from cms.sections import handover, notifications, provisioning, scopes
from cms.sections.forms import LOG_ACTION
from cms.sections.models import NotificationPreferences

# Page rights stop at a handed-over section's wall (cms.core.page_permissions);
# registered before any view asks for the page policy.
register_permission_policy(Page, SectionPagePermissionPolicy())


class SpokenLanguageViewSet(SnippetViewSet):
    model = SpokenLanguage
    icon = "globe"
    menu_label = _("Spoken languages")
    list_display = ["name", "name_local", "code"]
    search_fields = ["name", "name_local", "code"]
    ordering = ["name"]
    add_to_admin_menu = False


register_snippet(SpokenLanguageViewSet)


class ChangesFormatter(LogFormatter):
    """A history entry whose data lists its changes, as text: provisioning, people, hand-over."""

    #: The message, with ``%(changes)s`` for the changes.
    message = ""

    def format_message(self, log_entry):
        return self.message % {"changes": "; ".join(log_entry.data.get("changes", []))}


@hooks.register("register_log_actions")
def register_section_log_actions(actions):
    for action, label, message in (
        (
            provisioning.LOG_ACTION,
            _("Provision editors and media"),
            _("Provisioned editors and media: %(changes)s"),
        ),
        (
            LOG_ACTION,
            _("Change a section's people"),
            _("Changed the section's people: %(changes)s"),
        ),
        (
            handover.LOG_ACTION,
            _("Hand over to the association"),
            _("Handed over to the association: %(changes)s"),
        ),
    ):
        attributes = {"label": label, "message": message}
        actions.register_action(action)(
            type("SectionChangesFormatter", (ChangesFormatter,), attributes)
        )


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("seksjoner/", sections_admin.SectionListView.as_view(), name="cms_sections"),
        path(
            "seksjoner/<int:section_id>/",
            sections_admin.SectionPeopleView.as_view(),
            name="cms_section_people",
        ),
    ]


class SectionsMenuItem(MenuItem):
    def is_shown(self, request):
        return scopes.managed_sections(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_sections_menu_item():
    return SectionsMenuItem(
        _("Sections and people"), reverse("cms_sections"), icon_name="group", order=850
    )


class NotificationPreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = [*notifications.KINDS.values(), "daily_digest"]


class SectionNotificationsPanel(BaseSettingsPanel):
    """Her choice of the coordinators' e-mails, in the admin's account settings."""

    name = "section_notifications"
    title = _("Notifications from my sections")
    tab = notifications_tab
    order = 110
    form_class = NotificationPreferencesForm

    def is_active(self):
        return scopes.coordinated_sections(self.user).exists()

    def get_form(self):
        instance = NotificationPreferences.objects.filter(
            user=self.user
        ).first() or NotificationPreferences(user=self.user)
        data = self.request.POST if self.request.method == "POST" else None
        return self.form_class(data, instance=instance, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_section_notifications_panel(request, user, profile):
    return SectionNotificationsPanel(request, user, profile)
