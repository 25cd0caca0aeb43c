"""The volunteer area's pages and routes reach its audience only (``cms.privacy``).

Each test tries a path an anonymous visitor, or a logged-in person outside
the audience, could take: the URL of the area and of its pages (also after
their restriction went missing), the area's routes (the programme, the
modules, the profile) and the admin's views of the modules. Each checks what
the person would notice: the status, where they are sent, the headers, and
whether a private title is in what they get.
"""

from django.urls import NoReverseMatch, reverse
from wagtail.models import PageViewRestriction

from tests.helpers.privacy import (
    SECRET_TITLE,
    assert_sent_to_admin_login,
    assert_sent_to_login,
    assert_uncacheable,
    login,
    route,
    text,
)

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


# --- 2. A lost restriction ------------------------------------------------------------------


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


# --- 3. The area's routes and the admin's module views ------------------------------------


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
