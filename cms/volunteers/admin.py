"""A section's volunteers and their training, for its coordinators.

Two admin views per section: the volunteers (add one, which sends her an
invitation to choose her password, send it again, delete one's data) and
the training attendance (which volunteers came to which module's evening).
Only the section's own coordinators see them: a volunteer's phone number is
for her coordinator, so not even national editors get these pages
(superusers aside). Nobody can reach another section's volunteers from here.
"""

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Locale

from cms.core.fields import BoundedModelMultipleChoiceField
from cms.curriculum.models import CurriculumModule, Programme
from cms.sections.forms import LOG_ACTION, AddPersonForm
from cms.sections.invitations import invite_again, tell_added
from cms.sections.scopes import coordinated_sections
from cms.volunteers.models import Attendance, VolunteerProfile
from cms.volunteers.profiles import AlreadyVolunteer, delete_volunteer, enrol

#: The earliest year an evening can be recorded for (the latest is today).
EARLIEST_YEAR = 2000


def now_a_volunteer(person, section):
    """What the coordinator reads once ``person`` is a volunteer of ``section``."""
    return _("%(person)s is now a volunteer in %(section)s.") % {
        "person": person.get_full_name() or person.get_username(),
        "section": section.title,
    }


class VolunteerForm(forms.Form):
    """Which of the section's volunteers an action is for."""

    volunteer = forms.IntegerField(min_value=1, max_value=BoundedModelMultipleChoiceField.MAX_ID)


class SectionTrainingMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, section_id):
        self.section = get_object_or_404(coordinated_sections(request.user), pk=section_id)
        return super().dispatch(request, section_id=section_id)

    def get_page_title(self):
        return f"{self.section.title}: {self.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cms_sections"), "label": _("Sections and people")},
            {
                "url": reverse("cms_section_people", args=[self.section.pk]),
                "label": self.section.title,
            },
            {"url": "", "label": self.title},
        ]

    def volunteers(self):
        return (
            VolunteerProfile.objects.filter(section=self.section)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )

    def _log(self, change):
        log(
            instance=self.section,
            action=LOG_ACTION,
            user=self.request.user,
            data={"changes": [change]},
        )


class VolunteersView(SectionTrainingMixin, TemplateView):
    """The section's volunteers: who they are, how to reach them, adding and deleting."""

    template_name = "cms/admin/section_volunteers.html"
    title = gettext_lazy("Volunteers")
    roles = [("volunteers", gettext_lazy("Volunteer"))]

    def get_context_data(self, **kwargs):
        volunteers = (
            self.volunteers()
            .prefetch_related("languages")
            .annotate(modules_done=Count("attendance"))
        )
        context = {
            "section": self.section,
            "volunteers": volunteers,
            "add_form": AddPersonForm(roles=self.roles, initial={"role": "volunteers"}),
            "attendance_url": reverse("cms_section_attendance", args=[self.section.pk]),
            "programmes": Programme.choices,
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, section_id):
        action = request.POST.get("action")
        if action == "add":
            return self.add()
        if action == "delete":
            return self.delete()
        if action == "invite":
            return self.invite()
        messages.error(request, _("Unknown action."))
        return self.render_to_response(self.get_context_data(), status=400)

    def add(self):
        form = AddPersonForm(self.request.POST, roles=self.roles)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(add_form=form), status=400)
        programme = self.request.POST.get("programme", Programme.LONG)
        if programme not in Programme.values:
            programme = Programme.LONG
        with transaction.atomic():
            person = form.get_or_create_person()
            try:
                enrol(person, self.section, programme)
            except AlreadyVolunteer as error:
                transaction.set_rollback(True)
                form.add_error(
                    "person",
                    _("This person is already a volunteer in %(section)s.")
                    % {"section": error.section.title},
                )
                return self.render_to_response(self.get_context_data(add_form=form), status=400)
            self._log("added a volunteer")
        tell_added(self.request, person, now_a_volunteer(person, self.section), invite=form.new)
        return redirect("cms_section_volunteers", section_id=self.section.pk)

    def invite(self):
        """Her invitation again, for a volunteer who has never logged in."""
        form = VolunteerForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("Choose a volunteer."))
            return self.render_to_response(self.get_context_data(), status=400)
        profile = self.volunteers().filter(pk=form.cleaned_data["volunteer"]).first()
        if profile is None:
            raise Http404
        person = profile.user
        if not person.email:
            messages.error(
                self.request,
                _("%(person)s has no e-mail address.") % {"person": person.get_username()},
            )
            return self.render_to_response(self.get_context_data(), status=400)
        if person.last_login is not None:
            messages.error(
                self.request,
                _(
                    "%(person)s has logged in already. If she has forgotten her password, she "
                    "chooses a new one with “Forgot password?” on the login page."
                )
                % {"person": person.get_username()},
            )
            return self.render_to_response(self.get_context_data(), status=400)
        if invite_again(self.request, person):
            self._log("sent a volunteer her invitation again")
        return redirect("cms_section_volunteers", section_id=self.section.pk)

    def delete(self):
        try:
            profile_id = int(self.request.POST.get("volunteer", ""))
        except ValueError:
            messages.error(self.request, _("Choose a volunteer."))
            return self.render_to_response(self.get_context_data(), status=400)
        profile = self.volunteers().filter(pk=profile_id).first()
        if profile is None:
            raise Http404
        if self.request.POST.get("confirm") != "yes":
            messages.error(self.request, _("Tick the box to confirm the deletion."))
            return self.render_to_response(self.get_context_data(), status=400)
        account_deleted = delete_volunteer(profile)
        self._log("deleted a volunteer's personal data")
        if account_deleted:
            messages.success(
                self.request,
                _(
                    "The volunteer's account and personal data are deleted; her attendance is "
                    "kept without her name."
                ),
            )
        else:
            messages.success(
                self.request,
                _("The volunteer's profile is deleted. She has other roles, so her account stays."),
            )
        return redirect("cms_section_volunteers", section_id=self.section.pk)


