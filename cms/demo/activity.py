"""A year of the volunteers' activity log, so the charts and the report look real.

Every section with demo volunteers gets the twelve months up to today of
entries: mostly conversations, some practical help, fewer activities (which
reach more people), each with one to three topics of the seed's list, the
languages its volunteer speaks and sometimes a service. Part of them are
anonymous, as the entries of volunteers who left are. The numbers come from a
``random.Random`` seeded with the section's slug, so every demo looks alike;
a section that has entries already is left as it is, so a second run adds
nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

from cms.activity.models import (
    ActivityEntry,
    ActivityKind,
    Duration,
    EntryService,
    EntryTopic,
    Service,
    Topic,
)
from cms.core.languages import SpokenLanguage
from cms.volunteers.models import VolunteerProfile

#: Entries per volunteer in the year, and per section from volunteers who left.
PER_VOLUNTEER = (100, 140)
ANONYMOUS = (200, 250)

#: (kind, weight, people reached as (low, high), minutes it may take: ``Duration`` values).
KINDS = [
    (ActivityKind.CONVERSATION, 58, (1, 3), (15, 30, 30, 60, 60, 90)),
    (ActivityKind.PRACTICAL_HELP, 30, (1, 2), (30, 60, 60, 90, 120, 180)),
    (ActivityKind.ACTIVITY, 12, (5, 40), (90, 120, 120, 180, 240, 450)),
]

#: The seed's topics, the first ones the most common.
TOPICS = [Topic.FAMILY, Topic.SERVICES, Topic.HEALTH, Topic.EDUCATION, Topic.LEISURE, Topic.MONEY]
TOPIC_WEIGHTS = [30, 25, 18, 14, 8, 5]

#: How often an entry of each kind names a service.
SERVICE_SHARE = {
    ActivityKind.CONVERSATION: 0.15,
    ActivityKind.PRACTICAL_HELP: 0.6,
    ActivityKind.ACTIVITY: 0.1,
}
SERVICES = [
    Service.HEALTH_STATION,
    Service.NAV,
    Service.SCHOOL,
    Service.KINDERGARTEN,
    Service.MUNICIPALITY,
    Service.OTHER,
]
SERVICE_WEIGHTS = [25, 25, 15, 15, 15, 5]

#: Less happens in the summer holidays and at Christmas.
MONTH_WEIGHTS = {7: 0.35, 8: 0.8, 12: 0.7}

#: The codes that would be Norwegian, if the spoken languages had it.
NORWEGIAN = ("nb", "no")


def load(progress, sections):
    """A year of entries for each section (by slug) with volunteers and none yet."""
    today = timezone.localdate()
    norwegian = SpokenLanguage.objects.filter(code__in=NORWEGIAN).first()
    for slug, section in sections.items():
        profiles = list(
            VolunteerProfile.objects.filter(section=section)
            .select_related("user")
            .prefetch_related("languages")
            .order_by("user__username")
        )
        if not profiles or ActivityEntry.objects.filter(section=section).exists():
            continue
        rng = random.Random(f"activity:{slug}")  # noqa: S311 - demo data, not security
        made = _year(rng, today, section, profiles, norwegian)
        progress.made(f"Logged {made} demo activities for {section.title}.", count=made)


def _year(rng, today, section, profiles, norwegian):
    """Bulk-create the section's entries with their topics, services and languages."""
    # An anonymous entry, or a volunteer who gave no languages: the group's own.
    fallback = list(section.languages.all()) if hasattr(section, "languages") else []
    fallback = fallback or ([norwegian] if norwegian else [])
    authors = [
        (profile.user, list(profile.languages.all()) or fallback)
        for profile in profiles
        for _ in range(rng.randint(*PER_VOLUNTEER))
    ]
    authors += [(None, fallback)] * rng.randint(*ANONYMOUS)
    plans = [
        plan(rng, day(rng, today), section, user, languages, norwegian)
        for user, languages in authors
        if languages  # an entry has at least one
    ]
    plans.sort(key=lambda planned: planned[0].date)
    return len(save(plans))


def plan(rng, date, section, volunteer, languages, norwegian=None):
    """One unsaved entry and its (topics, services, languages); the benchmark makes them too."""
    kind, _weight, (low, high), minutes = rng.choices(KINDS, [kind[1] for kind in KINDS])[0]
    people = rng.randint(low, high) if kind == ActivityKind.ACTIVITY else _few(rng, low, high)
    entry = ActivityEntry(
        section=section,
        volunteer=volunteer,
        date=date,
        kind=kind,
        people=people,
        minutes=Duration(rng.choice(minutes)).value,
    )
    topics = _some(rng, TOPICS, TOPIC_WEIGHTS, rng.choices([1, 2, 3], [55, 35, 10])[0])
    services = []
    if rng.random() < SERVICE_SHARE[kind]:
        services = _some(rng, SERVICES, SERVICE_WEIGHTS, rng.choices([1, 2], [85, 15])[0])
    spoken = rng.sample(languages, min(len(languages), rng.choices([1, 2], [75, 25])[0]))
    if kind == ActivityKind.ACTIVITY and norwegian and norwegian not in spoken:
        spoken.append(norwegian)  # an open activity is held in Norwegian too
    return entry, topics, services, spoken


def save(plans, batch_size=None):
    """Bulk-create the entries of ``plans``, then their topic, service and language rows."""
    entries = ActivityEntry.objects.bulk_create(
        [entry for entry, *_rest in plans], batch_size=batch_size
    )
    EntryTopic.objects.bulk_create(
        (
            EntryTopic(entry=entry, topic=topic)
            for entry, topics, _s, _l in plans
            for topic in topics
        ),
        batch_size=batch_size,
    )
    EntryService.objects.bulk_create(
        (
            EntryService(entry=entry, service=service)
            for entry, _t, services, _l in plans
            for service in services
        ),
        batch_size=batch_size,
    )
    Link = ActivityEntry.languages.through
    Link.objects.bulk_create(
        (
            Link(activityentry_id=entry.pk, spokenlanguage_id=language.pk)
            for entry, _t, _s, languages in plans
            for language in languages
        ),
        batch_size=batch_size,
    )
    return entries


def day(rng, today, days=365):
    """One of the ``days`` days up to today, fewer in the holidays and at weekends."""
    while True:
        date = today - timedelta(days=rng.randrange(days))
        weight = MONTH_WEIGHTS.get(date.month, 1) * (0.4 if date.weekday() >= 5 else 1)
        if rng.random() < weight:
            return date


def _few(rng, low, high):
    """Mostly ``low`` people, sometimes more up to ``high``."""
    return low if rng.random() < 0.7 else rng.randint(low, high)


def _some(rng, choices, weights, count):
    """``count`` different members of ``choices``, drawn by ``weights``."""
    chosen = []
    while len(chosen) < count:
        value = rng.choices(choices, weights)[0]
        if value not in chosen:
            chosen.append(value)
    return chosen
