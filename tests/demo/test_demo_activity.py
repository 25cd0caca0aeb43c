"""The demo's year of activity: entries where there are volunteers, complete and in the past."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone

from cms.activity.models import ActivityEntry
from cms.activity.stats import Period, build_report
from cms.volunteers.models import VolunteerProfile

pytestmark = pytest.mark.django_db(transaction=False)


def test_sections_with_volunteers_have_a_year_of_complete_past_entries(demo):
    """One demo load for all of it (a load takes long); loading twice: test_load_demo.py."""
    with_volunteers = set(VolunteerProfile.objects.values_list("section_id", flat=True))
    logged = dict(
        ActivityEntry.objects.values_list("section_id").annotate(n=Count("pk")).order_by()
    )
    assert with_volunteers
    assert set(logged) == with_volunteers
    assert all(150 <= count <= 400 for count in logged.values())
    for profile in VolunteerProfile.objects.all():
        # Her own entries, in the languages she speaks.
        spoken = set(profile.languages.values_list("pk", flat=True))
        used = set(
            ActivityEntry.languages.through.objects.filter(
                activityentry__volunteer=profile.user
            ).values_list("spokenlanguage", flat=True)
        )
        assert used and used <= spoken
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    entries = ActivityEntry.objects.annotate(
        topics=Count("topic_rows", distinct=True), spoken=Count("languages", distinct=True)
    )
    assert not entries.filter(topics=0).exists()
    assert not entries.filter(spoken=0).exists()
    assert not entries.filter(date__gt=today).exists()
    assert not entries.filter(date__lte=year_ago).exists()
    assert set(entries.values_list("kind", flat=True)) == {"conversation", "help", "activity"}
    for section in set(ActivityEntry.objects.values_list("section_id", flat=True)):
        report = build_report(Period([section], year_ago, today))
        assert report.entries.total == ActivityEntry.objects.filter(section=section).count()
