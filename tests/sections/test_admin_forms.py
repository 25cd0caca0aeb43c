"""Editors get clear form errors in the admin, never a 500."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.content.models import StandardPage
from cms.sections.models import AssociationPage
from tests.factories import AssociationPageFactory, MunicipalityPageFactory

pytestmark = pytest.mark.django_db


def association_form(**overrides):
    data = {
        "title": "Bydelsmødre Indre Østfold",
        "slug": "bydelsmodre-indre-ostfold",
        "intro": "",
        "org_number": "974760673",
        "founded": "",
        "board_title": "",
        "board_email": "",
        "board_phone": "",
        "how_to_join": rich_text(""),
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(model, parent):
    return f"/admin/pages/add/cms/{model._meta.model_name}/{parent.pk}/"


def test_create_association_with_valid_org_number(admin_client, home):
    parent = MunicipalityPageFactory(parent=home)
    response = admin_client.post(add_url(AssociationPage, parent), association_form())
    assert response.status_code == 302
    # The page, and its alias in every other language (wagtail-localize's tree sync).
    assert AssociationPage.objects.get(alias_of=None).org_number == "974760673"


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("974760674", "kontrollsifferet stemmer ikke"),
        ("97476067", "nøyaktig ni sifre"),
        ("abcdefghi", "nøyaktig ni sifre"),
    ],
)
def test_create_association_with_bad_org_number_shows_form_error(
    admin_client, home, number, message
):
    parent = MunicipalityPageFactory(parent=home)
    response = admin_client.post(
        add_url(AssociationPage, parent), association_form(org_number=number)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AssociationPage.objects.exists()


def test_editing_with_bad_org_number_keeps_the_stored_number(admin_client, home):
    parent = MunicipalityPageFactory(parent=home)
    page = AssociationPageFactory(parent=parent, org_number="974760673")
    revisions = page.revisions.count()
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        association_form(title=page.title, slug=page.slug, org_number="974760674"),
    )
    assert response.status_code == 200
    assert "kontrollsifferet stemmer ikke" in response.content.decode()
    page.refresh_from_db()
    assert page.org_number == "974760673"
    assert page.revisions.count() == revisions


def test_create_page_in_the_wrong_place_is_refused(admin_client, home):
    """Wagtail answers a forbidden page type with its permission-denied redirect."""
    before = Page.objects.count()
    for method in (admin_client.get, admin_client.post):
        response = method(add_url(AssociationPage, home), association_form(), follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == "/admin/"
        messages = [str(message) for message in response.context["messages"]]
        assert any("tilgang" in message or "permission" in message for message in messages)
    assert Page.objects.count() == before


def publish_page_with_image(admin_client, home, alt_text, caption=""):
    """Publish a new StandardPage whose body is one image block, through the admin."""
    image = Image.objects.create(title="Samling", file=get_test_image_file())
    block = {"image": image.pk, "alt_text": alt_text, "caption": caption}
    data = nested_form_data(
        {
            "title": "Om oss",
            "slug": "om-oss",
            "intro": "",
            "body": streamfield([("image", block)]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return admin_client.post(add_url(StandardPage, home), data)


def test_image_block_without_alt_text_shows_form_error_on_publish(admin_client, home):
    """Wagtail lets drafts skip required fields; publishing enforces them."""
    response = publish_page_with_image(admin_client, home, alt_text="", caption="Første samling")
    assert response.status_code == 200
    body_error = response.context["form"].errors.as_data()["body"][0]
    image_error = body_error.block_errors[0]
    assert "alt_text" in image_error.block_errors
    assert not StandardPage.objects.exists()


def test_image_block_with_alt_text_is_saved(admin_client, home):
    response = publish_page_with_image(admin_client, home, alt_text="Kvinner i en ring")
    assert response.status_code == 302
    page = StandardPage.objects.get(alias_of=None)
    assert page.live
    assert page.body[0].value["alt_text"] == "Kvinner i en ring"
