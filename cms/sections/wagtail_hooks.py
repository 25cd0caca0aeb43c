"""Sections in Wagtail's admin: page rights with walls, people, history, spoken languages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.languages import SpokenLanguage
from cms.core.page_permissions import SectionPagePermissionPolicy
from cms.sections import admin as sections_admin
from cms.sections import handover, provisioning, scopes

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


@hooks.register("register_log_actions")
def register_provisioning_log_action(actions):
    @actions.register_action(provisioning.LOG_ACTION)
    class ProvisionFormatter(LogFormatter):
        label = _("Provision editors and media")

        def format_message(self, log_entry):
            changes = log_entry.data.get("changes", [])
            return _("Provisioned editors and media: %(changes)s") % {"changes": "; ".join(changes)}

    @actions.register_action(sections_admin.LOG_ACTION)
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
