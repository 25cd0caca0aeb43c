"""The demo loader builds the site of DESIGN.md and is safe to run twice."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from cms.models import AssociationPage, MunicipalityPage, NewsPage

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def demo(db):
    call_command("load_demo", quiet=True)


def snapshot():
    return {
        "pages": list(
            Page.objects.order_by("path").values_list("path", "title", "latest_revision_id")
        ),
        "revisions": Revision.objects.count(),
        "users": list(
            get_user_model().objects.order_by("username").values_list("username", "password")
        ),
        "images": Image.objects.count(),
        "sites": list(Site.objects.values_list("root_page_id", "is_default_site")),
    }


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    call_command("load_demo", quiet=True)
    assert snapshot() == before


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/oslo/",
        "/oslo/stovner/",
        "/oslo/grorud/",
        "/oslo/alna/",
        "/oslo/sondre-nordstrand/",
        "/nordre-follo/",
        "/nordre-follo/bydelsmodre-nordre-follo/",
        "/indre-ostfold/",
        "/aktuelt/",
        "/om-oss/",
        "/tilgjengelighet/",
        "/en/",
        "/en/nordre-follo/",
    ],
)
def test_demo_pages_answer(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200


def test_demo_has_real_content(client, demo):
    home = client.get("/").content.decode()
    assert "Finn din lokale gruppe" in home
    for section in ["Oslo", "Nordre Follo", "Indre Østfold"]:
        assert section in home
    assert "Bydelsmødre kommer til Indre Østfold" in home
    indre = client.get("/indre-ostfold/").content.decode()
    assert "Indre Østfold helsestasjon" in indre
    english = client.get("/en/").content.decode()
    assert "Neighbourhood Mothers" in english
    assert AssociationPage.objects.get().org_number == "974760673"
    assert MunicipalityPage.objects.filter(locale__language_code="nb").count() == 7
    assert NewsPage.objects.count() == 3


def test_demo_accounts_log_in(client, demo):
    assert client.login(username="admin", password="bydelsmor-demo")
    assert client.get("/admin/").status_code == 200
    for username in ["redaktor-nordrefollo", "redaktor-indreostfold"]:
        user = get_user_model().objects.get(username=username)
        assert user.check_password("bydelsmor-demo")
        assert not user.is_superuser


def test_migrations_create_no_demo_accounts(db):
    assert not get_user_model().objects.exists()
