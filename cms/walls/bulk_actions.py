"""Bulk actions that name no forbidden item: Wagtail's confirmation pages list them by title."""

from django.utils.functional import classproperty
from wagtail.admin.views.pages.bulk_actions import delete as page_delete
from wagtail.admin.views.pages.bulk_actions import move as page_move
from wagtail.admin.views.pages.bulk_actions import publish as page_publish
from wagtail.admin.views.pages.bulk_actions import unpublish as page_unpublish
from wagtail.documents.views.bulk_actions import add_tags as document_tags
from wagtail.documents.views.bulk_actions import add_to_collection as document_collection
from wagtail.documents.views.bulk_actions import delete as document_delete
from wagtail.images.views.bulk_actions import add_tags as image_tags
from wagtail.images.views.bulk_actions import add_to_collection as image_collection
from wagtail.images.views.bulk_actions import delete as image_delete
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDeleteBulkAction
from wagtail.snippets.models import get_snippet_models

from cms.curriculum.models import LocalModuleVariant
from cms.events.models import Event


class NamesNoForbiddenItemsMixin:
    """For a bulk action: leave out what the user may not act on, without naming it.

    Wagtail's confirmation page lists each chosen object the user has no
    right to ("You don't have permission to delete these pages"), by title,
    for any id put in the address.
    """

    def get_actionable_objects(self):
        objects, no_access = super().get_actionable_objects()
        # Other lists (the move's pages that cannot go to the destination) name
        # only objects the user may act on: they stay.
        return objects, {**no_access, "items_with_no_access": []}


def _walled(action_class):
    return type(
        action_class.__name__,
        (NamesNoForbiddenItemsMixin, action_class),
        {"__module__": __name__, "__qualname__": action_class.__name__},
    )


class WalledSnippetDeleteBulkAction(NamesNoForbiddenItemsMixin, SnippetDeleteBulkAction):
    """Every other snippet's bulk delete; events and local notes have their own."""

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if model not in (Event, LocalModuleVariant)]


WALLED_BULK_ACTIONS = [
    _walled(action_class)
    for action_class in (
        page_delete.DeleteBulkAction,
        page_move.MoveBulkAction,
        page_publish.PublishBulkAction,
        page_unpublish.UnpublishBulkAction,
        image_delete.DeleteBulkAction,
        image_collection.AddToCollectionBulkAction,
        image_tags.AddTagsBulkAction,
        document_delete.DeleteBulkAction,
        document_collection.AddToCollectionBulkAction,
        document_tags.AddTagsBulkAction,
    )
]
