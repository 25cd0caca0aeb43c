"""Walls between sections in the admin: nobody sees another section's unpublished work.

Wagtail's admin trusts its editors with each other's titles in several
places, which the network cannot: a draft's title or a document's name may
name a family's topic or an internal meeting. Each override below says which
Wagtail behaviour it closes. What a user may see of pages is
:func:`seen_pages`: the pages she may explore (those she may edit or
publish, and the pages above them), and live pages, whose titles are public.
Images and documents follow Wagtail's collection rights: what she may choose.

The views of one page that Wagtail serves before any hook is asked are
replaced at their own addresses by :data:`urlpatterns`, which
``config/urls.py`` puts ahead of Wagtail's admin.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import path, reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.reports import audit_logging, locked_pages, workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry

from cms.core.validators import is_id

#: What Wagtail's explorer lets a user into: any of these rights below a page.
EXPLORE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def explorable_pages(user):
    """Wagtail's explorable pages, through the registered policy (so past the walls)."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def seen_pages(user):
    """The pages whose titles ``user`` may see in the admin: explorable ones, and live ones."""
    if user.is_superuser:
        return Page.objects.all()
    return Page.objects.filter(live=True) | Page.objects.filter(
        pk__in=explorable_pages(user).values("pk")
    )


# --- The page explorer and the page chooser ----------------------------------------


class WalledExplorableIndexView(ExplorableIndexView):
    """Wagtail's explorer of one page; another section's page is not found.

    Wagtail lets anyone who explores a page below the common root of her
    rights open any page there (``/admin/pages/<id>/``), and names it in the
    title. With rights in every language's tree, that root is the whole tree.
    """

    def get(self, request, parent_page_id=None):
        if (
            parent_page_id
            and not request.user.is_superuser
            and not explorable_pages(request.user).filter(pk=parent_page_id).exists()
        ):
            raise Http404
        return super().get(request, parent_page_id)


def published_title(page, user):
    """``page``, showing its published title to a user who may not edit it.

    Wagtail's admin names a page by its ``draft_title``: the title of its
    latest draft, which is unpublished work. Changed in memory only.
    """
    changed = page.live and page.draft_title != page.title
    if changed and not page.permissions_for_user(user).can_edit():
        page.draft_title = page.title
    return page


class PublishedTitleColumn(chooser.PageTitleColumn):
    def get_cell_context_data(self, instance, parent_context):
        published_title(instance, parent_context["request"].user)
        return super().get_cell_context_data(instance, parent_context)


class PublishedParentColumn(chooser.ParentPageColumn):
    def get_value(self, instance):
        parent = super().get_value(instance)
        return parent and published_title(parent, self.user)


class PublishedTitlesMixin:
    """For the chooser's tables: published titles of others' live pages."""

    @property
    def columns(self):
        columns = super().columns
        for column in columns:
            # The same columns, told to read the published title.
            if isinstance(column, chooser.PageTitleColumn):
                column.__class__ = PublishedTitleColumn
            elif isinstance(column, chooser.ParentPageColumn):
                column.__class__ = PublishedParentColumn
                column.user = self.request.user
        return columns


class WalledBrowseView(PublishedTitlesMixin, chooser.BrowseView):
    """The page chooser's browser; a page she may not see is not found.

    Wagtail's chooser opens any page by id and names it as the parent.
    """

    def get(self, request, parent_page_id=None):
        if parent_page_id and not seen_pages(request.user).filter(pk=parent_page_id).exists():
            raise Http404
        return super().get(request, parent_page_id)


class WalledSearchView(PublishedTitlesMixin, chooser.SearchView):
    """The chooser's search, listing what :func:`hide_unseen_pages_from_chooser` leaves."""


