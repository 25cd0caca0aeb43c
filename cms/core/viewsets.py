"""One base for snippets a person sees only part of: events, modules, local notes.

Restricting a snippet listing is not enough: Wagtail's views of one object
(edit, delete, history, inspect, revisions, lock …) fetch the object
themselves and mostly check a model-wide right. :class:`ScopedSnippetViewSet`
gives each of them :class:`SectionScopedObjectMixin`, which asks the viewset's
permission policy about the very object, and lists only what the policy
allows; :class:`ScopedDeleteBulkAction` does the same for the bulk delete.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet


class SectionScopedObjectMixin:
    """For a view of one object: 404 unless the view's permission policy allows ``object_action``.

    Runs on whatever object the view fetches, however it fetches it, and also
    on the stored row when the view works on the latest revision instead. An
    event of another section is "not found", as if it were not there: the
    editor learns nothing about it, and every view refuses it the same way.
    """

    #: The action checked against the permission policy.
    object_action = "change"

    def get_object(self, *args, **kwargs):
        try:
            obj = super().get_object(*args, **kwargs)
        except PermissionDenied as error:
            # Some of Wagtail's views ask the policy themselves (copy, preview).
            raise Http404 from error
        user = self.request.user
        # A chooser's views have no policy of their own: the model's registered one.
        policy = getattr(self, "permission_policy", None) or policy_registry.get_by_type(type(obj))
        for each in (obj, getattr(self, "live_object", None)):
            if each is not None and not policy.user_has_permission_for_instance(
                user, self.object_action, each
            ):
                raise Http404
        return obj


def scoped(view_class, action="change", prefix=""):
    """``view_class`` with :class:`SectionScopedObjectMixin` checking ``action``."""
    return type(
        f"{prefix}{view_class.__name__}",
        (SectionScopedObjectMixin, view_class),
        {"object_action": action},
    )


#: Each view of one object, and the action it needs on that object.
OBJECT_VIEWS = {
    "edit_view_class": "change",
    "copy_view_class": "change",
    "delete_view_class": "delete",
    "usage_view_class": "change",
    "history_view_class": "change",
    "inspect_view_class": "view",
    "preview_on_edit_view_class": "change",
    "revisions_view_class": "change",
    "revisions_compare_view_class": "change",
    "revisions_unschedule_view_class": "publish",
    "unpublish_view_class": "publish",
    "lock_view_class": "lock",
    "unlock_view_class": "unlock",
    "workflow_action_view_class": "change",
    "collect_workflow_action_data_view_class": "change",
    "confirm_workflow_cancellation_view_class": "change",
    "workflow_preview_view_class": "change",
    "workflow_history_view_class": "change",
    "workflow_history_detail_view_class": "change",
}


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose listing and every view of one object follow its policy.

    Subclasses set ``model`` (its policy registered with Wagtail, or given as
    ``permission_policy``) and may list what the listing joins in
    ``list_select_related``; each view named in :data:`OBJECT_VIEWS` is
    scoped when the class is made, keeping any mixins the subclass added.
    """

    list_select_related = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for name, action in OBJECT_VIEWS.items():
            view_class = getattr(cls, name)
            if not issubclass(view_class, SectionScopedObjectMixin):
                setattr(cls, name, scoped(view_class, action, prefix=cls.model.__name__))

    def get_queryset(self, request):
        objects = self.permission_policy.instances_user_has_permission_for(request.user, "change")
        return objects.select_related(*self.list_select_related)


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Bulk delete of ``models``: only what the user may delete, and others' are not even named.

    Registered later than Wagtail's own snippet delete action (``order=1``),
    so this one wins for its models.
    """

    #: The permission policy of ``models``.
    policy = None

    def get_all_objects_in_listing_query(self, parent_id):
        return self.policy.instances_user_has_permission_for(
            self.request.user, "delete"
        ).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, _no_access = super().get_actionable_objects()
        return objects, {"items_with_no_access": []}
