"""The volunteer area's views: the programme, a module, progress, the certificate, the profile.

Each is a route of ``VolunteerAreaPage`` (``cms.volunteers.pages``), so Wagtail
has checked the page's privacy before any of them runs (``cms.privacy``). A
volunteer sees her own profile and progress only; editors and coordinators
who open the area see the programme without a profile.
"""

import json

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page

from cms.core.fields import SpokenLanguagesField
from cms.core.languages import SpokenLanguage
from cms.core.validators import validate_phone
from cms.curriculum.models import (
    THEME_ORDER,
    CurriculumModule,
    LocalModuleVariant,
    Programme,
    Theme,
)
from cms.events.calendar import with_localized_events
from cms.events.models import Audience
from cms.events.occurrences import EventOccurrence
from cms.sections.notifications import notify_coordinators
from cms.volunteers.models import (
    CONSENT_FIELDS,
    Attendance,
    ConsentKind,
    ConsentRecord,
    VolunteerProfile,
)
from cms.volunteers.profiles import personal_data

#: Internal events shown on the area's front page.
EVENTS_SHOWN = 5


def profile_of(request):
    """The visitor's volunteer profile, or None (editors and coordinators have none).

    Looked up once per request.
    """
    if not hasattr(request, "_cms_volunteer_profile"):
        user = request.user
        request._cms_volunteer_profile = (
            VolunteerProfile.objects.filter(user=user)
            .select_related("section")
            .prefetch_related("languages")
            .first()
            if user.is_authenticated
            else None
        )
    return request._cms_volunteer_profile


def _render(request, area, template, context, status=200):
    context = {**area.get_context(request), "profile": profile_of(request), **context}
    return TemplateResponse(request, template, context, status=status)


def localized_modules(sources):
    """Each Norwegian module in ``sources`` in its live translation into the active
    language, or itself: one query however many modules (none in Norwegian)."""
    active = Locale.get_active()
    if active.pk == Locale.get_default().pk:
        return list(sources)
    translations = {
        module.translation_key: module
        for module in CurriculumModule.objects.filter(
            translation_key__in=[source.translation_key for source in sources],
            locale=active,
            live=True,
        )
    }
    return [translations.get(source.translation_key, source) for source in sources]


def programme_modules(programme):
    """The programme's live Norwegian modules, each as ``(source, shown)`` in reading order."""
    sources = list(CurriculumModule.objects.in_programme(programme))
    return list(zip(sources, localized_modules(sources), strict=True))


def completed_module_ids(profile):
    if profile is None:
        return set()
    return set(Attendance.objects.filter(volunteer=profile).values_list("module_id", flat=True))


def _programme_of(request, profile):
    wanted = request.GET.get("program")
    if wanted in Programme.values:
        return wanted
    return profile.programme if profile else Programme.LONG


def index_view(request, area):
    profile = profile_of(request)
    occurrences = (
        EventOccurrence.objects.filter(
            event__live=True,
            event__audience=Audience.VOLUNTEERS,
            event__locale=Locale.get_default(),
            end__gte=timezone.now(),
        )
        .select_related("event", "event__category", "event__section")
        .order_by("start")
    )
    if profile is not None:
        # Her own group's evenings, and the network's (a section above hers).
        ancestors = [
            profile.section.path[:end]
            for end in range(Page.steplen, len(profile.section.path) + 1, Page.steplen)
        ]
        occurrences = occurrences.filter(event__section__path__in=ancestors)
    programme = _programme_of(request, profile)
    modules = programme_modules(programme)
    done = completed_module_ids(profile)
    return _render(
        request,
        area,
        "cms/volunteer_area_page.html",
        {
            "occurrences": with_localized_events(_next_of_each(occurrences)),
            "module_count": len(modules),
            "done_count": sum(1 for source, _shown in modules if source.pk in done),
            "children": area.get_children().live().specific(),
        },
    )


def _next_of_each(occurrences, count=EVENTS_SHOWN):
    """The next occurrence of each event (a weekly course once, not ten times)."""
    shown, seen = [], set()
    for occurrence in occurrences[: count * 20]:
        if occurrence.event_id not in seen:
            seen.add(occurrence.event_id)
            shown.append(occurrence)
            if len(shown) == count:
                break
    return shown


def programme_view(request, area):
    profile = profile_of(request)
    programme = _programme_of(request, profile)
    done = completed_module_ids(profile)
    themes = {}
    for source, shown in programme_modules(programme):
        themes.setdefault(source.theme, []).append(
            {"source": source, "module": shown, "done": source.pk in done}
        )
    grouped = [
        {"theme": Theme(theme).label, "modules": modules}
        for theme, modules in sorted(themes.items(), key=lambda item: THEME_ORDER[item[0]])
    ]
    return _render(
        request,
        area,
        "volunteers/programme.html",
        {
            "programme": Programme(programme),
            "programmes": Programme.choices,
            "themes": grouped,
        },
    )


