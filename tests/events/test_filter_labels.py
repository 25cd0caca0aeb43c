"""Mixed directions in the calendar's filters and an event's dates.

An ``<option>`` holds no ``<bdi>``, so on a page in another language than
Norwegian a Norwegian place or an untranslated kind of event sits between
Unicode's isolates (FSI … PDI), a district still indented before them;
Norwegian pages show the names as they are. The languages are in the order
of the names the reader reads. The comma before a repeating event's last
date is the reader's ("،" in Arabic), from the catalog.
"""

import re

import pytest

from cms.translation.trees import sync_translation_trees
from tests.factories import SpokenLanguageFactory

pytestmark = pytest.mark.django_db

FSI, PDI = "\u2068", "\u2069"
EM_SPACE = "\u2003"


def options(html, name):
    """``(value, label)`` of each option of the calendar form's ``name`` select."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_places_on_an_arabic_calendar_are_isolated_and_districts_still_indented(
    client, fixed_events, places
):
    sync_translation_trees()

    arabic = dict(options(client.get("/ar/arrangementer/").content.decode(), "seksjon"))
    norwegian = dict(options(client.get("/arrangementer/").content.decode(), "seksjon"))

    assert arabic[str(places["oslo"].pk)] == f"{FSI}Oslo{PDI}"
    assert arabic[str(places["stovner"].pk)] == f"{EM_SPACE}{FSI}Stovner{PDI}"
    assert arabic[str(places["follo"].pk)] == f"{FSI}Nordre Follo{PDI}"
    assert norwegian[str(places["stovner"].pk)] == f"{EM_SPACE}Stovner"


def test_an_untranslated_kind_of_event_is_isolated_on_an_arabic_calendar(client, fixed_events):
    sync_translation_trees()
    course = fixed_events["kurs-oslo"].category

    arabic = dict(options(client.get("/ar/arrangementer/").content.decode(), "kategori"))
    norwegian = dict(options(client.get("/arrangementer/").content.decode(), "kategori"))

    assert arabic["kurs"] == f"{FSI}{course.name}{PDI}"
    assert norwegian["kurs"] == course.name


@pytest.mark.parametrize(("prefix", "order"), [("", ["so", "de"]), ("/en", ["de", "so"])])
def test_languages_are_listed_by_the_names_the_reader_reads(client, fixed_events, prefix, order):
    SpokenLanguageFactory(code="de", name="tysk", name_local="Deutsch")
    sync_translation_trees()

    html = client.get(f"{prefix}/arrangementer/").content.decode()
    codes = [value for value, _label in options(html, "sprak") if value]

    # Arabic ("arabisk", "Arabic") comes first in both; German and Somali swap.
    assert codes == ["ar", *order]
