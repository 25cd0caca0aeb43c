"""The translation overview: every Norwegian page, event and module, by language.

wagtail-localize's own report lists translation jobs; nobody can see from it
which pages have no translation at all, or which translations fell behind
their Norwegian source. This admin view shows a table per kind of content,
one row per Norwegian original and one column per language, each cell saying
translated, out of date, draft or not translated (``cms.translation.overview``
says when), with the one action that brings it forward: translate, update
(wagtail-localize's "sync" of the new Norwegian text into its translations),
or edit. Above the table, each language's cells are counted by status over
every row the filters select, not only the page shown.

Translators see their own languages; national editors and superusers every
language. A translator translates what is published: a section's drafts are
its own business until then, so the table shows her unpublished originals
only where she may edit them (and so do wagtail-localize's views,
``cms.translation.localize``). The database pages the originals, gives each
cell of a page its status and counts the cells: reading the table costs a
fixed number of queries, however many originals there are.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from cms.sections.models import norwegian_sections
from cms.translation.overview import (
    MODELS,
    Kind,
    Status,
    cells,
    counts,
    may_see,
    overview_locales,
    published_or_own,
    sources,
    with_status,
)

#: Originals (table rows) per page of the overview.
ROWS_PER_PAGE = 50


class OverviewForm(forms.Form):
    kind = forms.ChoiceField(label=_("Content"), choices=Kind.choices, required=False)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Page.objects.none(), required=False, empty_label=_("All")
    )
    locale = forms.ModelChoiceField(
        label=_("Language"), queryset=Locale.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Status.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = published_or_own(
            norwegian_sections(),
            Kind.PAGES,
            user,
        ).order_by("path")
        self.fields["locale"].queryset = overview_locales(user)
        self.fields["locale"].label_from_instance = lambda locale: locale.get_display_name()


class Cell:
    def __init__(self, status, url=None, action="", unreviewed=False):
        self.status = status
        self.url = url
        self.action = action
        self.unreviewed = unreviewed


def _edit_url(model, pk):
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])


def _translate_url(source):
    if isinstance(source, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    meta = source._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, source.pk],
    )


def _cell(model, source, copy):
    if copy is None:
        return Cell(Status.MISSING, _translate_url(source), _("Translate"))
    if copy["cell_status"] == Status.OUTDATED and copy["by_localize"]:
        url = reverse("wagtail_localize:update_translations", args=[copy["sync"]])
        return Cell(copy["cell_status"], url, _("Update"), copy["unreviewed"])
    return Cell(copy["cell_status"], _edit_url(model, copy["pk"]), _("Edit"), copy["unreviewed"])


def table(kind, originals, locales, default):
    """[(source, [Cell per locale])] for one page of ``originals`` (a list): one query."""
    model = MODELS[kind]
    found = cells(model, [source.translation_key for source in originals], locales, default)
    return [
        (
            source,
            [
                _cell(model, source, found.get((source.translation_key, locale.pk)))
                for locale in locales
            ],
        )
        for source in originals
    ]


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = OverviewForm(self.request.GET or None, user=user)
        filters = form.cleaned_data if form.is_valid() else {}
        kind = filters.get("kind") or Kind.PAGES
        model = MODELS[kind]
        locales = [filters["locale"]] if filters.get("locale") else list(overview_locales(user))
        default = Locale.get_default()
        originals = sources(kind, filters.get("section"), user)
        if filters.get("status"):
            originals = with_status(originals, model, locales, filters["status"], default)
        # The database pages the originals: only this page's rows are read.
        rows = Paginator(originals, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        rows.object_list = table(kind, list(rows.object_list), locales, default)
        by_locale = counts(model, originals, rows.paginator.count, locales, default)
        query = self.request.GET.copy()
        query.pop("p", None)
        per_status = query.copy()
        for key in ("locale", "status"):
            per_status.pop(key, None)
        return super().get_context_data(
            form=form,
            kind=kind,
            locales=locales,
            rows=rows,
            counts=[
                (status.label, status.value, sum(found[status] for found in by_locale.values()))
                for status in Status
            ],
            locale_counts=[
                (locale, [(status.value, by_locale[locale.pk][status]) for status in Status])
                for locale in locales
            ],
            statuses=Status.choices,
            query=query.urlencode(),
            count_query=per_status.urlencode(),
            **kwargs,
        )


def summary(user):
    """[(label, kind, out of date, not translated)] in the user's languages (the dashboard)."""
    locales = list(overview_locales(user))
    default = Locale.get_default()
    rows = []
    for kind in Kind:
        originals = sources(kind, user=user)
        by_locale = counts(MODELS[kind], originals, originals.count(), locales, default)
        outdated = sum(found[Status.OUTDATED] for found in by_locale.values())
        missing = sum(found[Status.MISSING] for found in by_locale.values())
        rows.append((kind.label, kind.value, outdated, missing))
    return rows


class TranslationPanel(Component):
    """The dashboard's "Translations" panel: what waits in the translator's languages."""

    name = "translations"
    template_name = "cms/admin/translation_panel.html"
    order = 120

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        if not may_see(self.user):
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {"rows": summary(self.user), "url": reverse("cms_translation_status")}
