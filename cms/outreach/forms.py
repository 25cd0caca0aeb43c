"""The public forms, "Become a bydelsmor" and "Ask for a bydelsmor", and the admin's.

Each asks only what a coordinator needs to answer (``cms.outreach.models``),
in the reader's language. A bot that fills in the hidden ``website`` field is
refused like a visitor who posts too often (``cms.outreach.views``): nothing
is stored.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from cms.core.fields import BoundedModelMultipleChoiceField
from cms.core.languages import SpokenLanguage
from cms.core.validators import validate_phone
from cms.outreach.models import (
    Candidate,
    CandidateStatus,
    ContactRequest,
    Requester,
    RequestStatus,
)
from cms.outreach.retention import retention_days
from cms.sections.models import norwegian_sections


def open_sections():
    """The sections a visitor can write to: the published, public ones of the Norwegian tree."""
    return norwegian_sections().live().public().order_by("path")


def language_label(language):
    """A spoken language in the reader's language first, its own name beside it:
    "الصومالية – Soomaali" on the Arabic form, "somali – Soomaali" on the Norwegian."""
    return language.reader_label


class SubmissionForm(forms.ModelForm):
    """What both public forms share: the section, a name, a way to reach her, the honeypot."""

    section = forms.ModelChoiceField(
        label=gettext_lazy("Where do you live?"),
        queryset=Page.objects.none(),  # the open sections, set per form
        empty_label=gettext_lazy("Choose your municipality or district"),
        error_messages={"invalid_choice": gettext_lazy("Choose a place from the list.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone"), max_length=30, required=False, validators=[validate_phone]
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        max_length=254,
        required=False,
        error_messages={
            "invalid": gettext_lazy("Write a whole e-mail address, like navn@epost.no.")
        },
    )
    #: The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"), required=False, max_length=200
    )
    #: Her consent; each form says to what, with its retention.
    consent = forms.BooleanField(
        error_messages={"required": gettext_lazy("Tick the box so we may contact you.")}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = open_sections()
        self.fields["name"].label = _("Your name")
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    @property
    def is_bot(self):
        """Whether the hidden field was filled in: the post is refused, nothing stored."""
        return bool(self.data.get("website"))

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        return " ".join(self.cleaned_data["phone"].split())

    def clean(self):
        cleaned = super().clean()
        reachable = cleaned.get("phone") or cleaned.get("email")
        if not reachable and not self.has_error("phone") and not self.has_error("email"):
            self.add_error("phone", _("Give a phone number or an e-mail address."))
        return cleaned


class CandidateForm(SubmissionForm):
    languages = BoundedModelMultipleChoiceField(
        label=gettext_lazy("Languages you speak"),
        queryset=SpokenLanguage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Candidate
        fields = [
            "section",
            "name",
            "phone",
            "email",
            "languages",
            "other_languages",
            "neighbourhood",
            "heard_from",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "I agree that the coordinator stores what I wrote here to contact me about "
            "becoming a bydelsmor. It is deleted %(days)s days after our last contact, or "
            "sooner if I ask."
        ) % {"days": retention_days()["candidate"]}
        self.fields["languages"].queryset = SpokenLanguage.objects.order_by("name")
        self.fields["languages"].label_from_instance = language_label
        self.fields["other_languages"].label = _("Other languages")
        self.fields["neighbourhood"].label = _("Your neighbourhood")
        self.fields["neighbourhood"].help_text = _("For example the part of town you live in.")
        self.fields["heard_from"].label = _("How did you hear about us?")
        self.fields["heard_from"].choices = [
            ("", _("Choose if you like")),
            *self.fields["heard_from"].choices[1:],
        ]


class ContactRequestForm(SubmissionForm):
    class Meta:
        model = ContactRequest
        fields = [
            "section",
            "requester",
            "organisation",
            "language",
            "other_language",
            "topic",
            "name",
            "phone",
            "email",
        ]
        widgets = {"requester": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["consent"].label = _(
            "I agree that the coordinator stores what I wrote here to find a bydelsmor and "
            "contact me. It is deleted %(days)s days after the request is closed."
        ) % {"days": retention_days()["contact_request"]}
        fields["section"].label = _("Where does the family live?")
        fields["requester"].label = _("Who needs a bydelsmor?")
        fields["requester"].choices = Requester.choices
        fields["organisation"].label = _("Your service or organisation")
        fields["organisation"].help_text = _("Only if you write for a service.")
        fields["language"].label = _("Which language should she speak?")
        fields["language"].queryset = SpokenLanguage.objects.order_by("name")
        fields["language"].label_from_instance = language_label
        fields["language"].empty_label = _("Choose a language")
        fields["language"].error_messages["invalid_choice"] = _("Choose a language from the list.")
        fields["other_language"].label = _("Another language")
        fields["other_language"].help_text = _("If it is not in the list.")
        fields["topic"].label = _("What is it about?")
        fields["topic"].error_messages["invalid_choice"] = _("Choose a topic from the list.")

    def clean(self):
        cleaned = super().clean()
        named = cleaned.get("language") or cleaned.get("other_language", "").strip()
        if not named and not self.has_error("language"):
            self.add_error("language", _("Choose a language, or write it below."))
        if cleaned.get("requester") == Requester.SERVICE and not cleaned.get("organisation"):
            self.add_error("organisation", _("Write which service you work for."))
        return cleaned


# --- The coordinators' forms ---------------------------------------------------


class CandidateStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=CandidateStatus.choices)


class RequestStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=RequestStatus.choices)
