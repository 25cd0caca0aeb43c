"""The network's "we speak …" directory (``/vi-snakker/``): who speaks what, and where.

A family looking for someone who speaks Tigrinya near them finds, for each
language spoken in the network, the sections whose group speaks it and the
next public events held in it. It is built from what volunteers agreed to
show (``consent_language_listing``, as on a section's own page) and from a
municipality's own list of languages, and it shows counts only:

- never a name, and never a count below ``SMALL``: in a small group a count
  of one or two points at a person, so it reads "some";
- only live, public sections (``cms.events.calendar.sections``) and only
  active volunteers.

Reading the whole directory costs a fixed number of queries, whatever the
number of languages, sections or events.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Min, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from cms.core.i18n import localized
from cms.core.languages import SpokenLanguage
from cms.events import calendar
from cms.events.pages import EventIndexPage
from cms.volunteers.models import VolunteerProfile

#: Fewer volunteers than this in a section are shown as "some", not counted.
SMALL = 3
#: Next events shown per language.
EVENTS_PER_LANGUAGE = 3
#: How long browsers and the front cache may keep the directory for anonymous readers.
CACHE_SECONDS = 300


@dataclass
class Place:
    """A section whose group speaks a language: the page, and how many (None: "some")."""

    section: object
    count: int | None


@dataclass
class Entry:
    language: SpokenLanguage
    places: list = field(default_factory=list)
    occurrences: list = field(default_factory=list)


def _counts(sections):
    """``{(language id, section id): consenting active volunteers}``."""
    rows = (
        VolunteerProfile.objects.filter(
            section__in=sections, consent_language_listing=True, user__is_active=True
        )
        .exclude(languages=None)
        .values("languages", "section")
        .annotate(volunteers=Count("pk"))
    )
    return {(row["languages"], row["section"]): row["volunteers"] for row in rows}


def _listed(sections):
    """``{(language id, section id)}`` of the municipalities' own lists."""
    rows = SpokenLanguage.objects.filter(municipalities__in=sections).values_list(
        "pk", "municipalities"
    )
    return set(rows)


def _next_occurrences(language_ids):
    """``{language id: [occurrence]}``: each language's next public events, one date each."""
    firsts = (
        calendar.public_occurrences()
        .filter(end__gte=timezone.now(), event__languages__in=language_ids)
        .order_by()
        .values("event__languages", "event")
        .annotate(first=Min("start"))
    )
    chosen = defaultdict(list)
    for row in sorted(firsts, key=lambda row: (row["first"], row["event"])):
        if len(chosen[row["event__languages"]]) < EVENTS_PER_LANGUAGE:
            chosen[row["event__languages"]].append((row["event"], row["first"]))
    pairs = {pair for found in chosen.values() for pair in found}
    if not pairs:
        return {}
    which = Q()
    for event, start in pairs:
        which |= Q(event_id=event, start=start)
    occurrences = calendar.with_localized_events(calendar.public_occurrences().filter(which))
    by_pair = {(occurrence.event_id, occurrence.start): occurrence for occurrence in occurrences}
    return {
        language: [by_pair[pair] for pair in found if pair in by_pair]
        for language, found in chosen.items()
    }


def directory():
    """``[Entry]`` for every language spoken in the network, by name in the reader's language."""
    sections = list(calendar.sections())
    counts, listed = _counts(sections), _listed(sections)
    spoken = {language_id for language_id, _section in [*counts, *listed]}
    entries = {
        language.pk: Entry(language) for language in SpokenLanguage.objects.filter(pk__in=spoken)
    }
    shown_sections = dict(zip(sections, localized(sections), strict=True))
    for section in sections:
        for language_id, entry in entries.items():
            if (language_id, section.pk) not in counts and (language_id, section.pk) not in listed:
                continue
            count = counts.get((language_id, section.pk), 0)
            entry.places.append(Place(shown_sections[section], count if count >= SMALL else None))
    for language_id, occurrences in _next_occurrences(list(entries)).items():
        entries[language_id].occurrences = occurrences
    return sorted(entries.values(), key=lambda entry: str(entry.language.reader_name).lower())


class DirectoryForm(forms.Form):
    sprak = forms.ModelChoiceField(
        label=_("Language"),
        queryset=SpokenLanguage.objects.all(),
        to_field_name="code",
        required=False,
        error_messages={"invalid_choice": _("We do not know that language. Here are all of them.")},
    )

    def __init__(self, data, entries):
        super().__init__(data)
        # In the order of the directory, named as it names them.
        self.fields["sprak"].choices = [
            ("", _("All languages")),
            *((entry.language.code, entry.language.reader_label) for entry in entries),
        ]


def directory_view(request):
    entries = directory()
    form = DirectoryForm(request.GET, entries)
    valid = form.is_valid()
    chosen = form.cleaned_data.get("sprak") if valid else None
    context = {
        "form": form,
        "chosen": chosen,
        "entries": [entry for entry in entries if chosen is None or entry.language == chosen],
        "calendar": EventIndexPage.for_reader(),
    }
    response = render(request, "discovery/languages.html", context, status=200 if valid else 400)
    if request.user.is_authenticated:
        add_never_cache_headers(response)  # her header (name, area) is hers alone
    else:
        # Counts change when a volunteer changes her profile: kept a short while.
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