def module_view(request, area, module_id, *, printable=False):
    source = (
        CurriculumModule.objects.filter(pk=module_id, live=True, locale=Locale.get_default())
        .select_related("locale")
        .first()
    )
    if source is None:
        raise Http404
    [module] = localized_modules([source])
    language = Locale.get_active().language_code
    materials = sorted(
        source.materials.select_related("document"),
        # Her language first, then Norwegian, then the rest.
        key=lambda material: (
            material.language != language,
            material.language != source.locale.language_code,
            material.sort_order or 0,
        ),
    )
    profile = profile_of(request)
    variant = None
    if profile is not None:
        variant = (
            LocalModuleVariant.objects.filter(module=source, section=profile.section)
            .prefetch_related("materials__document")
            .first()
        )
    return _render(
        request,
        area,
        "volunteers/module_print.html" if printable else "volunteers/module.html",
        {
            "source": source,
            "module": module,
            # The notice above says whether the module, not the area, is translated.
            "subpage": module,
            "fallback": module.locale_id != Locale.get_active().pk,
            "materials": materials,
            "variant": variant,
            "done": source.pk in completed_module_ids(profile),
        },
    )


def _progress(profile):
    modules = programme_modules(profile.programme)
    attended = {
        attendance.module_id: attendance
        for attendance in Attendance.objects.filter(volunteer=profile)
    }
    rows = [
        {"source": source, "module": shown, "attendance": attended.get(source.pk)}
        for source, shown in modules
    ]
    complete = bool(rows) and all(row["attendance"] for row in rows)
    return rows, complete


def progress_view(request, area):
    profile = profile_of(request)
    if profile is None:
        return _render(request, area, "volunteers/no_profile.html", {})
    rows, complete = _progress(profile)
    return _render(
        request,
        area,
        "volunteers/progress.html",
        {
            "rows": rows,
            "complete": complete,
            "done_count": sum(1 for row in rows if row["attendance"]),
        },
    )


def certificate_view(request, area):
    profile = profile_of(request)
    if profile is None:
        return _render(request, area, "volunteers/no_profile.html", {})
    rows, complete = _progress(profile)
    if not complete:
        messages.info(request, _("The certificate is ready when you have completed every module."))
        return redirect(area.url + area.reverse_subpage("progress"))
    last = max(row["attendance"].date for row in rows)
    return _render(
        request,
        area,
        "volunteers/certificate.html",
        {"rows": rows, "completed_on": last, "section": profile.section.localized},
    )


# --- The profile --------------------------------------------------------------


class ProfileForm(forms.ModelForm):
    phone = forms.CharField(
        label=gettext_lazy("Phone"),
        max_length=30,
        required=False,
        validators=[validate_phone],
        help_text=gettext_lazy("Only your coordinator sees it."),
    )

    class Meta:
        model = VolunteerProfile
        fields = ["languages", "phone", "consent_photo", "consent_language_listing"]
        widgets = {"languages": forms.CheckboxSelectMultiple}
        field_classes = {"languages": SpokenLanguagesField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = SpokenLanguage.objects.order_by("name")


def save_profile(form, user):
    """Save the form; each consent that changed gets a record. The changed consents."""
    profile = form.instance
    changed = [
        (kind, getattr(profile, field))
        for kind, field in CONSENT_FIELDS.items()
        if field in form.changed_data
    ]
    with transaction.atomic():
        form.save()
        for kind, given in changed:
            ConsentRecord.objects.create(profile=profile, kind=kind, given=given, recorded_by=user)
    return changed


def profile_view(request, area):
    profile = profile_of(request)
    if profile is None:
        return _render(request, area, "volunteers/no_profile.html", {})
    form = ProfileForm(instance=profile)
    if request.method == "POST":
        if request.POST.get("action") == "request_deletion":
            if profile.deletion_requested_at is None:
                profile.deletion_requested_at = timezone.now()
                profile.save(update_fields=["deletion_requested_at"])
                notify_coordinators(
                    profile.section,
                    "deletion",
                    gettext_lazy("A volunteer in %(section)s asks for her data to be deleted"),
                    "email/deletion_request.txt",
                    reverse("cms_section_volunteers", args=[profile.section_id]),
                )
            messages.success(
                request,
                _(
                    "Your coordinator has been told that you want your data deleted. "
                    "She deletes it and lets you know."
                ),
            )
            return redirect(request.path)
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            for kind, given in save_profile(form, request.user):
                label = ConsentKind(kind).label
                if given:
                    messages.success(request, _("You gave consent: %(what)s.") % {"what": label})
                else:
                    messages.success(
                        request, _("You withdrew consent: %(what)s.") % {"what": label}
                    )
            messages.success(request, _("Your profile is saved."))
            return redirect(request.path)
    return _render(
        request,
        area,
        "volunteers/profile.html",
        {
            "form": form,
            "consent_records": profile.consent_records.select_related("recorded_by"),
        },
        status=400 if form.errors else 200,
    )


def data_view(request, area):
    profile = profile_of(request)
    if profile is None:
        raise Http404
    body = json.dumps(personal_data(profile), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return response
