"""The translation overview's queries: which originals, and each cell's status, in SQL.

A cell is one Norwegian original in one language. Its status is read from the
translated copy (the row with the same ``translation_key`` in that locale):

- no copy, or a page's alias (a fallback, not a translation): not translated;
- a copy that is not live: draft;
- a live copy whose Norwegian source was published after the copy last took
  the source's text: out of date. For a wagtail-localize translation, that is
  after its ``TranslationSource`` was last updated; for a copy made by copying
  the page, after the copy was last published;
- otherwise: translated.

The database decides each status (:func:`outdated` is the only rule that
needs more than the copy's own row), so a page of the table, the status
filter and the counts per language are each one query, whatever the number
of originals: the database counts 10,000 events by language and status,
and Python never lists them.
"""

from django.db import models
from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.lookups import IsNull
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cms.curriculum.models import CurriculumModule
from cms.curriculum.permissions import curriculum_permission_policy
from cms.events.models import Event
from cms.events.permissions import event_permission_policy
from cms.sections.scopes import translator_locale_ids
from cms.translation.marks import DEMO_TOOL


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
    """The Norwegian originals of one kind that ``user`` may see, in a stable order.

    A queryset: the view pages it before anything is read.
    """
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


# --- each cell's status --------------------------------------------------------------


def copies(model, locales):
    """The translated copies into ``locales``: rows of ``model``, a page's aliases left out."""
    found = model.objects.filter(locale__in=locales)
    if issubclass(model, Page):
        found = found.filter(alias_of__isnull=True)
    return found


def _translation_source(default):
    """The wagtail-localize source of the copy's Norwegian original (on a copy's row)."""
    return TranslationSource.objects.filter(object_id=OuterRef("translation_key"), locale=default)


def _by_localize(default):
    """Whether wagtail-localize keeps the copy (on a copy's row): an enabled translation."""
    return Exists(
        Translation.objects.filter(
            source__object_id=OuterRef("translation_key"),
            source__locale=default,
            target_locale=OuterRef("locale"),
            enabled=True,
        )
    )


def _stale_sources(model, default):
    """The keys whose original was published after wagtail-localize last took its text."""
    newer = model.objects.filter(
        translation_key=OuterRef("object_id"),
        locale=default,
        last_published_at__gt=OuterRef("last_updated_at"),
    )
    return TranslationSource.objects.filter(Exists(newer), locale=default).values("object_id")


def _behind_copy(model, default):
    """Whether the original was published after the copy was (on a copy's row)."""
    newer = model.objects.filter(
        Q(IsNull(OuterRef("last_published_at"), True))
        | Q(last_published_at__gt=OuterRef("last_published_at")),
        translation_key=OuterRef("translation_key"),
        locale=default,
        last_published_at__isnull=False,
    )
    return Exists(newer)


def outdated(found, model, default):
    """A condition on copies: among the copies ``found``, the live ones behind their original.

    Two subqueries that do not depend on the row they test, so the database
    runs each once, as joins, and looks each copy up in their results. (A
    subquery per copy, 15,000 of them, would be as fast, but PostgreSQL's
    planner expects it to be slow and spends longer compiling the query, with
    its JIT, than running it.)
    """
    live = found.filter(live=True)
    kept = _by_localize(default)
    by_localize = live.filter(kept, translation_key__in=_stale_sources(model, default))
    by_copying = live.filter(~kept, _behind_copy(model, default))
    return Q(pk__in=by_localize.values("pk")) | Q(pk__in=by_copying.values("pk"))


def _unreviewed():
    """Whether a string of the copy is still the demo's (on a copy's row): not reviewed."""
    return Exists(
        StringTranslation.objects.filter(
            context__object_id=OuterRef("translation_key"),
            locale=OuterRef("locale"),
            tool_name=DEMO_TOOL,
        )
    )


def cells(model, keys, locales, default):
    """{(translation_key, locale id): row} of the copies of ``keys``: one query.

    Each row has the copy's ``pk``, its ``cell_status``, whether wagtail-localize
    keeps it (``by_localize``), the original's ``TranslationSource`` (``sync``),
    for the cell's action, and whether a demo string in it awaits review
    (``unreviewed``, ``cms.translation.marks``). A cell with no row is not
    translated.
    """
    found = copies(model, locales).filter(translation_key__in=keys)
    rows = found.annotate(
        cell_status=Case(
            When(live=False, then=Value(Status.DRAFT)),
            When(outdated(found, model, default), then=Value(Status.OUTDATED)),
            default=Value(Status.TRANSLATED),
            output_field=models.CharField(),
        ),
        by_localize=_by_localize(default),
        sync=Subquery(_translation_source(default).values("pk")[:1]),
        unreviewed=_unreviewed(),
    ).values(
        "pk", "translation_key", "locale_id", "cell_status", "by_localize", "sync", "unreviewed"
    )
    return {(row["translation_key"], row["locale_id"]): row for row in rows}


def with_status(originals, model, locales, status, default):
    """The ``originals`` with at least one cell of ``status`` among ``locales``."""
    found = copies(model, locales)
    if status == Status.MISSING:
        complete = (
            found.values("translation_key")
            .annotate(number=Count("pk"))
            .filter(number__gte=len(locales))
            .values("translation_key")
        )
        return originals.exclude(translation_key__in=complete)
    if status == Status.DRAFT:
        matching = found.filter(live=False)
    elif status == Status.OUTDATED:
        matching = found.filter(outdated(found, model, default))
    else:
        matching = found.filter(live=True).exclude(outdated(found, model, default))
    return originals.filter(translation_key__in=matching.values("translation_key"))


def counts(model, originals, total, locales, default):
    """{locale id: {status: cells}} over all ``originals`` (``total`` of them): one query.

    The database counts the copies by language, drafts and out-of-date ones
    apart; a cell with no copy is not translated.
    """
    found = copies(model, locales).filter(translation_key__in=originals.values("translation_key"))
    grouped = (
        found.values("locale_id")
        .annotate(
            copied=Count("pk"),
            draft=Count("pk", filter=Q(live=False)),
            # Tested against every copy: the filters' subqueries are not run twice.
            outdated=Count("pk", filter=outdated(copies(model, locales), model, default)),
        )
        .order_by()
    )
    by_locale = {locale.pk: dict.fromkeys(Status, 0) for locale in locales}
    for row in grouped:
        by_locale[row["locale_id"]].update(
            {
                Status.DRAFT: row["draft"],
                Status.OUTDATED: row["outdated"],
                Status.TRANSLATED: row["copied"] - row["draft"] - row["outdated"],
            }
        )
    for by_status in by_locale.values():
        by_status[Status.MISSING] = total - sum(by_status.values())
    return by_locale
