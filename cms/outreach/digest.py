"""The daily digest: one e-mail a morning for each coordinator who chose it, not one each time.

For each section she coordinates: how many women wrote that they want to
become bydelsmødre, how many asked for a bydelsmor, and how many volunteers
asked for their data to be deleted, in the last day; each with its admin
link, only the kinds she wants (``NotificationPreferences``), in her own
admin language, and nothing of what anyone wrote. No e-mail on a day with
nothing new. The task ``send_daily_digests`` runs it at 07:00
(``cms.outreach.tasks``).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.outreach.models import Candidate, ContactRequest
from cms.sections.models import NotificationPreferences
from cms.sections.notifications import admin_languages, admin_url
from cms.sections.scopes import coordinated_sections
from cms.volunteers.models import VolunteerProfile

logger = logging.getLogger(__name__)

#: What a digest counts: the preference, the rows, their time field, the admin page.
KINDS = (
    ("new_candidates", Candidate.objects, "created_at", "cms_section_candidates"),
    ("new_requests", ContactRequest.objects, "created_at", "cms_section_requests"),
    (
        "deletion_requests",
        VolunteerProfile.objects,
        "deletion_requested_at",
        "cms_section_volunteers",
    ),
)


def send_daily_digests(now=None):
    """Queue each digest with something in it; how many were queued."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=1)
    preferences = (
        NotificationPreferences.objects.filter(daily_digest=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    )
    languages = admin_languages(preferences.values("user"))
    messages = []
    for preference in preferences:
        lines = _lines(preference, since, now)
        if not lines:
            continue
        with translation.override(languages.get(preference.user_id) or settings.LANGUAGE_CODE):
            messages.append(
                EmailMessage(
                    _("What waits for you in your sections"),
                    render_to_string(
                        "email/daily_digest.txt",
                        {
                            "lines": lines,
                            "settings_link": admin_url(reverse("wagtailadmin_account")),
                        },
                    ),
                    to=[preference.user.email],
                )
            )
    if messages:
        get_connection().send_messages(messages)
    logger.info("Daily digests: %s queued", len(messages))
    return len(messages)


def _lines(preference, since, now):
    """[(section title, kind, count, link)] of what arrived in her sections since ``since``."""
    sections = {section.pk: section.title for section in coordinated_sections(preference.user)}
    lines = []
    for field, rows, time_field, url_name in KINDS:
        if not getattr(preference, field) or not sections:
            continue
        counts = (
            rows.filter(
                section__in=list(sections),
                **{f"{time_field}__gte": since, f"{time_field}__lt": now},
            )
            .values_list("section_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for section_id, count in counts:
            link = admin_url(reverse(url_name, args=[section_id]))
            lines.append((sections[section_id], field, count, link))
    return sorted(lines)
