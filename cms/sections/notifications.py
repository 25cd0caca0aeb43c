"""E-mail to a section's coordinators when something waits for them.

A new candidate, a new contact request, a volunteer's deletion request: each
coordinator of the section with an e-mail address gets one message, in her
own admin language (Wagtail's ``preferred_language``), unless she turned that
kind off (``NotificationPreferences``, a panel of her account settings). The
message names the section and links to the admin page that shows what waits;
it holds nothing of what the person wrote, so no inbox keeps personal data.
Sending only queues the messages (``cms.platform.mail``): a mail server that
is down never holds up or breaks the form that caused them.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)

#: Each kind of notification, and the preference that turns it off.
KINDS = {
    "candidate": "new_candidates",
    "request": "new_requests",
    "deletion": "deletion_requests",
}


def recipients(section, kind):
    """The section's active coordinators with an e-mail address who want ``kind`` at once.

    Those who chose the daily digest read it there instead (``cms.outreach.digest``).
    """
    return (
        get_user_model()
        .objects.filter(groups__coordinated_section__section=section, is_active=True)
        .exclude(email="")
        .exclude(**{f"notification_preferences__{KINDS[kind]}": False})
        .exclude(notification_preferences__daily_digest=True)
        .distinct()
        .order_by("pk")
    )


def admin_url(path):
    """The admin's ``path`` as an e-mail links it: on the admin's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def admin_languages(users):
    """{user id: her admin language, if she chose one} of ``users`` (a queryset or list)."""
    return dict(
        UserProfile.objects.filter(user__in=users).values_list("user_id", "preferred_language")
    )


def notify_coordinators(section, kind, subject, template_name, path):
    """Queue one message per coordinator of ``section`` who wants ``kind``; how many.

    ``subject`` is a lazy translation with ``%(section)s``; ``template_name``
    the text body, given ``section``, ``link`` (the admin at ``path``) and
    ``settings_link``.
    """
    people = list(recipients(section, kind))
    if not people:
        return 0
    languages = admin_languages(people)
    context = {
        "section": section.title,
        "link": admin_url(path),
        "settings_link": admin_url(reverse("wagtailadmin_account")),
    }
    messages = []
    for person in people:
        with translation.override(languages.get(person.pk) or settings.LANGUAGE_CODE):
            messages.append(
                EmailMessage(
                    str(subject) % {"section": section.title},
                    render_to_string(template_name, context),
                    to=[person.email],
                )
            )
    try:
        get_connection().send_messages(messages)
    except (DatabaseError, OSError) as error:
        # The form that caused it is saved already; the log tells the admins.
        logger.error("%s notifications for a section not queued: %s", kind, error)
        return 0
    return len(messages)
