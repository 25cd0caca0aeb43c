"""Mixed directions in the volunteer area, for tests: an Arabic page, an Arabic date."""

from cms.translation.trees import sync_translation_trees
from tests.helpers.training import route


def arabic_page(client, area, name, *args):
    """The HTML of the private area's route ``name`` under /ar/."""
    sync_translation_trees()
    response = client.get("/ar" + route(area, name, *args))
    assert response.status_code == 200
    return response.content.decode()


def arabic_date(iso):
    """A pattern for the Arabic ``<time>`` that ``local_date`` makes of the date ``iso``."""
    return rf'<time datetime="{iso}[^"]*" lang="ar" dir="auto">[^<]+</time>'
