"""A private page stays private in every language and under every alias (``cms.privacy``).

The translated area and its translated pages send anonymous visitors to the
login page in their language; a restriction added or kept after a page was
translated or aliased reaches the copies, and an alias of an area page
published outside the area is refused like the page itself.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from cms.core.groups import VOLUNTEERS
from tests.factories import StandardPageFactory
from tests.helpers.privacy import assert_sent_to_login, login, text, translate


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
