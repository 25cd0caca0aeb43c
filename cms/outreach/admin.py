"""A section's candidates and contact requests, for its coordinators only.

Like the volunteers (``cms.volunteers.admin``), these are personal data for
the section's own coordinators (and superusers): not its editors, not the
national editors, not the municipality's contacts, not translators. Every
view finds its section among ``coordinated_sections`` and every row within
its section, so another section's rows are "not found". Each change is
logged in the section's history without what the person wrote.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.validators import is_id
from cms.outreach.forms import CandidateStatusForm, RequestStatusForm
from cms.outreach.models import (
    Candidate,
    CandidateStatus,
    ContactRequest,
    RequestStatus,
)
from cms.sections.forms import AddPersonForm
from cms.sections.invitations import tell_added
from cms.sections.scopes import coordinated_sections
from cms.volunteers.admin import SectionTrainingMixin, now_a_volunteer
from cms.volunteers.profiles import enrol


class OutreachIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The sections she coordinates, with what waits in each."""

    template_name = "cms/admin/outreach_index.html"
    page_title = gettext_lazy("Candidates and requests")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        sections = coordinated_sections(self.request.user).order_by("path")
        candidates = _counts(Candidate, CandidateStatus.NEW, sections)
        requests = _counts(ContactRequest, RequestStatus.NEW, sections)
        rows = [
            {
                "section": section,
                "candidates": candidates.get(section.pk, {}),
                "requests": requests.get(section.pk, {}),
            }
            for section in sections
        ]
        return super().get_context_data(rows=rows, **kwargs)


def _counts(model, new, sections):
    """{section id: {"new": n, "open": n}}: one query for every section."""
    open_statuses = {
        Candidate: [CandidateStatus.NEW, CandidateStatus.CONTACTED, CandidateStatus.INFO_MEETING],
        ContactRequest: [RequestStatus.NEW, RequestStatus.IN_PROGRESS],
    }[model]
    rows = (
        model.objects.filter(section__in=sections)
        .values("section_id")
        .annotate(
            new=Count("pk", filter=Q(status=new)),
            open=Count("pk", filter=Q(status__in=open_statuses)),
        )
        .order_by()
    )
    return {row["section_id"]: row for row in rows}


class SubmissionsView(SectionTrainingMixin, TemplateView):
    """One section's rows of ``model``: change a status, delete one (and more per subclass)."""

    model = None
    status_form = None
    url_name = None
    #: What the section's history says, without any name.
    noun = None

    def rows(self):
        return self.model.objects.filter(section=self.section).select_related("handled_by")

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        rows = self.rows()
        if status in dict(self.status_form.base_fields["status"].choices):
            rows = rows.filter(status=status)
        else:
            status = ""
        context = {
            "section": self.section,
            "rows": rows,
            "status": status,
            "statuses": self.status_form.base_fields["status"].choices,
            "people_url": reverse("cms_section_people", args=[self.section.pk]),
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, section_id):
        action = request.POST.get("action")
        handler = {"status": self.change_status, "delete": self.delete}.get(action)
        if handler is None:
            handler = self.other_actions().get(action)
        if handler is None:
            return self.refuse(_("Unknown action."))
        value = request.POST.get("row", "")
        if not is_id(value):
            return self.refuse(_("Choose a row."))
        row = self.rows().filter(pk=value).first()
        if row is None:
            raise Http404
        return handler(row)

    def other_actions(self):
        return {}

    def refuse(self, *reasons):
        """The list again, answered 400, with why nothing was done."""
        for reason in reasons:
            messages.error(self.request, reason)
        return self.render_to_response(self.get_context_data(), status=400)

    def change_status(self, row):
        form = self.status_form(self.request.POST)
        if not form.is_valid():
            return self.refuse(_("Choose a status from the list."))
        self.set_status(row, form.cleaned_data["status"])
        row.handled_by = self.request.user
        row.save()
        self._log(f"set a {self.noun} to “{row.status}”")
        messages.success(self.request, _("The status is saved."))
        return self.done()

    def set_status(self, row, status):
        row.status = status

    def delete(self, row):
        if self.request.POST.get("confirm") != "yes":
            return self.refuse(_("Tick the box to confirm the deletion."))
        row.delete()
        self._log(f"deleted a {self.noun}")
        messages.success(self.request, _("Deleted."))
        return self.done()

    def done(self):
        return redirect(self.url_name, section_id=self.section.pk)


class CandidatesView(SubmissionsView):
    """Women who want to become bydelsmødre: follow up, and make one a volunteer in one step."""

    template_name = "cms/admin/section_candidates.html"
    title = gettext_lazy("Candidates")
    model = Candidate
    status_form = CandidateStatusForm
    url_name = "cms_section_candidates"
    noun = "candidate"

    def rows(self):
        return super().rows().select_related("volunteer").prefetch_related("languages")

    def other_actions(self):
        return {"volunteer": self.make_volunteer}

    def make_volunteer(self, candidate):
        """Her account and volunteer profile from what she wrote; she starts training."""
        if candidate.volunteer_id:
            return self.refuse(_("She already has a volunteer account."))
        if not candidate.email:
            return self.refuse(
                _(
                    "An account needs an e-mail address. Ask her for one, then add her "
                    "as a volunteer."
                )
            )
        first, _space, last = candidate.name.partition(" ")
        form = AddPersonForm(
            {
                "role": "volunteers",
                "person": candidate.email,
                "first_name": first,
                "last_name": last,
            },
            roles=[("volunteers", "")],
        )
        if not form.is_valid():
            return self.refuse(*[error for errors in form.errors.values() for error in errors])
        if form.user is not None:
            # Anyone can type anyone's address into the public form: an
            # existing account (an editor's, a coordinator's) is never given
            # a volunteer's profile and a stranger's phone number from it.
            return self.refuse(
                _(
                    "Someone already has an account with this e-mail address. If it is hers, "
                    "add her on the section's Volunteers page by her username."
                )
            )
        with transaction.atomic():
            # A new account, so no profile in another section can be in the way.
            person = form.get_or_create_person()
            enrol(person, self.section, phone=candidate.phone, languages=candidate.languages.all())
            candidate.volunteer = person
            candidate.status = CandidateStatus.TRAINING
            candidate.handled_by = self.request.user
            candidate.save()
            self._log("made a volunteer of a candidate")
        # Her invitation in the language she wrote in.
        message = now_a_volunteer(person, self.section)
        tell_added(self.request, person, message, invite=True, language=candidate.language_code)
        return self.done()


class RequestsView(SubmissionsView):
    """Families and services asking for a bydelsmor: who handles each, until it is closed."""

    template_name = "cms/admin/section_requests.html"
    title = gettext_lazy("Contact requests")
    model = ContactRequest
    status_form = RequestStatusForm
    url_name = "cms_section_requests"
    noun = "contact request"

    def rows(self):
        return super().rows().select_related("language")

    def set_status(self, row, status):
        if status == RequestStatus.CLOSED and row.status != RequestStatus.CLOSED:
            row.closed_at = timezone.now()
        elif status != RequestStatus.CLOSED:
            row.closed_at = None
        row.status = status
