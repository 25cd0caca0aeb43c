"""The volunteers in Wagtail's admin: coordinators' views, and what their data keeps alive."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.curriculum.models import CurriculumModule
from cms.volunteers import admin as volunteers_admin
from cms.volunteers.models import Attendance, VolunteerProfile


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


@hooks.register("register_admin_urls")
def register_training_urls():
    return [
        path(
            "seksjoner/<int:section_id>/frivillige/",
            volunteers_admin.VolunteersView.as_view(),
            name="cms_section_volunteers",
        ),
        path(
            "seksjoner/<int:section_id>/opplaering/",
            volunteers_admin.AttendanceView.as_view(),
            name="cms_section_attendance",
        ),
    ]