class WalledChosenMultipleView(chooser.ChosenMultipleView):
    """The chooser's answer for several ids; Wagtail's returns any page's title."""

    def get(self, request):
        pages = seen_pages(request.user).filter(pk__in=_ids(request.GET.getlist("id")))
        result = [
            {
                "id": page.pk,
                # The root has no parent; Wagtail's own view fails on it.
                "parentId": page.get_parent().pk if page.depth > 1 else None,
                "adminTitle": published_title(page, request.user).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages.specific()
        ]
        return self.render_chosen_response(result)


def _ids(values):
    # A page id; anything else (letters, 20 digits, which overflow SQLite) is no page.
    return [value for value in values if is_id(value)]


def hide_unseen_pages_from_chooser(pages, request):
    """The chooser's listings and search: Wagtail lists every page of the tree, drafts too."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=seen_pages(request.user).values("pk"))


class WalledPageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page types report names the last edited page of each type, anyone's."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        user = self.request.user
        shown = {page.pk for page in page_types_pages(page_types)}
        if not user.is_superuser and shown:
            shown = set(explorable_pages(user).filter(pk__in=shown).values_list("pk", flat=True))
        for item in page_types:
            if item.last_edited_page is not None and item.last_edited_page.pk not in shown:
                item.last_edited_page = None
        return page_types


class WalledSiteHistoryFilterSet(audit_logging.SiteHistoryReportFilterSet):
    """The site history's people filter: Wagtail 8 lists everyone who has any page's history."""

    def get_users_queryset(self):
        # Wagtail's own helper for this report, which its filter set no longer calls.
        return audit_logging.get_users_for_filter(self.request.user)


class WalledSiteHistoryView(audit_logging.LogEntriesView):
    filterset_class = WalledSiteHistoryFilterSet


def _users_who_locked(request):
    """The "locked by" filter: Wagtail lists whoever locked any page in the tree."""
    User = get_user_model()
    users = User.objects.filter(locked_pages__isnull=False)
    if not request.user.is_superuser:
        users = users.filter(locked_pages__in=explorable_pages(request.user).values("pk"))
    return users.order_by(User.USERNAME_FIELD).distinct()


class WalledLockedPagesFilterSet(locked_pages.LockedPagesReportFilterSet):
    locked_by = django_filters.ModelChoiceFilter(
        label=locked_pages.LockedPagesReportFilterSet.base_filters["locked_by"].label,
        empty_label=locked_pages.LockedPagesReportFilterSet.base_filters["locked_by"].extra[
            "empty_label"
        ],
        field_name="locked_by",
        queryset=_users_who_locked,
    )


class WalledLockedPagesView(locked_pages.LockedPagesView):
    filterset_class = WalledLockedPagesFilterSet


def _requesters(request):
    """The workflow report's "requested by" filter: Wagtail lists whoever started any workflow."""
    if request.user.is_superuser:
        return workflows.get_requested_by_queryset(request)
    User = get_user_model()
    # The pages whose workflows the report itself lists (Wagtail's own query).
    states = WorkflowState.objects.filter(
        base_content_type_id=get_default_page_content_type().id,
        object_id__in=workflows.get_editable_page_ids_query(request),
    )
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


class WalledWorkflowReportFilterSet(workflows.WorkflowReportFilterSet):
    requested_by = django_filters.ModelChoiceFilter(
        label=workflows.WorkflowReportFilterSet.base_filters["requested_by"].label,
        field_name="requested_by",
        queryset=_requesters,
    )


class WalledWorkflowView(workflows.WorkflowView):
    filterset_class = WalledWorkflowReportFilterSet


def page_types_pages(page_types):
    return [item.last_edited_page for item in page_types if item.last_edited_page is not None]


urlpatterns = [
    path(route, require_admin_access(view))
    for route, view in (
        ("pages/<int:parent_page_id>/", WalledExplorableIndexView.as_view()),
        (
            "pages/<int:parent_page_id>/results/",
            WalledExplorableIndexView.as_view(results_only=True),
        ),
        ("choose-page/<int:parent_page_id>/", WalledBrowseView.as_view()),
        ("choose-page/search/", WalledSearchView.as_view()),
        ("choose-page/chosen-multiple/", WalledChosenMultipleView.as_view()),
        ("reports/site-history/", WalledSiteHistoryView.as_view()),
        ("reports/site-history/results/", WalledSiteHistoryView.as_view(results_only=True)),
        ("reports/locked/", WalledLockedPagesView.as_view()),
        ("reports/locked/results/", WalledLockedPagesView.as_view(results_only=True)),
        ("reports/workflow/", WalledWorkflowView.as_view()),
        ("reports/workflow/results/", WalledWorkflowView.as_view(results_only=True)),
        ("reports/page-types-usage/", WalledPageTypesUsageReportView.as_view()),
        (
            "reports/page-types-usage/results/",
            WalledPageTypesUsageReportView.as_view(results_only=True),
        ),
    )
]
