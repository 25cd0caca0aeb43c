"""The volunteer's own log in the private area: log an action, see, change and delete her own.

Routes of ``VolunteerAreaPage`` (``cms.volunteers.pages``), which passes the
visitor's volunteer profile: Wagtail has checked the area's privacy before
any of these runs. A volunteer reaches only her own entries (anyone else's is
a 404), and changes them only within her section's editing period.
"""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.activity.forms import EntryForm
from cms.activity.models import ActivityEntry, ActivitySettings

#: Entries shown per page of her list.
PER_PAGE = 20


def _render(request, area, profile, template, context, status=200):
    context = {**area.get_context(request), "profile": profile, **context}
    return TemplateResponse(request, template, context, status=status)


def _no_profile(request, area, profile):
    return _render(request, area, profile, "volunteers/no_profile.html", {})


def _form(request, profile, settings, instance=None):
    return EntryForm(
        request.POST if request.method == "POST" else None,
        instance=instance,
        own_languages=list(profile.languages.all()),
        edit_days=settings.edit_days,
    )


def _log_url(area):
    return area.url + area.reverse_subpage("activity")


def log_view(request, area, profile):
    """Her entries, newest first, under the form for a new one."""
    if profile is None:
        return _no_profile(request, area, profile)
    settings = ActivitySettings.for_section(profile.section_id)
    form = _form(request, profile, settings)
    if request.method == "POST":
        if form.is_valid():
            form.save_for(profile.section, request.user)
            messages.success(request, _("Saved. Thank you!"))
            return redirect(_log_url(area))
        messages.error(request, _("Nothing was saved. Please correct what is marked."))
    entries = (
        ActivityEntry.objects.filter(volunteer=request.user)
        .prefetch_related("languages", "topic_rows", "service_rows")
        .order_by("-date", "-pk")
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("side"))
    return _render(
        request,
        area,
        profile,
        "volunteers/activity_log.html",
        {
            "form": form,
            "entries": page,
            "editable_from": _editable_from(settings),
            "edit_days": settings.edit_days,
        },
        status=400 if form.is_bound else 200,
    )


def edit_view(request, area, profile, entry_id):
    """Change one of her own entries, within the section's editing period."""
    if profile is None:
        return _no_profile(request, area, profile)
    entry, settings = _own_entry(request, entry_id)
    if entry.date < _editable_from(settings):
        return _closed(request, area, profile, entry, settings)
    form = _form(request, profile, settings, instance=entry)
    if request.method == "POST":
        if form.is_valid():
            form.save_for(entry.section, request.user)
            messages.success(request, _("Your changes are saved."))
            return redirect(_log_url(area))
        messages.error(request, _("Nothing was saved. Please correct what is marked."))
    return _render(
        request,
        area,
        profile,
        "volunteers/activity_edit.html",
        {"form": form, "entry": entry},
        status=400 if form.is_bound else 200,
    )


def delete_view(request, area, profile, entry_id):
    """Delete one of her own entries, after a confirmation, within the editing period."""
    if profile is None:
        return _no_profile(request, area, profile)
    entry, settings = _own_entry(request, entry_id)
    if entry.date < _editable_from(settings):
        return _closed(request, area, profile, entry, settings)
    if request.method == "POST":
        entry.delete()
        messages.success(request, _("The activity is deleted."))
        return redirect(_log_url(area))
    return _render(request, area, profile, "volunteers/activity_delete.html", {"entry": entry})


def _own_entry(request, entry_id):
    entry = get_object_or_404(ActivityEntry, pk=entry_id, volunteer=request.user)
    return entry, ActivitySettings.for_section(entry.section_id)


def _editable_from(settings):
    return timezone.localdate() - datetime.timedelta(days=settings.edit_days)


def _closed(request, area, profile, entry, settings):
    messages.error(
        request,
        _("Activities older than %(days)s days can no longer be changed.")
        % {"days": settings.edit_days},
    )
    return _render(
        request,
        area,
        profile,
        "volunteers/activity_edit.html",
        {"entry": entry, "closed": True},
        status=403,
    )
