"""Every language's page tree follows the Norwegian one: the aliases that make the fallback.

A language that syncs from Norwegian (wagtail-localize's ``LocaleSynchronization``)
gets an alias of each Norwegian page it has not translated, so every address
exists in every language (see ``cms.core.i18n`` for reading lists).
"""

from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import PageIndex, synchronize_tree


def sync_translation_trees():
    """Create the missing aliases in every language that follows another; those languages.

    wagtail-localize creates them for pages made in the admin; this catches
    up with pages made by code (the demo, imports) and is safe to repeat.
    """
    synced = []
    index = PageIndex.from_database().sort_by_tree_position()
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        synchronize_tree(sync.sync_from, sync.locale, page_index=index)
        synced.append(sync.locale)
    return synced
