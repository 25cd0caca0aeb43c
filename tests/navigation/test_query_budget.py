"""Every public page costs at most 15 SQL queries, in every language, however much content.

The demo network is walked page by page in all nine languages (translations,
and the aliases that show Norwegian text under a language's prefix), with the
calendar's and the news index's routes, the search and the sitemap. Each
address is asked twice and the second answer is counted: the first builds
what is kept across requests (``cms.navigation.chrome``), as the first
visitor after an edit does. The public page cache is off in tests, so every
count is a page rendered anew.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from cms.core.visibility import public
from cms.events.models import Event
from cms.events.pages import EventIndexPage
from cms.platform import pagecache
from tests.factories import EventFactory, MunicipalityPageFactory, NewsPageFactory

# One worker for the module: the demo is loaded once (tests/helpers/demo.py).
pytestmark = pytest.mark.xdist_group("demo-query-budget")

#: The most SQL queries any public page may cost.
BUDGET = 15


def queries(client, url):
    """The SQL queries of a second request to ``url`` (the first warms what is kept)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


def public_addresses():
    """Every public page of the demo in every language, and the routes below them."""
    urls = [page.url for page in public(Page.objects.live().filter(depth__gt=1)).order_by("path")]
    event = Event.objects.public().filter(locale__language_code="nb").first()
    for calendar in EventIndexPage.objects.live():
        urls += [f"{calendar.url}{event.pk}/", f"{calendar.url}?kategori=kurs"]
    for code in ("nb", "en", "ar", "so", "ur", "pl", "ti", "fa", "tr"):
        with translation.override(code):
            urls.append(reverse("search") + "?q=kurs")
    urls += ["/aktuelt/rss/", "/sitemap.xml"]
    return list(dict.fromkeys(url for url in urls if url))


def test_every_public_page_in_every_language_keeps_to_the_budget(client, demo):
    addresses = public_addresses()
    languages = {url.split("/")[1] for url in addresses if len(url.split("/")[1]) == 2}
    assert {"en", "ar", "so", "ur", "pl", "ti", "fa", "tr"} <= languages  # all nine walked
    over = {url: count for url in addresses if (count := queries(client, url)) > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"


#: One address of each public template, in Norwegian, English, Arabic and Somali.
SAMPLES = [
    f"{prefix}{path}"
    for prefix in ("", "/en", "/ar", "/so")
    for path in (
        "/",
        "/oslo/",
        "/oslo/stovner/",
        "/nordre-follo/",
        "/nordre-follo/bydelsmodre-nordre-follo/",
        "/om-oss/",
        "/aktuelt/",
        "/arrangementer/",
    )
]


def counts(client, urls):
    """Queries per address right after an edit (cold) and on the next request (warm)."""
    result = {}
    for url in urls:
        pagecache.content.renew()  # as any edit does
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200, url
        result[url] = (len(cold.captured_queries), queries(client, url))
    return result


def grow_tenfold(home):
    """Ten times the demo's sections, news and events (the programme is the private area's)."""
    news_index = Page.objects.get(url_path="/forside/aktuelt/").specific
    sections = []
    for number in range(30):
        section = MunicipalityPageFactory(parent=home, title=f"Kommune {number}")
        MunicipalityPageFactory(parent=section, title=f"Bydel {number}")
        sections.append(section)
    for number in range(60):
        NewsPageFactory(parent=news_index, title=f"Nyhet {number}")
    for number in range(300):
        EventFactory(section=sections[number % len(sections)], title=f"Arrangement {number}")


def test_ten_times_the_content_adds_no_query(client, demo):
    home = Page.objects.get(depth=2, locale__language_code="nb")
    before = counts(client, SAMPLES)
    grow_tenfold(home)
    after = counts(client, SAMPLES)
    grown = {url: (before[url], after[url]) for url in SAMPLES if after[url] > before[url]}
    assert not grown, f"more queries with ten times the content (before, after): {grown}"