class AttendanceForm(forms.Form):
    module = forms.ModelChoiceField(
        label=gettext_lazy("Module"),
        queryset=CurriculumModule.objects.none(),
        empty_label=None,
    )
    date = forms.DateField(
        label=gettext_lazy("Date of the evening"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("For example 24.11.2026."),
    )
    volunteers = BoundedModelMultipleChoiceField(
        label=gettext_lazy("Who came"),
        queryset=VolunteerProfile.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = CurriculumModule.objects.filter(
            live=True, locale=Locale.get_default()
        ).order_by("order", "pk")
        self.fields["volunteers"].queryset = (
            VolunteerProfile.objects.filter(section=section)
            .select_related("user")
            .order_by("user__first_name", "user__username")
        )
        self.fields["volunteers"].label_from_instance = lambda profile: str(profile)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date.year < EARLIEST_YEAR or date > timezone.localdate():
            raise forms.ValidationError(
                _("Give the date the evening took place: not in the future.")
            )
        return date


class AttendanceView(SectionTrainingMixin, TemplateView):
    """Record who came to a module's evening, and see who has done what."""

    template_name = "cms/admin/section_attendance.html"
    title = gettext_lazy("Training attendance")

    def get_context_data(self, **kwargs):
        modules = list(
            CurriculumModule.objects.filter(live=True, locale=Locale.get_default())
            .annotate(
                attended=Count("attendance", filter=Q(attendance__section=self.section)),
                anonymous=Count(
                    "attendance",
                    filter=Q(attendance__section=self.section, attendance__volunteer__isnull=True),
                ),
            )
            .order_by("order", "pk")
        )
        volunteers = list(self.volunteers())
        marks = {}
        for attendance in Attendance.objects.filter(section=self.section, volunteer__isnull=False):
            marks[(attendance.volunteer_id, attendance.module_id)] = attendance
        rows = [
            {
                "volunteer": volunteer,
                "cells": [marks.get((volunteer.pk, module.pk)) for module in modules],
            }
            for volunteer in volunteers
        ]
        context = {
            "section": self.section,
            "modules": modules,
            "rows": rows,
            "form": AttendanceForm(section=self.section),
            "volunteers_url": reverse("cms_section_volunteers", args=[self.section.pk]),
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, section_id):
        if request.POST.get("action") == "unmark":
            return self.unmark()
        form = AttendanceForm(request.POST, section=self.section)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        module = form.cleaned_data["module"]
        added = 0
        for profile in form.cleaned_data["volunteers"]:
            try:
                with transaction.atomic():
                    Attendance.objects.create(
                        module=module,
                        section=self.section,
                        volunteer=profile,
                        date=form.cleaned_data["date"],
                        recorded_by=request.user,
                    )
                added += 1
            except IntegrityError:
                pass  # already recorded for this module
        self._log(f"recorded {added} attendances of “{module.title}”")
        messages.success(
            request,
            _("Recorded %(count)s volunteers at “%(module)s”.")
            % {"count": added, "module": module.title},
        )
        return redirect("cms_section_attendance", section_id=self.section.pk)

    def unmark(self):
        try:
            attendance_id = int(self.request.POST.get("attendance", ""))
        except ValueError as error:
            raise Http404 from error
        attendance = get_object_or_404(
            Attendance, pk=attendance_id, section=self.section, volunteer__isnull=False
        )
        attendance.delete()
        self._log(f"removed an attendance of “{attendance.module.title}”")
        messages.success(self.request, _("The attendance is removed."))
        return redirect("cms_section_attendance", section_id=self.section.pk)
