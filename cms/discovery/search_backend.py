"""The search backend on SQLite: Wagtail's database backend, given words only.

SQLite's full-text engine (FTS5) reads quotes, ``*``, ``%``, ``-`` and the
like as its own syntax and fails on them (an ``OperationalError``, a 500), and
a query of thousands of characters overflows its query builder. The site
search cleans what a visitor types (``cms.discovery.search.search_terms``), but Wagtail's
admin searches (explorer, images, documents, snippets, users) hand the backend
the text as it came. PostgreSQL's backend parses such text itself, so the
settings use this backend on SQLite only.

In discovery with the site search, whose cleaning it reuses.
"""

from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

from cms.discovery.search import MAX_QUERY_LENGTH, search_terms


class WordsOnlySQLiteSearchBackend(SQLiteSearchBackend):
    """Each text query as its words, and at most ``MAX_QUERY_LENGTH`` characters of it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        if isinstance(query, str):
            # An empty query finds nothing (Wagtail's own rule), which is the clear answer.
            query = search_terms(query[:MAX_QUERY_LENGTH])
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


#: The name Wagtail's ``WAGTAILSEARCH_BACKENDS`` looks up in this module.
SearchBackend = WordsOnlySQLiteSearchBackend
