import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from tests.factories import HomePageFactory


@pytest.fixture
def home(db):
    """A HomePage that is the default site's root, as after `make run`."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    site = Site.objects.get(is_default_site=True)
    old_root = site.root_page
    site.root_page = home
    site.save()
    old_root.delete()  # Wagtail's welcome page
    return home


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "sjef", "sjef@example.no", "passord-som-er-langt"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; each test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()
