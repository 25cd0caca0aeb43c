"""Invitations instead of passwords: a new person chooses her own, from a link in an e-mail.

:func:`send_invitation` e-mails a link, good once and for seven days, to the
site's page where she chooses her password
(``cms.volunteers.accounts.InvitationView``). It lives with the sections
because the sections' admin invites editors and coordinators, and may not
import the volunteers package above it; the volunteers' and the outreach
admin invite the same way.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode
from django.utils.translation import gettext as _

from cms.platform.siteurl import site_url

logger = logging.getLogger(__name__)

#: How many days an invitation's link works.
INVITATION_DAYS = 7


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """The token in an invitation's link: Django's password-reset token, salted apart.

    Its own salt, so a "Forgot password?" link is no invitation and the other
    way round. Good once, as Django's: the hash holds the password and the
    last login, which choosing a password (and being logged in) changes.
    Django compares a token's age with ``settings.PASSWORD_RESET_TIMEOUT``
    (three days, for "Forgot password?") inside ``check_token``, so this one
    checks the signature the same way and the age against its own ``timeout``.
    """

    key_salt = "cms.sections.forms.InvitationTokenGenerator"  # its first home; kept, or links break
    #: Seconds an invitation's link works.
    timeout = INVITATION_DAYS * 24 * 3600

    def check_token(self, user, token):
        if not (user and token):
            return False
        try:
            timestamp_b36, _hash = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        signed = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        return signed and self._num_seconds(self._now()) - timestamp <= self.timeout


invitation_token = InvitationTokenGenerator()


def invitation_link(request, user):
    """The absolute address of ``user``'s invitation, in the active language."""
    path = reverse(
        "invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    return site_url(request) + path


def send_invitation(request, user, language=None):
    """E-mail ``user`` her invitation; False (and a logged warning) if it could not be sent.

    In ``language`` when it is one of the site's, else in the site's default:
    the admin's language is the coordinator's, not hers. The account stays
    whatever happens to the e-mail; the coordinator can send it again.
    """
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "user": user,
            "link": invitation_link(request, user),
            "reset_link": site_url(request) + reverse("password_reset"),
            "days": INVITATION_DAYS,
            "language": language,
        }
        subject = render_to_string("accounts/invitation_subject.txt", context)
        body = render_to_string("accounts/invitation_email.txt", context)
        html = render_to_string("accounts/invitation_email.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[user.email])
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    # The queue (cms.platform.mail) fails on its database; a direct SMTP backend on the
    # network (smtplib.SMTPException is an OSError, as is a refused connection).
    except (DatabaseError, OSError):
        logger.warning("The invitation to user %s could not be sent.", user.pk, exc_info=True)
        return False
    return True


def _sent(person):
    return _(
        "An invitation to choose a password is sent to %(email)s; its link works for seven days."
    ) % {"email": person.email}


def _not_sent(request, person):
    messages.warning(
        request,
        _(
            "The invitation to %(email)s could not be sent. The account is made: send the "
            "invitation again later with “Send the invitation again” on the section's "
            "volunteers or people page."
        )
        % {"email": person.email},
    )


def tell_added(request, person, message, invite, language=None):
    """Tell the coordinator ``message`` (someone is added); invite the person first if ``invite``.

    Called once the account is saved: a mail that fails takes nothing back,
    and the coordinator reads that she can send it again.
    """
    sent = send_invitation(request, person, language) if invite else None
    if sent:
        message += " " + _sent(person)
    messages.success(request, message)
    if sent is False:
        _not_sent(request, person)


def invite_again(request, person):
    """Send ``person`` her invitation again and tell the coordinator how it went; whether sent."""
    if not send_invitation(request, person):
        _not_sent(request, person)
        return False
    messages.success(request, _sent(person))
    return True
