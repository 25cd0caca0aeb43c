"""Mixed directions in the volunteer area: dates, times and Norwegian modules on an Arabic page.

Under /ar/ a date is a ``<time>`` in the reader's language that finds its own
direction, a numeric date or a time of day reads left to right in its own
``dir="ltr"`` element ("26.11.2026 10:00" does not turn into "10:00
26.11.2026"). The activity log's are in tests/activity/test_direction.py. A
Norwegian module shown under /ar/ carries
``lang="nb" dir="ltr"``, and the labels from the Arabic catalog inside it
carry Arabic's.
"""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.curriculum.models import CurriculumMaterial
from cms.privacy import restrictions
from cms.volunteers.models import ConsentKind, ConsentRecord
from tests.factories import OSLO, AttendanceFactory, SpokenLanguageFactory
from tests.helpers.direction import arabic_date, arabic_page
from tests.helpers.training import route

pytestmark = pytest.mark.django_db


# --- The profile, progress and certificate ----------------------------------------------


def test_the_profiles_languages_are_named_in_arabic_first_with_their_own_name_beside(
    client, area, amina
):
    SpokenLanguageFactory(code="so", name="somali", name_local="Soomaali")
    client.force_login(amina.user)

    arabic = arabic_page(client, area, "profile")
    client.get("/")  # back to Norwegian
    norwegian = client.get(route(area, "profile")).content.decode()

    assert "الصومالية – \u2068Soomaali\u2069</label>" in arabic
    assert ">somali</label>" not in arabic
    assert "somali – \u2068Soomaali\u2069</label>" in norwegian


def test_a_consents_date_and_time_each_read_in_their_own_direction(client, area, amina):
    ConsentRecord.objects.create(
        profile=amina,
        kind=ConsentKind.PHOTO,
        given=True,
        recorded_at=datetime.datetime(2026, 11, 26, 10, 0, tzinfo=OSLO),
    )
    amina.deletion_requested_at = timezone.now()
    amina.save(update_fields=["deletion_requested_at"])
    client.force_login(amina.user)

    html = arabic_page(client, area, "profile")

    consent = re.search(r"<h2 id=\"samtykker\">.*?<ul><li>(.*?)</li>", html, re.S).group(1)
    assert re.match(arabic_date("2026-11-26"), consent), consent
    # The time of day after it, left to right in its own element.
    assert '<span class="nowrap" dir="ltr">10:00</span>:' in consent
    assert "26.11.2026 10:00" not in html
    notice = re.search(r'<p class="notice">(.*?)</p>', html).group(1)
    assert re.search(arabic_date(timezone.localdate().isoformat()), notice)


def test_the_progress_tables_dates_read_left_to_right(client, area, modules, amina):
    AttendanceFactory(module=modules[0], volunteer=amina, date=datetime.date(2026, 9, 3))
    client.force_login(amina.user)

    html = arabic_page(client, area, "progress")

    assert re.search(r'<td><time datetime="2026-09-03" dir="ltr">[^<]*03[^<]*</time></td>', html)


def test_the_certificates_date_is_an_arabic_date_element(client, area, modules, amina):
    for day, module in enumerate(modules, start=1):
        AttendanceFactory(module=module, volunteer=amina, date=datetime.date(2026, 9, day))
    client.force_login(amina.user)

    html = arabic_page(client, area, "certificate")

    assert re.search(arabic_date("2026-09-04"), html)
    # Her section's Norwegian name inside the Arabic sentence, isolated.
    assert "\u2068Nordre Follo\u2069" in html


def test_her_sections_name_is_isolated_in_the_profiles_arabic_sentence(client, area, amina):
    client.force_login(amina.user)

    html = arabic_page(client, area, "profile")

    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
    assert "\u2068Nordre Follo\u2069" in lead


# --- A Norwegian module under /ar/ -----------------------------------------------------


@pytest.fixture
def arabic_handout(area, modules):
    """A handout in Arabic for the first module, beside its Norwegian text."""
    document = get_document_model()(
        title="دليل الأمهات", collection=restrictions.training_collection()
    )
    document.file.save("dalil.txt", ContentFile(b"handout"), save=False)
    document.save()
    CurriculumMaterial.objects.create(module=modules[0], document=document, language="ar")
    return document


def test_a_norwegian_module_under_arabic_keeps_each_language_in_its_direction(
    client, area, modules, amina, arabic_handout
):
    client.force_login(amina.user)

    html = arabic_page(client, area, "module", modules[0].pk)

    assert re.search(r'<header class="page-header" lang="nb" dir="ltr">', html)
    # "Evening 1" is from the Arabic catalog, inside the Norwegian header.
    assert re.search(r'<p class="eyebrow" lang="ar" dir="rtl">[^<]+</p>', html)
    assert re.search(r'<dt lang="ar" dir="rtl">[^<]+</dt>', html)
    assert re.search(r'<a href="[^"]+" lang="ar" dir="rtl">دليل الأمهات</a>', html)


def test_the_print_view_marks_its_arabic_labels_and_handouts(
    client, area, modules, amina, arabic_handout
):
    client.force_login(amina.user)

    html = arabic_page(client, area, "module_print", modules[0].pk)

    assert re.search(r'<html lang="nb" dir="ltr">', html)
    # The handout's title isolated in its language; the item itself keeps the
    # page's direction, so its marker stays inside the printable width.
    assert re.search(r'<h2 lang="ar" dir="rtl">[^<]+</h2>\s*<ul><li><bdi lang="ar">', html)
