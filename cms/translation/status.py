"""The translation overview: every Norwegian page, event and module, by language.

wagtail-localize's own report lists translation jobs; nobody can see from it
which pages have no translation at all, or which translations fell behind
their Norwegian source. This admin view shows a table per kind of content,
one row per Norwegian original and one column per language, each cell saying
translated, out of date, draft or not translated, with the one action that
brings it forward: translate, update (wagtail-localize's "sync" of the new
Norwegian text into its translations), or edit.

A translation is out of date when its Norwegian source was published after
the translation last took the source's text: for a wagtail-localize
translation, after its ``TranslationSource`` was last updated; for one made
by copying the page, after the copy was last published.

Translators see their own languages; national editors and superusers every
language. A translator translates what is published: a section's drafts are
its own business until then, so the table shows her unpublished originals
only where she may edit them (and so do wagtail-localize's views,
``cms.translation.localize``). Reading the table costs a fixed number of queries.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation, TranslationSource

from cms.curriculum.models import CurriculumModule
from cms.curriculum.permissions import curriculum_permission_policy
from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from cms.sections.models import norwegian_sections
from cms.sections.scopes import translator_locale_ids

ROWS_PER_PAGE = 50


class Status(models.TextChoices):
    TRANSLATED = "translated", _("Translated")
    OUTDATED = "outdated", _("Out of date")
    DRAFT = "draft", _("Draft")
    MISSING = "missing", _("Not translated")


class Kind(models.TextChoices):
    PAGES = "pages", _("Pages")
    EVENTS = "events", _("Events")
    MODULES = "modules", _("Training modules")


MODELS = {Kind.PAGES: Page, Kind.EVENTS: Event, Kind.MODULES: CurriculumModule}


def may_see(user):
    """Translators (national editors translate every language) and superusers."""
    return bool(translator_locale_ids(user))


def overview_locales(user):
    """The languages the user translates into: the table's columns."""
    return Locale.objects.filter(pk__in=translator_locale_ids(user)).order_by("language_code")


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


def published_or_own(originals, kind, user):
    """``originals`` that are live, or that ``user`` may edit: no other section's drafts."""
    if user.is_superuser:
        return originals
    policy = {
        Kind.PAGES: policy_registry.get_by_type(Page),
        Kind.EVENTS: event_permission_policy,
        Kind.MODULES: curriculum_permission_policy,
    }[kind]
    own = policy.instances_user_has_permission_for(user, "change")
    return originals.filter(Q(live=True) | Q(pk__in=own.values("pk")))


def sources(kind, section=None, user=None):
    """The Norwegian originals of one kind that ``user`` may see, in a stable order."""
    originals = _originals(kind, section)
    return originals if user is None else published_or_own(originals, kind, user)


def _originals(kind, section=None):
    default = Locale.get_default()
    if kind == Kind.PAGES:
        originals = Page.objects.filter(locale=default, alias_of__isnull=True, depth__gt=1)
        if section is not None:
            originals = originals.filter(path__startswith=section.path)
        return originals.order_by("path")
    if kind == Kind.EVENTS:
        originals = Event.objects.filter(locale=default).select_related("section")
        if section is not None:
            originals = originals.filter(section__path__startswith=section.path)
        return originals.order_by("title", "pk")
    # Modules are the network's, not a section's.
    return CurriculumModule.objects.filter(locale=default).order_by("theme", "order", "pk")


class Cell:
    def __init__(self, status, url=None, action=""):
        self.status = status
        self.url = url
        self.action = action


def _status(source, copy, synced_at):
    if copy is None or getattr(copy, "alias_of_id", None) is not None:
        return Status.MISSING
    if not copy.live:
        return Status.DRAFT
    changed = source.last_published_at
    if changed is not None and (synced_at is None or changed > synced_at):
        return Status.OUTDATED
    return Status.TRANSLATED


def _edit_url(copy):
    if isinstance(copy, Page):
        return reverse("wagtailadmin_pages:edit", args=[copy.pk])
    return reverse(copy.snippet_viewset.get_url_name("edit"), args=[copy.pk])


def _translate_url(source):
    if isinstance(source, Page):
        return reverse("wagtail_localize:submit_page_translation", args=[source.pk])
    meta = source._meta
    return reverse(
        "wagtail_localize:submit_snippet_translation",
        args=[meta.app_label, meta.model_name, source.pk],
    )


def table(kind, originals, locales):
    """[(source, [Cell per locale])] for ``originals``: three queries, whatever their number."""
    keys = originals.values("translation_key")  # a subquery, however many there are
    model = MODELS[kind]
    copies = {
        (copy.translation_key, copy.locale_id): copy
        for copy in model.objects.filter(translation_key__in=keys, locale__in=locales)
    }
    synced = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=Locale.get_default()
        )
    }
    managed = set(
        Translation.objects.filter(
            source__in=synced.values(), target_locale__in=locales, enabled=True
        ).values_list("source_id", "target_locale_id")
    )
    rows = []
    for source in originals:
        sync = synced.get(source.translation_key)
        cells = []
        for locale in locales:
            copy = copies.get((source.translation_key, locale.pk))
            by_localize = sync is not None and (sync.pk, locale.pk) in managed
            if by_localize:
                synced_at = sync.last_updated_at
            else:
                synced_at = getattr(copy, "last_published_at", None)
            status = _status(source, copy, synced_at)
            if status == Status.MISSING:
                cell = Cell(status, _translate_url(source), _("Translate"))
            elif status == Status.OUTDATED and by_localize:
                url = reverse("wagtail_localize:update_translations", args=[sync.pk])
                cell = Cell(status, url, _("Update"))
            else:
                cell = Cell(status, _edit_url(copy), _("Edit"))
            cells.append(cell)
        rows.append((source, cells))
    return rows


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        form = OverviewForm(self.request.GET or None, user=self.request.user)
        filters = form.cleaned_data if form.is_valid() else {}
        kind = filters.get("kind") or Kind.PAGES
        locales = list(overview_locales(self.request.user))
        if filters.get("locale"):
            locales = [filters["locale"]]
        rows = table(kind, sources(kind, filters.get("section"), self.request.user), locales)
        if filters.get("status"):
            rows = [row for row in rows if any(c.status == filters["status"] for c in row[1])]
        counts = dict.fromkeys(Status, 0)
        for _source, cells in rows:
            for cell in cells:
                counts[cell.status] += 1
        paginated = Paginator(rows, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            form=form,
            kind=kind,
            locales=locales,
            rows=paginated,
            counts=[(Status(status).label, status, count) for status, count in counts.items()],
            query=query.urlencode(),
            **kwargs,
        )


def summary(user):
    """[(label, kind, out of date, not translated)] in the user's languages (the dashboard)."""
    locales = list(overview_locales(user))
    rows = []
    for kind in Kind:
        outdated = missing = 0
        for _source, cells in table(kind, sources(kind, user=user), locales):
            for cell in cells:
                outdated += cell.status == Status.OUTDATED
                missing += cell.status == Status.MISSING
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
