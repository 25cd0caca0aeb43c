"""Candidates and contact requests in Wagtail's admin: the menu item and the coordinators' views."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.outreach import admin
from cms.sections.scopes import local_roles


class OutreachMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(local_roles(user)[0])


@hooks.register("register_admin_menu_item")
def register_outreach_menu_item():
    return OutreachMenuItem(
        _("Candidates and requests"), reverse("cms_outreach"), icon_name="user", order=850
    )


@hooks.register("register_admin_urls")
def register_outreach_urls():
    return [
        path("kandidater/", admin.OutreachIndexView.as_view(), name="cms_outreach"),
        path(
            "seksjoner/<int:section_id>/kandidater/",
            admin.CandidatesView.as_view(),
            name="cms_section_candidates",
        ),
        path(
            "seksjoner/<int:section_id>/foresporsler/",
            admin.RequestsView.as_view(),
            name="cms_section_requests",
        ),
    ]
