"""The admin's previews and drafts of a private page are for the admin's users only.

Previews, drafts, revisions and the edit view of a page inside the volunteer
area send anonymous visitors to the admin's login and refuse the area's
audience and outsiders, who have no admin access (``cms.privacy``).
"""

from django.urls import reverse

from tests.helpers.privacy import SECRET_TITLE, assert_sent_to_admin_login, login, text


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
