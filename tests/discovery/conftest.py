"""Fixtures of the discovery tests: a public page the JSON API lists."""

import pytest

from tests.factories import StandardPageFactory


@pytest.fixture
def public_page(home):
    return StandardPageFactory(
        parent=home, title="Om bydelsmødrene i Kvitveisparken", slug="om-oss"
    )
