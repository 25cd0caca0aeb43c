"""Fixtures of the privacy tests: an index and a news article inside the volunteer area.

Both carry titles found nowhere else (``SECRET_INDEX_TITLE``, ``SECRET_TITLE``),
so a test can look for them in whatever a visitor gets.
"""

import pytest
from wagtail.search.backends import get_search_backend

from tests.factories import NewsIndexPageFactory, NewsPageFactory
from tests.helpers.privacy import SECRET_INDEX_TITLE, SECRET_TITLE


@pytest.fixture
def private_index(area):
    return NewsIndexPageFactory(parent=area, title=SECRET_INDEX_TITLE, slug="internt")


@pytest.fixture
def private_news(private_index):
    """A news article inside the volunteer area, with a title found nowhere else."""
    news = NewsPageFactory(parent=private_index, title=SECRET_TITLE, slug="hemmelig-samling")
    get_search_backend().add(news)
    return news
