"""Helpers shared by the training tests: URLs, dates, names, and what a refusal leaves.

The coordinator's attendance and volunteers pages, the volunteer area's routes,
the snippet admin's views, a date as the Norwegian pages show it, a translated
module, and a snapshot of everything the training views may change.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import formats, translation

from cms.core.groups import VOLUNTEERS
from cms.volunteers.models import Attendance, VolunteerProfile

User = get_user_model()


def attendance_url(section):
    return reverse("cms_section_attendance", args=[section.pk])


def volunteers_url(section):
    return reverse("cms_section_volunteers", args=[section.pk])


def route(area, name, *args):
    """The URL of one of the area's routes, e.g. ``route(area, "module", 3)``."""
    return area.url + area.reverse_subpage(name, args=args)


def snippet_url(model_name, view, *args):
    return reverse(f"wagtailsnippets_cms_{model_name}:{view}", args=args)


def short_date(date):
    """A date as the Norwegian pages show it (``SHORT_DATE_FORMAT``)."""
    with translation.override("nb"):
        return formats.date_format(date, "SHORT_DATE_FORMAT")


def refused(response):
    """Not served: a 404 or 403, or Wagtail's redirect to the dashboard or the login page."""
    assert response.status_code != 200
    assert response.status_code in (302, 403, 404), response.status_code


def name(profile, first, last):
    user = profile.user
    user.first_name, user.last_name = first, last
    user.save()
    return profile


def snapshot():
    """Everything the training views may change, to show a refused request changed nothing."""
    return {
        "attendance": sorted(
            Attendance.objects.values_list("pk", "module_id", "volunteer_id", "section_id", "date")
        ),
        "profiles": sorted(VolunteerProfile.objects.values_list("pk", "user_id", "section_id")),
        "users": sorted(User.objects.values_list("pk", flat=True)),
        "volunteers": sorted(
            Group.objects.get(name=VOLUNTEERS).user_set.values_list("pk", flat=True)
        ),
    }


def translate_module(module, locale, title):
    translation_ = module.copy_for_translation(locale)
    translation_.title = title
    translation_.save()
    translation_.save_revision().publish()
    return translation_
