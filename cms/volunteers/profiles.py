"""A volunteer's personal data: what is stored, her download, deleting it, the public trace.

The public trace is the language directory of a section, built only from
profiles whose owner consented (``consent_language_listing``), and only as
language names.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q

from cms.activity.models import ActivityEntry
from cms.core.groups import VOLUNTEERS
from cms.core.languages import SpokenLanguage
from cms.curriculum.models import Programme
from cms.volunteers.models import VolunteerProfile


class AlreadyVolunteer(Exception):
    """She volunteers in another section: a person belongs to one section only."""

    def __init__(self, section):
        super().__init__(section)
        self.section = section


def enrol(person, section, programme=Programme.LONG, phone="", languages=()):
    """Make ``person`` a volunteer of ``section``: her profile and the volunteers' group.

    Nothing changes in a profile she already has in this section; one in
    another section raises :class:`AlreadyVolunteer`. Call it in a transaction.
    """
    profile = VolunteerProfile.objects.filter(user=person).select_related("section").first()
    if profile is not None and profile.section_id != section.pk:
        raise AlreadyVolunteer(profile.section)
    if profile is None:
        profile = VolunteerProfile.objects.create(
            user=person, section=section, programme=programme, phone=phone
        )
        profile.languages.set(languages)
    person.groups.add(*Group.objects.filter(name=VOLUNTEERS))
    return profile


def personal_data(profile):
    """Everything stored about a volunteer, as plain data (her download)."""
    user = profile.user
    return {
        "user": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": {
            "section": profile.section.title,
            "programme": profile.programme,
            "languages": [language.name for language in profile.languages.all()],
            "phone": profile.phone,
            "consent_photo": profile.consent_photo,
            "consent_language_listing": profile.consent_language_listing,
            "deletion_requested_at": (
                profile.deletion_requested_at.isoformat() if profile.deletion_requested_at else None
            ),
            "created_at": profile.created_at.isoformat(),
        },
        "consent_records": [
            {"consent": record.kind, "given": record.given, "at": record.recorded_at.isoformat()}
            for record in profile.consent_records.all()
        ],
        "attendance": [
            {"module": attendance.module.title, "date": attendance.date.isoformat()}
            for attendance in profile.attendance.select_related("module")
        ],
        "activity": [
            {
                "date": entry.date.isoformat(),
                "kind": entry.kind,
                "topics": [row.topic for row in entry.topic_rows.all()],
                "languages": [language.code for language in entry.languages.all()],
                "people": entry.people,
                "services": [row.service for row in entry.service_rows.all()],
                "minutes": entry.minutes,
                "logged_at": entry.created_at.isoformat(),
            }
            for entry in ActivityEntry.objects.filter(volunteer=user)
            .prefetch_related("topic_rows", "service_rows", "languages")
            .order_by("date", "pk")
        ],
    }


def delete_volunteer(profile):
    """Remove a volunteer's personal data; her attendance and activity stay, without her.

    The account goes too, unless it has another role (an editor who is also a
    volunteer): then only the volunteer's profile and membership go. Her
    activity entries belong to the section and stay as anonymous counts.
    """
    user = profile.user
    with transaction.atomic():
        ActivityEntry.objects.filter(volunteer=user).update(volunteer=None)
        if user.is_staff or user.is_superuser or user.groups.exclude(name=VOLUNTEERS).exists():
            profile.delete()
            user.groups.remove(*user.groups.filter(name=VOLUNTEERS))
            return False
        user.delete()
        return True


def section_languages(section_pk, municipality=False):
    """The languages a Norwegian section's group speaks: its own list, and consenting volunteers'.

    Names of languages only: never who speaks them, nor how many. A
    municipality (``municipality``) has a list of its own; an association not.
    """
    query = Q(
        volunteers__section=section_pk,
        volunteers__consent_language_listing=True,
        volunteers__user__is_active=True,
    )
    if municipality:
        query |= Q(municipalities=section_pk)
    return SpokenLanguage.objects.filter(query).distinct().order_by("name")
