"""Mixed directions in the activity log and its report.

Under /ar/ the volunteer's log names each language in Arabic first with its
own name isolated beside it (``<bdi>`` in the list, Unicode's isolates in a
checkbox's label), and its dates are ``<time>`` elements in the reader's
language that find their own direction. The report, always in Norwegian,
shows its period as date elements too.
"""

import re

import pytest
from django.urls import reverse

from tests.helpers.direction import arabic_date, arabic_page

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"


# --- The activity log ------------------------------------------------------------------


def test_the_activity_log_names_languages_in_arabic_first_with_their_own_name_beside(
    client, area, amina_speaks, make_entry, nordre_follo, somali, arabic
):
    make_entry(nordre_follo, amina_speaks.user, languages=[somali, arabic])
    client.force_login(amina_speaks.user)

    html = arabic_page(client, area, "activity")

    # What she logged: each name isolated, the own name in its own lang.
    assert '<bdi>العربية</bdi>, <bdi>الصومالية</bdi> (<bdi lang="so">Soomaali</bdi>)' in html
    # The form's checkboxes hold no markup: Unicode's isolates around the own name.
    labels = re.findall(r'<input type="checkbox" name="languages"[^>]*> ([^<]+)</label>', html)
    assert sorted(labels) == sorted(["العربية", f"الصومالية – {FSI}Soomaali{PDI}"])


def test_the_activity_logs_dates_are_arabic_date_elements(
    client, area, amina_speaks, make_entry, nordre_follo
):
    entry = make_entry(nordre_follo, amina_speaks.user, days_ago=2)
    client.force_login(amina_speaks.user)
    iso = entry.date.isoformat()

    log = arabic_page(client, area, "activity")
    edit = arabic_page(client, area, "activity_edit", entry.pk)
    delete = arabic_page(client, area, "activity_delete", entry.pk)

    assert re.search(
        rf'<p class="activity-list__what"><strong>[^<]+</strong>, {arabic_date(iso)}</p>', log
    )
    assert re.search(rf'<p class="lead">[^<]+, {arabic_date(iso)}</p>', edit)
    assert re.search(arabic_date(iso), delete)


# --- The report ------------------------------------------------------------------------


def test_the_reports_period_is_two_date_elements(
    client, coordinator, make_entry, nordre_follo, amina
):
    make_entry(nordre_follo, amina.user, date="2026-03-01")
    client.force_login(coordinator)

    response = client.get(
        reverse("cms_activity_report", args=[nordre_follo.pk]),
        {"start": "2026-01-01", "end": "2026-06-30"},
    )

    assert response.status_code == 200
    assert (
        '<p>Fra <time datetime="2026-01-01" lang="nb" dir="auto">1. januar 2026</time> '
        'til <time datetime="2026-06-30" lang="nb" dir="auto">30. juni 2026</time></p>'
    ) in response.content.decode()
