"""The public side: "Become a bydelsmor", "Ask for a bydelsmor", and the privacy statement.

Both forms are plain HTML forms that work without JavaScript, at their own
addresses in every language (``/bli-bydelsmor/``, ``/so/bli-bydelsmor/``…);
a section page links to them with its own section chosen (``?seksjon=<id>``).
Their pages are never kept by a cache (``never_cache``): they carry a CSRF
token, and an answer shows what the visitor wrote.

Abuse: a post that fills in the hidden honeypot field is refused (400), and
an address that already sent ``OUTREACH_RATE`` forms is refused (429) until
the window passes, counted in the shared cache by django-ratelimit. Either
way the visitor reads why, and nothing is stored. No third-party captcha:
nothing about the visitor leaves the site.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django_ratelimit.core import get_usage

from cms.activity.retention import DEFAULT_YEARS as ACTIVITY_YEARS
from cms.core.validators import is_id
from cms.outreach.forms import CandidateForm, ContactRequestForm, open_sections
from cms.outreach.retention import retention_days
from cms.sections.notifications import notify_coordinators
from cms.volunteers.accounts import client_ip

#: How many forms one address may send, per form, before it waits (django-ratelimit's syntax).
DEFAULT_RATE = "5/h"


def _client_key(group, request):
    return client_ip(request)


def _usage(request, group, increment=False):
    return get_usage(
        request,
        group=group,
        key=_client_key,
        rate=getattr(settings, "OUTREACH_RATE", DEFAULT_RATE),
        increment=increment,
    )


def rate_limited(request, group):
    """Whether ``request``'s address has already sent its share of ``group``'s forms.

    django-ratelimit's ``should_limit`` is ``count > limit``, meant for a check
    that counts the request itself; here the count is of stored posts only, so
    the share is used up when it reaches the limit. A cache that cannot count
    answers a limit of 0: refused, as django-ratelimit does.
    """
    usage = _usage(request, group)
    return usage is not None and usage["count"] >= usage["limit"]


def count_post(request, group):
    """Count one more stored post of ``group`` from ``request``'s address."""
    _usage(request, group, increment=True)


@method_decorator(never_cache, name="dispatch")
class SubmissionView(View):
    form_class = None
    template_name = "outreach/form.html"
    #: The page's heading and the sentence under it.
    heading = None
    lead = None
    thanks_url_name = None
    #: The rate limit's counter, one per form.
    group = None
    #: The coordinators' e-mail (``cms.sections.notifications``): its kind,
    #: subject and body, and the admin page it links to.
    notification = None
    subject = None
    email_template = None
    admin_url_name = None

    def get(self, request):
        initial = {}
        chosen = request.GET.get("seksjon", "")
        if is_id(chosen) and open_sections().filter(pk=chosen).exists():
            initial["section"] = chosen
        return self.render(self.form_class(initial=initial))

    def post(self, request):
        form = self.form_class(request.POST)
        if form.is_bot:
            return self.render(form, status=400, refused="bot")
        if rate_limited(request, self.group):
            return self.render(form, status=429, refused="rate")
        if not form.is_valid():
            return self.render(form, status=400)
        submission = form.save(commit=False)
        submission.language_code = get_language() or ""
        submission.save()
        form.save_m2m()
        notify_coordinators(
            submission.section,
            self.notification,
            self.subject,
            self.email_template,
            reverse(self.admin_url_name, args=[submission.section_id]),
        )
        count_post(request, self.group)
        return redirect(reverse(self.thanks_url_name))

    def render(self, form, status=200, refused=None):
        context = {"form": form, "refused": refused, "heading": self.heading, "lead": self.lead}
        return render(self.request, self.template_name, context, status=status)


class CandidateView(SubmissionView):
    form_class = CandidateForm
    heading = gettext_lazy("Become a bydelsmor")
    lead = gettext_lazy(
        "Do you want to help families where you live, in your own language? Tell us how to "
        "reach you. The coordinator where you live calls or writes to you, and invites you to "
        "an information meeting. It costs nothing, and you decide nothing by writing to us."
    )
    thanks_url_name = "outreach_candidate_thanks"
    group = "outreach.candidate"
    notification = "candidate"
    subject = gettext_lazy("New candidate in %(section)s")
    email_template = "email/new_candidate.txt"
    admin_url_name = "cms_section_candidates"


class ContactRequestView(SubmissionView):
    form_class = ContactRequestForm
    heading = gettext_lazy("Ask for a bydelsmor")
    lead = gettext_lazy(
        "Do you, your family or someone you work with need a bydelsmor who speaks your "
        "language? Tell us what it is about and how to reach you. The coordinator where you "
        "live gets in touch. It is free."
    )
    thanks_url_name = "outreach_request_thanks"
    group = "outreach.request"
    notification = "request"
    subject = gettext_lazy("Someone asks for a bydelsmor in %(section)s")
    email_template = "email/new_request.txt"
    admin_url_name = "cms_section_requests"


def thanks(lead):
    """The page after a form was sent, saying ``lead``."""

    @never_cache
    def view(request):
        return render(request, "outreach/thanks.html", {"lead": lead})

    return view


def privacy_statement(request):
    """What the site keeps about the people who use it, and for how long (figures from settings)."""
    days = retention_days()
    context = {
        "candidate_days": days["candidate"],
        "request_days": days["contact_request"],
        "activity_years": ACTIVITY_YEARS,
    }
    return render(request, "outreach/privacy.html", context)


urlpatterns = [
    path("bli-bydelsmor/", CandidateView.as_view(), name="outreach_candidate"),
    path(
        "bli-bydelsmor/takk/",
        thanks(
            gettext_lazy(
                "We have received what you wrote. The coordinator where you live gets in touch "
                "with you, usually within two weeks."
            )
        ),
        name="outreach_candidate_thanks",
    ),
    path("be-om-bydelsmor/", ContactRequestView.as_view(), name="outreach_request"),
    path(
        "be-om-bydelsmor/takk/",
        thanks(
            gettext_lazy(
                "We have received your request. The coordinator where the family lives gets in "
                "touch to find a bydelsmor who speaks the language."
            )
        ),
        name="outreach_request_thanks",
    ),
    path("personvern/", privacy_statement, name="privacy_statement"),
]
