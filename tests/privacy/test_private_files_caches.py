"""An image made private leaves every cache at once: the page cache and the front cache.

A public page that showed the image is built again without it at the
visitor's next request (``cms.platform.pagecache``), and the front cache is
told to drop what it kept (``cms.platform.frontcache``), whichever way the
image became private: its own save, Wagtail's bulk move, or a restriction on
its collection.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from cms.privacy import media, restrictions
from tests.factories import NewsIndexPageFactory, NewsPageFactory
from tests.helpers.frontcache import PURGE, settled

Image = get_image_model()


@pytest.fixture
def pictured_news(home, area, committed):
    """A public news article showing a public image, as a visitor sees it."""
    with committed():
        image = Image.objects.create(
            title="Sommerfest",
            collection=Collection.get_first_root_node(),
            file=get_test_image_file(filename="sommerfest.png"),
        )
        index = NewsIndexPageFactory(parent=home, title="Aktuelt")
        news = NewsPageFactory(parent=index, title="Sommerfest i Ski", image=image)
    return news, image


def test_the_page_cache_drops_a_page_showing_an_image_made_private(
    client, settings, site_settings, pictured_news, committed
):
    settings.PAGE_CACHE_SECONDS = 300
    news, image = pictured_news
    first = client.get(news.url)
    rendition = image.renditions.get()
    assert rendition.url in first.content.decode()
    assert client.get(news.url)["X-Page-Cache"] == "hit"

    with committed():
        image.collection = restrictions.training_collection()
        image.save()

    again = client.get(news.url)
    assert again["X-Page-Cache"] == "miss"
    html = again.content.decode()
    assert rendition.url not in html
    assert "/private-media/" not in html  # an anonymous visitor is not even given the address
    assert not (Path(settings.MEDIA_ROOT) / rendition.file.name).exists()


@pytest.mark.parametrize("how", ["save", "bulk move", "collection restriction"])
def test_making_an_image_private_purges_the_front_cache(how, pictured_news, front_cache, committed):
    _news, image = pictured_news
    image.get_rendition("width-400")
    settled(front_cache).clear()

    with committed():
        if how == "save":
            image.collection = restrictions.training_collection()
            image.save()
        elif how == "bulk move":
            # What Wagtail's "add to collection" does, then its after_bulk_action hook.
            Image.objects.filter(pk=image.pk).update(collection=restrictions.training_collection())
            media.bulk_action_done(None, "add_to_collection", [image], None)
        else:
            CollectionViewRestriction.objects.create(
                collection=image.collection, restriction_type=CollectionViewRestriction.LOGIN
            )

    image.refresh_from_db()
    assert image.renditions.get().file.name.startswith("images/~")
    assert PURGE in settled(front_cache)


def test_a_rolled_back_move_leaves_the_image_as_it_was(client, pictured_news, committed):
    _news, image = pictured_news
    rendition = image.get_rendition("width-400")
    with committed():
        try:
            with transaction.atomic():
                image.collection = restrictions.training_collection()
                image.save()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass
    image.refresh_from_db()
    assert image.collection == Collection.get_first_root_node()
    assert not image.file.name.startswith("original_images/~")
    assert (Path(settings.MEDIA_ROOT) / image.file.name).is_file()
    assert image.renditions.get().file.name == rendition.file.name
    assert (Path(settings.MEDIA_ROOT) / rendition.file.name).is_file()
