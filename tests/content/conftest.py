"""Fixtures of the content tests: the network's news index and a section's, with two articles."""

import datetime

import pytest

from tests.factories import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def network_news(home):
    """The network's news index, the front page's child."""
    return NewsIndexPageFactory(parent=home, title="Aktuelt", slug="aktuelt")


@pytest.fixture
def follo_news(nordre_follo):
    index = NewsIndexPageFactory(parent=nordre_follo, title="Nytt fra Nordre Follo")
    NewsPageFactory(parent=index, title="Samling på Ski", date=datetime.date(2025, 3, 1))
    NewsPageFactory(parent=index, title="Ny gruppe i Kolbotn", date=datetime.date(2025, 4, 1))
    return index
