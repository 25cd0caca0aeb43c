"""Helpers for the privacy tests: a private title to look for, and what a visitor gets.

The response's bytes and text (streamed or not), whether it sends her to the
site's or the admin's login, whether it may be cached, a live translation of
a page, and the address of one of the volunteer area's routes.
"""

SECRET_TITLE = "Hemmelig samling Zebra"
SECRET_INDEX_TITLE = "Internt rom Zebra"
ADMIN_LOGIN = "/admin/login/"


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
