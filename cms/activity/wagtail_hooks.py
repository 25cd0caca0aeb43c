"""The activity log in Wagtail's admin: the menu item and the coordinators' and report views."""

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.activity import admin
from cms.core.groups import is_national
from cms.sections.scopes import local_roles


class ActivityMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return is_national(user) or bool(local_roles(user)[1])


@hooks.register("register_admin_menu_item")
def register_activity_menu_item():
    return ActivityMenuItem(_("Activity"), reverse("cms_activity"), icon_name="table", order=860)


@hooks.register("register_admin_urls")
def register_activity_urls():
    return [
        path("aktivitet/", admin.ActivityIndexView.as_view(), name="cms_activity"),
        path(
            "aktivitet/<int:section_id>/",
            admin.SectionActivityView.as_view(),
            name="cms_activity_section",
        ),
        path(
            "aktivitet/<int:section_id>/rapport/",
            admin.ReportView.as_view(),
            name="cms_activity_report",
        ),
        re_path(
            r"^aktivitet/(?P<section_id>\d+)/rapport\.(?P<fmt>csv|xlsx)$",
            admin.ExportView.as_view(),
            name="cms_activity_export",
        ),
        path(
            "aktivitet/<int:section_id>/innstillinger/",
            admin.SettingsView.as_view(),
            name="cms_activity_settings",
        ),
    ]
