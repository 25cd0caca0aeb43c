"""Pages without a view restriction on themselves or above them, in one SQL subquery.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` and
adds a ``path LIKE`` clause for each to the query: with a restriction on
every volunteer area and its translations and aliases (25 on the demo site),
each call costs a query and some 5 ms of building SQL, several times per page.

:func:`public` gives the same pages with one subquery, however many
restrictions there are (tests/cms/test_visibility.py).
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

from cms.core.cache import content


def restricted_above():
    """``Exists`` for a page: a restriction on it or on one of its ancestors."""
    # A page's ancestors are the pages whose path is a prefix of its own.
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public(pages):
    """``pages`` without the restricted ones and those below them, as ``.public()``.

    By id, so that a search may still run on the result: Wagtail's search
    backends take filters on indexed fields and ids only.
    """
    return pages.exclude(pk__in=Page.objects.filter(restricted_above()).values("pk"))


def restricted():
    """``(ids, paths)``: the restricted pages' ids, and their paths and their aliases' paths.

    Kept per content generation: a restriction, a page or an alias saved,
    deleted or moved starts a new one (``cms.platform.pagecache``).
    """
    return content.keep("pages:restricted", _restricted)


def _restricted():
    rows = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
    ids = frozenset(page_id for page_id, _path in rows)
    paths = {path for _page_id, path in rows}
    paths.update(Page.objects.filter(alias_of__in=ids).values_list("path", flat=True))
    return ids, frozenset(paths)


class KnownRestrictionsMixin:
    """A page that knows without a query that no view restriction applies to it.

    Wagtail checks the restrictions of a page before serving it
    (``check_view_restrictions``), in two or three queries:
    ``Page.get_view_restrictions`` reads the ancestors' aliases, then the
    restrictions. Nearly every public page has none, so the page first asks
    :func:`restricted`; only a page on or below a restricted page, or an alias
    of one (the pages Wagtail's own check would find restrictions for), asks
    Wagtail's query, so the answer is always Wagtail's.
    """

    def get_view_restrictions(self):
        ids, paths = restricted()
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        if self.alias_of_id in ids or any(self.path[:end] in paths for end in steps):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
