"""A cached iCal feed must not outlive a change to what it shows."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.events.calendar import forget_feeds
from cms.events.models import Event, EventCategory


def connect():
    # An event, a category, or a section that is unpublished, made private,
    # renamed, moved or deleted.
    for model in (Event, EventCategory, PageViewRestriction):
        post_save.connect(forget_feeds, sender=model, dispatch_uid=f"feeds-save-{model}")
        post_delete.connect(forget_feeds, sender=model, dispatch_uid=f"feeds-delete-{model}")
    post_delete.connect(forget_feeds, sender=Page, dispatch_uid="feeds-delete-page")
    page_published.connect(forget_feeds, dispatch_uid="feeds-page-published")
    page_unpublished.connect(forget_feeds, dispatch_uid="feeds-page-unpublished")
    post_page_move.connect(forget_feeds, dispatch_uid="feeds-page-moved")
