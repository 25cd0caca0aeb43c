"""Who sees which section's activity, and how.

- A section's coordinators follow its activity exactly, volunteer by volunteer
  (superusers and the national editors: every section, and the network).
- The funding municipality's contacts (``SectionRoles.municipality_contacts``)
  read the section's report, protected, by calendar year, and nothing else.
- Everyone else sees nothing of it; the public sees only the protected yearly
  figure on the public pages (``cms.templatetags.activity_tags``).
"""

from django.db.models import Q

from cms.core.groups import can_act, is_national
from cms.sections.models import norwegian_sections
from cms.sections.scopes import coordinated_sections


def followed_sections(user):
    """The sections whose activity ``user`` follows exactly (coordinators, national roles)."""
    if is_national(user):
        return norwegian_sections()
    return coordinated_sections(user)


def reported_sections(user):
    """The sections whose report ``user`` may read: followed ones and her municipality's.

    The admin menu asks the same of ``cms.sections.scopes.local_roles``, which
    it shares with the outreach item, once per request.
    """
    if not can_act(user):
        return norwegian_sections().none()
    if is_national(user):
        return norwegian_sections()
    return (
        norwegian_sections()
        .filter(
            Q(section_roles__coordinators__user=user)
            | Q(section_roles__municipality_contacts__user=user)
        )
        .distinct()
    )


def sees_network(user):
    """Whether ``user`` follows the whole network's activity (section "0" in the admin)."""
    return is_national(user)
