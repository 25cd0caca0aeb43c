"""No private content reaches anyone outside the audience, by any path.

The volunteer area, its child pages, its routes (the programme, the modules,
the profile), the training documents and images are for the private
audience only (``cms.privacy``). Each test here tries one path an anonymous
visitor (or a logged-in person outside the audience) could take to them: the
page's URL in every language, a lost restriction, a translation or alias made
before the page became private, the document and media URLs, the search, the
sitemap, an API, the calendar and its feeds, the menus and listings of public
pages, and the admin's previews. Each checks what the person would notice:
the status, where they are sent, the headers, and whether a private title or
private bytes are in what they get.

The module is also the URL configuration of the media tests: the site's own
URLs with the development server's media route in front, as ``DEBUG`` adds it.
"""

import os
import re

import pytest
from django.urls import NoReverseMatch, reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, PageViewRestriction
from wagtail.search.backends import get_search_backend

from cms.core.groups import VOLUNTEERS
from cms.events.models import Audience
from config import urls as site_urls
from config.urls import media_urlpatterns
from tests.factories import (
    EventFactory,
    EventIndexPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

Image = get_image_model()

#: The development server's media route in front of the site, as with DEBUG.
urlpatterns = [*media_urlpatterns(), *site_urls.urlpatterns]

SECRET_TITLE = "Hemmelig samling Zebra"
SECRET_INDEX_TITLE = "Internt rom Zebra"
DOCUMENT_BYTES = b"Privat opplaering"
ADMIN_LOGIN = "/admin/login/"


# --- Helpers ------------------------------------------------------------------


def login(client, user):
    client.force_login(user)
    return client


def body(response):
    """The response's bytes (a streamed response can be read once only)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text(response):
    return body(response).decode(errors="replace")


def assert_sent_to_login(response, prefix=""):
    """A redirect to the site's login page (in the language of ``prefix``), coming back after."""
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(f"{prefix}/logg-inn/?next="), response["Location"]


def assert_sent_to_admin_login(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(ADMIN_LOGIN), response["Location"]


def cache_control(response):
    return response.get("Cache-Control", "")


def assert_uncacheable(response):
    assert "private" in cache_control(response), cache_control(response)
    assert "no-store" in cache_control(response), cache_control(response)


def translate(page, locale, title):
    """A live translation of ``page``; call it inside ``committed()``."""
    copy = page.copy_for_translation(locale)
    copy.title = title
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def route(area, name, *args):
    return area.url + area.reverse_subpage(name, args=args)


def public_image(filename="kurs.png"):
    return Image.objects.create(
        title="Offentlig bilde",
        collection=Collection.get_first_root_node(),
        file=get_test_image_file(filename=filename),
    )


# --- Fixtures -----------------------------------------------------------------


@pytest.fixture
def private_index(area):
    return NewsIndexPageFactory(parent=area, title=SECRET_INDEX_TITLE, slug="internt")


@pytest.fixture
def private_news(private_index):
    """A news article inside the volunteer area, with a title found nowhere else."""
    news = NewsPageFactory(parent=private_index, title=SECRET_TITLE, slug="hemmelig-samling")
    get_search_backend().add(news)
    return news


@pytest.fixture
def public_page(home):
    page = StandardPageFactory(parent=home, title="Om bydelsmødrene", slug="om-oss")
    get_search_backend().add(page)
    return page


# --- 1. The page's URL ----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login_from_the_area_and_its_pages(
    client, area, private_index, private_news
):
    for page in (area, private_index, private_news):
        response = client.get(page.url)
        assert_sent_to_login(response)
        assert response["Location"] == f"/logg-inn/?next={page.url}"
        assert SECRET_TITLE not in text(response)


def test_outsider_gets_an_uncacheable_403_without_the_content(client, area, private_news, outsider):
    login(client, outsider)
    for page in (area, private_news):
        response = client.get(page.url)
        assert response.status_code == 403
        assert SECRET_TITLE not in text(response)
        assert_uncacheable(response)


def test_volunteer_reads_the_private_page_and_it_is_not_cached(client, private_news, volunteer):
    login(client, volunteer.user)
    response = client.get(private_news.url)
    assert response.status_code == 200
    assert SECRET_TITLE in text(response)
    assert_uncacheable(response)


def test_volunteer_finds_the_internal_news_in_the_private_index(
    client, private_index, private_news, volunteer
):
    login(client, volunteer.user)
    response = client.get(private_index.url)
    assert response.status_code == 200
    assert f'href="{private_news.url}"' in text(response)
    assert_uncacheable(response)
    # The private index advertises no feed: feed readers log in nowhere.
    assert "application/rss+xml" not in text(response)


def test_coordinator_in_the_audience_reads_the_private_page(client, private_news, coordinator):
    login(client, coordinator)
    response = client.get(private_news.url)
    assert response.status_code == 200
    assert SECRET_TITLE in text(response)


# --- 2. Every language, translations and aliases ---------------------------------------


@pytest.mark.parametrize("code", ["en", "ar"])
def test_translated_area_sends_anonymous_visitors_to_login_in_their_language(
    client, home, area, locales, committed, code
):
    with committed():
        translate(home, locales[code], f"Bydelsmødre ({code})")
        translated_area = translate(area, locales[code], f"For frivillige ({code})")

    assert PageViewRestriction.objects.filter(page=translated_area).exists()
    assert not Page.objects.public().filter(pk=translated_area.pk).exists()
    assert translated_area.url == f"/{code}/frivillig/"
    response = client.get(translated_area.url)
    assert_sent_to_login(response, prefix=f"/{code}")
    assert f"({code})" not in text(response)


def test_translated_child_of_the_area_is_private_too(
    client, home, area, private_index, private_news, locales, committed, outsider
):
    with committed():
        translate(home, locales["en"], "Neighbourhood mothers")
        translate(area, locales["en"], "For volunteers")
        translate(private_index, locales["en"], "Internal Zebra")
        english = translate(private_news, locales["en"], "Secret gathering Zebra")

    response = client.get(english.url)
    assert_sent_to_login(response, prefix="/en")
    assert "Secret gathering Zebra" not in text(response)
    response = login(client, outsider).get(english.url)
    assert response.status_code == 403
    assert "Secret gathering Zebra" not in text(response)


def test_restriction_added_after_translating_reaches_the_translation(
    client, home, locales, committed
):
    page = StandardPageFactory(parent=home, title="Styremøte Zebra", slug="styremote")
    with committed():
        translate(home, locales["en"], "Neighbourhood mothers")
        english = translate(page, locales["en"], "Board meeting Zebra")
    assert client.get(english.url).status_code == 200

    with committed():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert PageViewRestriction.objects.filter(
        page=english, restriction_type=PageViewRestriction.LOGIN
    ).exists()
    assert not Page.objects.public().filter(pk=english.pk).exists()
    response = client.get(english.url)
    assert response.status_code != 200
    assert_sent_to_login(response, prefix="/en")
    assert "Board meeting Zebra" not in text(response)

    with committed():
        PageViewRestriction.objects.filter(page=page).delete()

    assert not PageViewRestriction.objects.filter(page=english).exists()
    assert Page.objects.public().filter(pk=english.pk).exists()
    response = client.get(english.url)
    assert response.status_code == 200
    assert "Board meeting Zebra" in text(response)


def test_deleting_a_private_page_keeps_its_translation_private(client, home, locales, committed):
    page = StandardPageFactory(parent=home, title="Styremøte Zebra", slug="styremote")
    with committed():
        translate(home, locales["en"], "Neighbourhood mothers")
        english = translate(page, locales["en"], "Board meeting Zebra")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    with committed():
        page.delete()

    assert PageViewRestriction.objects.filter(page=english).exists()
    assert not Page.objects.public().filter(pk=english.pk).exists()
    assert "Board meeting Zebra" not in text(client.get(english.url))


def test_groups_restriction_added_after_translating_reaches_the_translation(
    client, home, locales, committed, network, outsider
):
    page = StandardPageFactory(parent=home, title="Styremøte Zebra", slug="styremote")
    with committed():
        translate(home, locales["ar"], "بيدلسمودره")
        arabic = translate(page, locales["ar"], "اجتماع زيبرا")

    with committed():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([network[VOLUNTEERS]])

    copy = PageViewRestriction.objects.get(page=arabic)
    assert copy.restriction_type == PageViewRestriction.GROUPS
    assert set(copy.groups.all()) == {network[VOLUNTEERS]}
    assert not Page.objects.public().filter(pk=arabic.pk).exists()
    assert_sent_to_login(client.get(arabic.url), prefix="/ar")
    response = login(client, outsider).get(arabic.url)
    assert response.status_code == 403
    assert "اجتماع زيبرا" not in text(response)


def test_restriction_added_after_aliasing_reaches_the_alias(client, home, committed):
    page = StandardPageFactory(parent=home, title="Styremøte Zebra", slug="styremote")
    with committed():
        alias = page.create_alias(update_slug="styremote-kopi")
    assert client.get(alias.url).status_code == 200

    with committed():
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert PageViewRestriction.objects.filter(page=alias).exists()
    assert not Page.objects.public().filter(pk=alias.pk).exists()
    response = client.get(alias.url)
    assert_sent_to_login(response)
    assert "Styremøte Zebra" not in text(response)


def test_alias_of_a_page_inside_the_area_published_outside_it_stays_private(
    client, home, area, committed, outsider
):
    """An editor aliases an area page to the top level: it shows the private text."""
    inside = StandardPageFactory(parent=area, title="Internt referat Zebra", slug="referat")
    with committed():
        alias = inside.create_alias(parent=home, update_slug="referat-kopi")

    response = client.get(alias.url)
    assert "Internt referat Zebra" not in text(response)
    assert_sent_to_login(response)
    response = login(client, outsider).get(alias.url)
    assert "Internt referat Zebra" not in text(response)
    assert response.status_code == 403
    assert not Page.objects.public().filter(pk=alias.pk).exists()


# --- 3. A lost restriction ------------------------------------------------------------------


def test_area_page_whose_restriction_went_missing_is_still_refused(
    client, area, private_news, outsider, volunteer
):
    PageViewRestriction.objects.filter(page__path__startswith=area.path).delete()
    assert not private_news.get_view_restrictions()

    for page in (area, private_news):
        response = client.get(page.url)
        assert_sent_to_login(response)
        assert SECRET_TITLE not in text(response)

    login(client, outsider)
    for page in (area, private_news):
        response = client.get(page.url)
        assert response.status_code == 403
        assert SECRET_TITLE not in text(response)
        assert_uncacheable(response)

    # The audience still reads it, and no shared cache keeps it for the next visitor.
    response = login(client, volunteer.user).get(private_news.url)
    assert response.status_code == 200
    assert_uncacheable(response)


# --- 4. The area's routes and the admin's module views ------------------------------------


def _module_routes(area, module):
    return [
        route(area, "index"),
        route(area, "programme"),
        route(area, "module", module.pk),
        route(area, "module_print", module.pk),
        route(area, "progress"),
        route(area, "certificate"),
        route(area, "profile"),
        route(area, "profile_data"),
    ]


def test_area_routes_send_anonymous_visitors_to_login(client, area, modules):
    for url in _module_routes(area, modules[0]):
        response = client.get(url)
        assert_sent_to_login(response)
        assert modules[0].title not in text(response)


def test_area_routes_refuse_an_outsider(client, area, modules, outsider):
    login(client, outsider)
    for url in _module_routes(area, modules[0]):
        response = client.get(url)
        assert response.status_code == 403, url
        assert modules[0].title not in text(response)
        assert "912 34 567" not in text(response)


def test_profile_post_from_anonymous_changes_nothing(client, area, volunteer):
    response = client.post(route(area, "profile"), {"action": "request_deletion"})
    assert_sent_to_login(response)
    volunteer.refresh_from_db()
    assert volunteer.deletion_requested_at is None


def test_volunteer_reaches_the_module_routes(client, area, modules, volunteer):
    login(client, volunteer.user)
    response = client.get(route(area, "module", modules[0].pk))
    assert response.status_code == 200
    assert modules[0].title in text(response)
    response = client.get(route(area, "profile_data"))
    assert response.status_code == 200
    assert "912 34 567" in text(response)


def _snippet_urls(module):
    urls = []
    for name in ("edit", "inspect", "history", "usage", "preview_on_edit"):
        try:
            urls.append(reverse(f"wagtailsnippets_cms_curriculummodule:{name}", args=[module.pk]))
        except NoReverseMatch:
            continue
    return urls


def test_module_admin_views_send_anonymous_visitors_to_admin_login(client, modules):
    urls = _snippet_urls(modules[0])
    assert urls  # at least the edit view
    for url in urls:
        response = client.get(url)
        assert_sent_to_admin_login(response)
        assert modules[0].title not in text(response)


def test_module_admin_views_refuse_a_volunteer(client, modules, volunteer):
    login(client, volunteer.user)
    for url in _snippet_urls(modules[0]):
        response = client.get(url)
        assert response.status_code != 200, url
        assert modules[0].purpose not in text(response)


# --- 5. Documents and the media server ---------------------------------------------------


def test_private_document_sends_anonymous_visitors_to_login(client, training_document):
    assert training_document.url.startswith(f"/documents/{training_document.pk}/")
    response = client.get(training_document.url)
    assert_sent_to_login(response)
    assert DOCUMENT_BYTES not in body(response)

    # Any other file name for the same document: never the bytes.
    for url in (
        f"/documents/{training_document.pk}/annet-navn.txt",
        f"/documents/{training_document.pk}/",
        f"/en/documents/{training_document.pk}/rollen-som-bydelsmor.txt",
    ):
        response = client.get(url)
        assert response.status_code != 200, url
        assert DOCUMENT_BYTES not in body(response)


def test_private_document_refuses_an_outsider(client, training_document, outsider):
    response = login(client, outsider).get(training_document.url)
    assert response.status_code == 403
    assert DOCUMENT_BYTES not in body(response)
    assert_uncacheable(response)


def test_volunteer_downloads_the_private_document_uncached(client, training_document, volunteer):
    response = login(client, volunteer.user).get(training_document.url)
    assert response.status_code == 200
    assert DOCUMENT_BYTES in body(response)
    assert_uncacheable(response)


@pytest.mark.urls("tests.volunteers.test_private_paths")
def test_media_server_serves_renditions_only(client, training_document, private_image):
    assert training_document.file.name.startswith("documents/")
    response = client.get(f"/media/{training_document.file.name}")
    assert response.status_code == 404
    assert DOCUMENT_BYTES not in body(response)

    assert private_image.file.name.startswith("original_images/")
    response = client.get(f"/media/{private_image.file.name}")
    assert response.status_code == 404
    assert not body(response).startswith(b"\x89PNG")

    rendition_url = public_image().get_rendition("width-400").url
    assert rendition_url.startswith("/media/images/")
    response = client.get(rendition_url)
    assert response.status_code == 200
    assert body(response).startswith(b"\x89PNG")


# --- 6. Private images -----------------------------------------------------------------


@pytest.fixture
def area_with_image(area, private_image):
    area.body = [("image", {"image": private_image, "alt_text": "x", "caption": ""})]
    area.save_revision().publish()
    area.refresh_from_db()
    return area


def test_private_image_is_shown_through_the_checked_route_only(
    client, area_with_image, private_image, volunteer
):
    response = login(client, volunteer.user).get(area_with_image.url)
    assert response.status_code == 200
    html = text(response)
    assert f"/frivillig/bilde/{private_image.pk}/width-960/" in html
    stem = os.path.splitext(os.path.basename(private_image.file.name))[0]
    assert f"/media/images/{stem}" not in html
    assert "/media/original_images/" not in html
    for rendition in private_image.renditions.all():
        assert rendition.file.name not in html


def test_private_image_route_serves_the_audience_only(
    client, area_with_image, private_image, volunteer, outsider
):
    url = route(area_with_image, "image", private_image.pk, "width-960")

    response = client.get(url)
    assert_sent_to_login(response)
    assert not body(response).startswith(b"\x89PNG")

    response = login(client, outsider).get(url)
    assert response.status_code == 403
    assert not body(response).startswith(b"\x89PNG")

    response = login(client, volunteer.user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)


def test_private_image_route_refuses_other_filters(client, area, private_image, volunteer):
    login(client, volunteer.user)
    for spec in ("width-5000", "fill-1x1", "original", "width-400.png", "x", "max-4000x4000"):
        response = client.get(route(area, "image", private_image.pk, spec))
        assert response.status_code == 404, spec
        assert not private_image.renditions.filter(filter_spec=spec).exists()


def test_private_image_route_does_not_serve_public_images(client, area, volunteer):
    image = public_image()
    response = login(client, volunteer.user).get(route(area, "image", image.pk, "width-400"))
    assert response.status_code == 404
    response = login(client, volunteer.user).get(route(area, "image", 999_999, "width-400"))
    assert response.status_code == 404


def test_rendition_file_names_cannot_be_guessed(area, private_image):
    first, second = public_image("kurs.png"), public_image("kurs.png")
    names = set()
    for image in (first, second, private_image):
        name = image.get_rendition("width-400").file.name
        stem = os.path.splitext(os.path.basename(image.file.name))[0]
        assert name != f"images/{stem}.width-400.png"
        assert name != "images/kurs.width-400.png"
        names.add(name)
    assert len(names) == 3


def _rendition_urls(image):
    return [rendition.url for rendition in image.renditions.all()]


def assert_no_rendition_of(image, html):
    """Neither a rendition nor the original of ``image`` is linked from ``html``."""
    stem = os.path.splitext(os.path.basename(image.file.name))[0]
    assert f"/media/images/{stem}" not in html
    assert image.file.url not in html
    for url in _rendition_urls(image):
        assert url not in html


def test_private_image_in_a_public_page_body_is_not_made_public(client, home, area, private_image):
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    page.body = [("image", {"image": private_image, "alt_text": "x", "caption": ""})]
    page.save_revision().publish()

    response = client.get(page.url)
    assert response.status_code == 200
    assert_no_rendition_of(private_image, text(response))
    # Whatever address the page gives the image refuses the visitor.
    src = route(area, "image", private_image.pk, "width-960")
    if src in text(response):
        assert_sent_to_login(client.get(src))


def test_private_image_as_a_public_news_image_is_not_made_public(client, home, area, private_image):
    index = NewsIndexPageFactory(parent=home, title="Aktuelt")
    news = NewsPageFactory(parent=index, title="Åpen nyhet Zebra", image=private_image)
    for url in (news.url, index.url, home.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert news.title in text(response)
        assert_no_rendition_of(private_image, text(response))


def test_private_image_as_a_public_event_image_is_not_made_public(
    client, home, area, nordre_follo, private_image
):
    calendar = EventIndexPageFactory(parent=home)
    event = EventFactory(section=nordre_follo, title="Åpen kveld Zebra", image=private_image)
    for url in (f"{calendar.url}{event.pk}/", calendar.url, home.url, nordre_follo.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_rendition_of(private_image, text(response))


# --- 7. Search ------------------------------------------------------------------------


def test_search_finds_private_pages_for_the_audience_only(
    client, area, private_news, public_page, volunteer, outsider
):
    # Every word of the title but the last: the page echoes the query, not the title.
    query = "Hemmelig samling"
    for prefix in ("", "/en", "/ar"):
        response = client.get(f"{prefix}/sok/", {"q": query})
        assert response.status_code == 200, prefix
        assert SECRET_TITLE not in text(response)
        assert private_news.url not in text(response)

    response = client.get("/sok/", {"q": "Zebra"})
    assert response.status_code == 200
    assert SECRET_TITLE not in text(response)

    response = login(client, outsider).get("/sok/", {"q": query})
    assert response.status_code == 200
    assert SECRET_TITLE not in text(response)
    assert private_news.url not in text(response)

    response = login(client, volunteer.user).get("/sok/", {"q": query})
    assert response.status_code == 200
    assert SECRET_TITLE in re.sub(r"</?mark>", "", text(response))  # the words are marked
    assert private_news.url in text(response)

    # The search itself works for everyone: the public page is found.
    client.logout()
    response = client.get("/sok/", {"q": "bydelsmødrene"})
    assert public_page.title in re.sub(r"</?mark>", "", text(response))


ODD_QUERIES = [
    '"Hemmelig samling"',
    '"',
    "%",
    "%%Zebra%",
    "' OR 1=1 --",
    "*",
    "Zebra*",
    "AND",
    "OR NOT NEAR",
    "NEAR(Hemmelig Zebra)",
    "-Zebra",
    "Zebra^2",
    "((",
    "\\",
    "title:Zebra",
    "😀 Zebra",
    "x" * 10_000,
    "Zebra " * 40,
]


def test_odd_searches_never_fail(client, area, private_news, volunteer):
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        for query in ODD_QUERIES:
            response = client.get("/sok/", {"q": query})
            assert response.status_code in (200, 400), (query[:40], response.status_code)
            if person is None:
                assert private_news.url not in text(response)


# --- 8. Sitemap ----------------------------------------------------------------------


def test_sitemap_lists_public_pages_only(client, area, private_news, public_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    sitemap = text(response)
    assert public_page.url in sitemap
    assert area.url not in sitemap
    assert private_news.url not in sitemap
    assert private_news.slug not in sitemap


# --- 9. The API ----------------------------------------------------------------------


#: Public pages only (cms.discovery.api); images, documents and Wagtail's v3 are not routed.
API_URLS = {
    "/api/v2/pages/": 200,
    "/api/v2/pages/?type=cms.NewsPage&fields=*": 200,
    "/api/v3/pages/": 404,
    "/api/v2/documents/": 404,
    "/api/v2/images/": 404,
}


def test_api_shows_no_private_page(client, area, private_news):
    for url, status in API_URLS.items():
        response = client.get(url)
        assert response.status_code == status, url
        assert SECRET_TITLE not in text(response)
    assert client.get(f"/api/v2/pages/{private_news.pk}/").status_code == 404


# --- 10. The calendar and its feeds ------------------------------------------------------


@pytest.fixture
def calendar(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def internal_event(nordre_follo):
    return EventFactory(
        section=nordre_follo, audience=Audience.VOLUNTEERS, title="Intern kveld Zebra"
    )


@pytest.fixture
def open_event(nordre_follo):
    return EventFactory(section=nordre_follo, title="Åpen kveld Zebra")


def test_volunteers_event_stays_out_of_the_public_calendar(
    client, calendar, internal_event, open_event, volunteer
):
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        response = client.get(calendar.url)
        assert response.status_code == 200
        assert open_event.title in text(response)
        assert internal_event.title not in text(response)

        response = client.get(calendar.url + "ical/")
        assert response.status_code == 200
        assert open_event.title in text(response)
        assert internal_event.title not in text(response)

        response = client.get(calendar.url, {"q": "Intern kveld"})
        assert response.status_code == 200
        assert internal_event.title not in text(response)


def test_volunteers_event_has_no_public_page_or_download(
    client, calendar, internal_event, open_event, volunteer
):
    assert client.get(f"{calendar.url}{open_event.pk}/").status_code == 200
    for person in (None, volunteer.user):
        if person is not None:
            login(client, person)
        for url in (
            f"{calendar.url}{internal_event.pk}/",
            f"{calendar.url}{internal_event.pk}/ical/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert internal_event.title not in text(response)


def test_volunteers_event_is_on_the_area_front_page(
    client, area, calendar, internal_event, volunteer
):
    assert_sent_to_login(client.get(area.url))
    response = login(client, volunteer.user).get(area.url)
    assert response.status_code == 200
    assert internal_event.title in text(response)


def test_front_page_lists_no_volunteers_event(client, home, calendar, internal_event, open_event):
    response = client.get(home.url)
    assert response.status_code == 200
    assert open_event.title in text(response)
    assert internal_event.title not in text(response)


# --- 11. Listings and menus on public pages -------------------------------------------


def test_private_pages_are_not_listed_on_public_pages(
    client, home, area, private_index, private_news
):
    public_index = NewsIndexPageFactory(parent=home, title="Aktuelt")
    public_news = NewsPageFactory(parent=public_index, title="Åpen nyhet Zebra")
    area.title = "Frivilligrommet Zebra"
    for page in (area, private_index):
        page.show_in_menus = True
        page.save_revision().publish()

    for url in (home.url, public_index.url):
        response = client.get(url)
        assert response.status_code == 200, url
        html = text(response)
        assert public_news.title in html
        assert SECRET_TITLE not in html
        assert SECRET_INDEX_TITLE not in html
        assert private_news.url not in html
        assert f'href="{area.url}"' not in html
        assert area.title not in html


def test_private_pages_are_not_in_the_menu_of_a_translated_front_page(
    client, home, area, locales, committed
):
    area.show_in_menus = True
    area.save_revision().publish()
    with committed():
        english_home = translate(home, locales["en"], "Neighbourhood mothers")
        english_area = translate(area, locales["en"], "Volunteers' room Zebra")
    response = client.get(english_home.url)
    assert response.status_code == 200
    assert english_area.title not in text(response)
    assert f'href="{english_area.url}"' not in text(response)


# --- 12. The admin's previews -----------------------------------------------------------


def _preview_urls(page):
    return [
        reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
    ]


def test_previews_of_a_private_page_send_anonymous_visitors_to_admin_login(client, private_news):
    private_news.title = "Utkast Zebra"
    private_news.save_revision()
    for url in _preview_urls(private_news):
        response = client.get(url)
        assert_sent_to_admin_login(response)
        assert SECRET_TITLE not in text(response)
        assert "Utkast Zebra" not in text(response)


def test_previews_of_a_private_page_refuse_people_without_admin_access(
    client, private_news, volunteer, outsider
):
    private_news.title = "Utkast Zebra"
    private_news.save_revision()
    for person in (volunteer.user, outsider):
        login(client, person)
        for url in _preview_urls(private_news):
            response = client.get(url)
            assert response.status_code != 200, url
            assert "Utkast Zebra" not in text(response)


def test_header_links_to_the_area_only_for_its_audience(client, area, volunteer, outsider):
    client.force_login(volunteer.user)
    assert f'href="{area.url}"' in text(client.get("/"))

    client.force_login(outsider)
    assert f'href="{area.url}"' not in text(client.get("/"))

    client.logout()
    assert f'href="{area.url}"' not in text(client.get("/"))
