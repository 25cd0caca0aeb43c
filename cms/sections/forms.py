"""The forms of a section's people: add, invite or remove a person, approval, hand-over.

Shared by the sections' admin (``cms.sections.admin``: editors and
coordinators), the coordinators' volunteers view (``cms.volunteers.admin``),
which adds volunteers the same way, and the outreach admin, which makes a
volunteer of a candidate.

A new person gets an invitation by e-mail (``cms.sections.invitations``).
"""

import re
import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: The audit log's name for a change of a section's people (cms/sections/wagtail_hooks.py).
LOG_ACTION = "cms.section_people"

EDITORS = "editors"
COORDINATORS = "coordinators"


def username_for(email):
    """A new person's username: her e-mail address, in what Django allows (letters, @.+-_)."""
    return re.sub(r"[^\w.@+-]", "_", email.lower())


class AddPersonForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    person = forms.CharField(
        label=gettext_lazy("Username or e-mail address"),
        max_length=254,
        help_text=gettext_lazy(
            "An existing user by their exact username or e-mail address. Someone new: "
            "their e-mail address and name; they get an e-mail with a link to choose "
            "their password."
        ),
    )
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150, required=False)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.user = None  # the existing person, once clean
        self.new = False

    def clean(self):
        cleaned = super().clean()
        person = cleaned.get("person", "").strip()
        if not person:
            return cleaned
        User = get_user_model()
        if "@" not in person:
            self.user = User.objects.filter(username=person).first()
            if self.user is None:
                self.add_error(
                    "person",
                    _("No one has that username. To add someone new, give their e-mail address."),
                )
            return cleaned
        try:
            validate_email(person)
        except forms.ValidationError:
            self.add_error("person", _("Enter a valid e-mail address."))
            return cleaned
        matches = list(
            User.objects.filter(Q(email__iexact=person) | Q(username__iexact=person))[:2]
        )
        if len(matches) > 1:
            self.add_error(
                "person",
                _("More than one user has this e-mail address; give the username instead."),
            )
        elif matches:
            self.user = matches[0]
        elif len(person) > 150:
            self.add_error("person", _("This e-mail address is too long to be a username."))
        elif User.objects.filter(username__iexact=username_for(person)).exists():
            self.add_error(
                "person",
                _("Someone else has the username “%(username)s”; add them by username instead.")
                % {"username": username_for(person)},
            )
        elif not cleaned.get("first_name", "").strip():
            self.add_error("first_name", _("Give the new person's first name."))
        else:
            self.new = True
        return cleaned

    def get_or_create_person(self):
        """The user to add: the existing one, or a new one with a password nobody knows.

        The new person chooses hers with the invitation (``cms.sections.invitations``,
        sent by the caller once the account is saved). Not an unusable
        password: "Forgot password?" (Django's PasswordResetForm) sends no
        link to a user without a usable one, and that is her way in when the
        invitation is lost or more than seven days old.
        """
        if self.user is not None:
            return self.user
        email = self.cleaned_data["person"].strip()
        return get_user_model().objects.create_user(
            username=username_for(email),
            email=email,
            password=secrets.token_urlsafe(32),
            first_name=self.cleaned_data["first_name"].strip(),
            last_name=self.cleaned_data["last_name"].strip(),
        )


class RemovePersonForm(forms.Form):
    role = forms.ChoiceField()
    user = forms.IntegerField(min_value=1)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles


class InviteAgainForm(RemovePersonForm):
    """Which member of which role gets her invitation again (the people page)."""

    user = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class ApprovalForm(forms.Form):
    requires_approval = forms.BooleanField(
        label=gettext_lazy("Pages and events need approval before they are published"),
        required=False,
        help_text=gettext_lazy(
            "Editors submit; a coordinator or a national editor approves or rejects with a "
            "comment. Without it, editors publish directly."
        ),
    )


class HandOverForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Name of the association"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Used only if the section has no association page yet."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Hand the section over: its future events move to the association, whose board "
            "gets its own editors group"
        ),
    )
