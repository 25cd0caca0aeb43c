"""Which sections a person works in: the sections she edits, manages or coordinates.

Every admin view, permission policy and chooser that keeps a person to her
own sections asks one of these. "May edit" is Wagtail's own answer for pages
(the page permission policy, walls included); managing and coordinating come
from the section's groups (``SectionRoles``).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page
from wagtail.permissions import policy_registry

from cms.core.groups import can_act, is_national
from cms.sections.models import MunicipalityPage, SectionRoles, norwegian_sections, section_pages

#: What a translator may do with a snippet translated into one of her languages.
TRANSLATOR_ACTIONS = frozenset({"change", "publish", "unpublish", "lock", "unlock", "view"})


def editable_sections(user, action="change"):
    """The section pages, in the default locale, that ``user`` may edit.

    "May edit" is Wagtail's own answer for pages: a ``change_page`` permission
    on the page or an ancestor (or ``add_page`` on a page the user owns),
    through the page permission policy. A queryset of ``Page`` (use
    ``.specific()`` for the section types), one query however many rights.
    """
    if not can_act(user):
        return Page.objects.none()
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, action)
    return section_pages(pages).filter(
        locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )


def editable_section_pages(user, action="change"):
    """Editable sections and their translations, so a translated event follows its source."""
    return Page.objects.filter(
        translation_key__in=editable_sections(user, action).values("translation_key")
    )


def translator_locale_ids(user):
    """The locales ``user`` translates into as a translator (``TranslatorRole``), as ids."""
    if not can_act(user):
        return frozenset()
    cached = getattr(user, "_translator_locale_ids", None)
    if cached is None:
        locales = Locale.objects.exclude(pk=Locale.get_default().pk)
        if not user.is_superuser:
            locales = locales.filter(translator_roles__group__user=user)
        cached = frozenset(locales.values_list("pk", flat=True))
        user._translator_locale_ids = cached
    return cached


def managed_sections(user):
    """The sections (Norwegian tree) whose people ``user`` manages."""
    sections = norwegian_sections()
    if not can_act(user):
        return sections.none()
    if is_national(user):
        return sections
    paths = list(
        SectionRoles.objects.filter(coordinators__user=user).values_list("section__path", flat=True)
    )
    if not paths:
        return sections.none()
    # Her own sections, and the districts below them; an association below
    # is its board's business (and the national editors').
    below = Q()
    for path in paths:
        below |= Q(path__startswith=path)
    districts = below & Q(content_type=ContentType.objects.get_for_model(MunicipalityPage))
    return sections.filter(Q(path__in=paths) | districts)


def coordinated_sections(user):
    """The sections (Norwegian tree) ``user`` coordinates: her volunteers' sections."""
    sections = norwegian_sections()
    if not can_act(user):
        return sections.none()
    if user.is_superuser:
        return sections
    return sections.filter(section_roles__coordinators__user=user)


def local_roles(user):
    """``(coordinated, reported)``: ids of the sections ``user`` coordinates, or reports on.

    One query, kept on the user for the request: the admin menu asks it on
    every page, for its "Candidates and requests" and "Activity" items.
    """
    cached = getattr(user, "_cms_local_roles", None)
    if cached is not None:
        return cached
    coordinated, reported = set(), set()
    if can_act(user):
        members = get_user_model().groups.through.objects.filter(user_id=user.pk)
        rows = (
            SectionRoles.objects.annotate(
                coordinates=Exists(members.filter(group_id=OuterRef("coordinators_id"))),
                reports=Exists(members.filter(group_id=OuterRef("municipality_contacts_id"))),
            )
            .filter(Q(coordinates=True) | Q(reports=True))
            .values_list("section_id", "coordinates", "reports")
        )
        for section_id, coordinates, reports in rows:
            if coordinates:
                coordinated.add(section_id)
            if coordinates or reports:
                reported.add(section_id)
    user._cms_local_roles = (frozenset(coordinated), frozenset(reported))
    return user._cms_local_roles
