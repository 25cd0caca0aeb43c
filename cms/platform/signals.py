"""Kept public pages must not outlive any change to what they show (``cms.platform.pagecache``),
and a migrated database serves at the site's public address (``cms.platform.siteurl``).
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from wagtail.signals import post_page_move

from cms.platform import pagecache, siteurl


def connect():
    # Once per migrate, after every app's migrations (Wagtail's sites table among them).
    post_migrate.connect(
        siteurl.site_migrated, sender=apps.get_app_config("cms"), dispatch_uid="site-url"
    )
    # Every content row, and moves, which treebeard makes without saving the pages.
    post_save.connect(pagecache.row_changed, dispatch_uid="pages-save")
    post_delete.connect(pagecache.row_changed, dispatch_uid="pages-delete")
    m2m_changed.connect(pagecache.row_changed, dispatch_uid="pages-m2m")
    post_page_move.connect(pagecache.content_changed, dispatch_uid="pages-moved")
