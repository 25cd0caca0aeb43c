"""Phase four: a municipality's group becomes a local association.

``hand_over(municipality)`` makes the AssociationPage below the municipality
if there is none (live, so the events it takes over stay on the public
calendar; an existing one must be live too), provisions its board's group and
media collection, and moves the municipality's future events to it, drafts
and translations included. Each event's history and both sections' histories
say what moved, who did it and when.

From then on the association is its board's: its ``SectionRoles`` records
when it was handed over, and the groups of the sections above it (the
municipality's editors and coordinators) no longer edit or publish its pages,
its events or its media, although Wagtail's page rights run down the tree
(the wall in ``cms.core.page_permissions``). Its people were never theirs
(``cms.sections.scopes.managed_sections``). The history says who lost and who gained
what.
"""

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.core.i18n import source_of
from cms.sections import provisioning
from cms.sections.models import AssociationPage, MunicipalityPage, SectionRoles

#: Letters slugify would drop: "Bydelsmødre" becomes "bydelsmodre", not "bydelsmdre".
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})

#: The audit log's name for a hand-over entry (registered in wagtail_hooks).
LOG_ACTION = "cms.hand_over"


def _events():
    # Named by label: events sit above sections (their section is a page here).
    return apps.get_model("cms", "Event").objects


class HandOverError(ValueError):
    """The page cannot be handed over; the message says why, for the editor."""


def association_title(municipality):
    return f"Bydelsmødre {municipality.title}"


def hand_over(municipality, *, user=None, title=None, now=None):
    """Hand ``municipality`` to its association; (association, changes as text)."""
    source = source_of(municipality.specific)
    if not isinstance(source, MunicipalityPage):
        raise HandOverError(
            _("“%(title)s” is not a municipality or district.") % {"title": source.title}
        )
    now = now or timezone.now()
    changes = []
    with transaction.atomic():
        association = _association(source, title, user, changes)
        changes += provisioning.provision(association, user=user)
        changes += _wall_off(association, now)
        events = (
            _events()
            .filter(section=source, locale=source.locale, occurrences__end__gte=now)
            .distinct()
            .order_by("start", "pk")
        )
        moved = [_move(event, source, association, user) for event in events]
        if moved:
            changes.append(
                f"moved {len(moved)} future event(s) from “{source.title}” to "
                f"“{association.title}”: " + "; ".join(moved)
            )
        if changes:
            for page in (source, association):
                log(instance=page, action=LOG_ACTION, user=user, data={"changes": changes})
    return association, changes


def _association(source, title, user, changes):
    existing = AssociationPage.objects.child_of(source).order_by("-live", "path").first()
    if existing is not None and not existing.live:
        # The calendar shows only live sections' events: they would all disappear.
        raise HandOverError(
            _(
                "The association page “%(title)s” is not published. Publish it first, "
                "so the events it takes over stay on the public calendar."
            )
            % {"title": existing.title}
        )
    if existing is not None:
        return existing
    title = title or association_title(source)
    slug = slugify(title.translate(NORWEGIAN_LETTERS)) or "forening"
    taken = set(source.get_children().values_list("slug", flat=True))
    while slug in taken:
        slug = f"{slug}-forening"
    association = source.add_child(
        instance=AssociationPage(
            title=title,
            slug=slug,
            locale=source.locale,
            owner=user,
            intro=f"{title} er en frivillig forening som driver Bydelsmødre videre.",
        )
    )
    association.save_revision(user=user, log_action=True).publish(user=user)
    changes.append(f"created and published the association page “{title}”")
    return association


def _wall_off(association, now):
    """Mark the association as its board's; what the sections above it lose, as text."""
    roles = SectionRoles.objects.select_related("editors", "coordinators").get(section=association)
    if roles.handed_over_at is not None:
        return []
    roles.handed_over_at = now
    roles.save(update_fields=["handed_over_at"])
    above = SectionRoles.objects.filter(section__in=association.get_ancestors()).select_related(
        "editors", "coordinators"
    )
    lost = [
        f"“{group.name}” can no longer edit or publish “{association.title}”, "
        "its pages, events and media"
        for section_roles in above
        for group in (section_roles.editors, section_roles.coordinators)
        if group is not None
    ]
    gained = [
        f"“{group.name}” alone edits and publishes “{association.title}” "
        "(with the national editors)"
        for group in (roles.editors, roles.coordinators)
        if group is not None
    ]
    return lost + gained


def _move(event, source, association, user):
    """Give ``event`` (and its translations and its latest draft) to ``association``."""
    event.section = association
    event.save(update_fields=["section"])  # also moves its translations
    copies = (
        _events().filter(translation_key=event.translation_key).select_related("latest_revision")
    )
    for copy in copies:
        revision = copy.latest_revision
        if revision is not None and revision.content.get("section") == source.pk:
            # A draft (the event's or a translation's) still naming the old section
            # would move it back when published.
            revision.content["section"] = association.pk
            revision.save(update_fields=["content"])
    log(
        instance=event,
        action=LOG_ACTION,
        user=user,
        data={"changes": [f"moved from “{source.title}” to “{association.title}”"]},
    )
    return f"“{event.title}”"
