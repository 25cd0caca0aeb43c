"""The public figure (``{% activity_figure %}``): this year's conversations, rounded, from 20.

The front page shows the whole network's figure, a section's page its own;
only conversations count, rounded down to tens, and nothing shows below 20.
The figure is kept for an hour under the content generation, so the tests
clear the cache between a change and the next request, as an hour would;
the page cache itself is off in the test settings.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from cms.activity.models import ActivityEntry, ActivitySettings
from tests.factories import SpokenLanguageFactory

FIGURE = re.compile(r'<p class="impact-figure">(.*?)</p>', re.S)
NUMBER = re.compile(r"\d+")


def figure(client, url):
    """(conversations, languages) the page at ``url`` shows, or None; fresh from the database."""
    cache.clear()
    response = client.get(url)
    assert response.status_code == 200
    found = FIGURE.findall(response.content.decode())
    if not found:
        return None
    (text,) = found
    # "I år har bydelsmødrene våre hatt minst 20 samtaler, på 2 språk."
    conversations, languages = NUMBER.findall(text)
    return int(conversations), int(languages)


@pytest.fixture
def this_year():
    return timezone.localdate()


@pytest.fixture
def log(make_entry, this_year):
    """``log(section, count, **fields)``: that many entries today (conversations by default)."""

    def make(section, count, **fields):
        fields.setdefault("date", this_year)
        return [make_entry(section, **fields) for _ in range(count)]

    return make


@pytest.fixture
def section_url(nordre_follo):
    return nordre_follo.url


# --- The front page: the whole network ----------------------------------------------------


def test_no_figure_below_twenty_conversations(client, home, nordre_follo, log):
    log(nordre_follo, 19)
    assert figure(client, "/") is None
    log(nordre_follo, 1)
    assert figure(client, "/") == (20, 1)


def test_the_figure_is_rounded_down_to_tens(client, home, nordre_follo, indre_ostfold, log):
    log(nordre_follo, 15)
    log(indre_ostfold, 12)
    assert figure(client, "/") == (20, 1)  # 27: "at least 20"
    log(indre_ostfold, 12)
    assert figure(client, "/") == (30, 1)  # 39
    log(indre_ostfold, 1)
    assert figure(client, "/") == (40, 1)  # 40


def test_only_conversations_count(client, home, nordre_follo, log):
    log(nordre_follo, 15)
    log(nordre_follo, 10, kind="help")
    log(nordre_follo, 10, kind="activity", people=30)
    assert figure(client, "/") is None  # 35 entries, 15 conversations


def test_only_this_years_conversations_count(client, home, nordre_follo, log, this_year):
    log(nordre_follo, 15)
    log(nordre_follo, 30, date=this_year.replace(year=this_year.year - 1))
    assert figure(client, "/") is None


def test_the_figure_counts_the_conversations_languages(
    client, home, nordre_follo, log, somali, arabic
):
    tigrinya = SpokenLanguageFactory(code="ti", name="tigrinja", name_local="ትግርኛ")
    log(nordre_follo, 12, languages=[somali])
    log(nordre_follo, 10, languages=[somali, arabic])
    log(nordre_follo, 5, kind="help", languages=[tigrinya])  # not a conversation
    assert figure(client, "/") == (20, 2)


def test_the_figure_never_names_a_volunteer(
    client, home, nordre_follo, make_entry, amina, this_year
):
    for _ in range(25):
        make_entry(nordre_follo, amina.user, date=this_year)
    cache.clear()
    html = client.get("/").content.decode()
    assert FIGURE.search(html)
    for name in ("Amina", "Haji", amina.user.username, amina.phone):
        assert name not in html
    html = client.get(nordre_follo.url).content.decode()
    assert FIGURE.search(html)
    for name in ("Amina", "Haji", amina.user.username, amina.phone):
        assert name not in html


# --- A section's page: its own figure -------------------------------------------------------


def test_a_section_page_shows_its_own_figure(
    client, home, nordre_follo, indre_ostfold, log, section_url
):
    log(nordre_follo, 23)
    log(indre_ostfold, 35)
    assert figure(client, section_url) == (20, 1)
    assert figure(client, indre_ostfold.url) == (30, 1)
    assert figure(client, "/") == (50, 1)  # 58


def test_a_section_below_twenty_shows_no_figure_beside_a_busy_network(
    client, home, nordre_follo, indre_ostfold, log, section_url
):
    log(nordre_follo, 12)
    log(indre_ostfold, 40)
    assert figure(client, section_url) is None
    assert figure(client, "/") == (50, 1)


def test_a_section_page_with_public_figure_setting(client, home, nordre_follo, log, section_url):
    ActivitySettings.objects.create(section=nordre_follo, public_figure=True)
    log(nordre_follo, 21)
    assert figure(client, section_url) == (20, 1)


def test_a_section_page_without_public_figure_setting(client, home, nordre_follo, log, section_url):
    """The section turned its figure off: none on its page; the network's still counts it."""
    ActivitySettings.objects.create(section=nordre_follo, public_figure=False)
    log(nordre_follo, 21)
    assert figure(client, section_url) is None
    assert figure(client, "/") == (20, 1)


def test_turning_the_figure_off_shows_at_the_next_count(
    client, home, nordre_follo, log, section_url
):
    log(nordre_follo, 21)
    assert figure(client, section_url) == (20, 1)
    ActivitySettings.objects.update_or_create(
        section=nordre_follo, defaults={"public_figure": False}
    )
    assert figure(client, section_url) is None


def test_deleted_entries_leave_the_figure(client, home, nordre_follo, log):
    entries = log(nordre_follo, 21)
    assert figure(client, "/") == (20, 1)
    ActivityEntry.objects.filter(pk=entries[0].pk).delete()
    ActivityEntry.objects.filter(pk=entries[1].pk).update(
        date=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert figure(client, "/") is None


def test_a_translated_section_page_shows_the_same_figure(
    client, home, nordre_follo, log, translate, locales
):
    log(nordre_follo, 21)
    translate(home, "en")
    english = translate(nordre_follo, "en").get_target_instance()
    assert english.url.startswith("/en/")
    cache.clear()
    html = client.get(english.url).content.decode()
    (text,) = FIGURE.findall(html)
    assert "at least 20 conversations, in 1 language." in " ".join(text.split())
