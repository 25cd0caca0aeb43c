"""The network's groups by name, who is in the private audience, and who may act at all.

The groups themselves are made by provisioning (``cms.sections.provisioning``
and ``cms.sections.roles``); this module only names them, so the packages that
ask about them (privacy, permissions, the admin) need not import provisioning.
"""

from django.contrib.auth.models import Group
from django.db.models import Q
from django.dispatch import Signal

NATIONAL_EDITORS = "Nasjonal redaksjon"
TRANSLATORS = "Oversettere"
VOLUNTEERS = "Frivillige"

#: Sent by provisioning when the groups of the private audience may have
#: changed (a section's groups linked, the network roles made). Receivers
#: return the changes they made, as text; ``cms.privacy`` puts the audience on
#: the private area's restrictions.
audience_changed = Signal()


def can_act(user):
    """Whether ``user`` is someone at all: logged in and not deactivated."""
    return user.is_authenticated and user.is_active


def is_national(user):
    """National editors and superusers manage every section's people."""
    return can_act(user) and (user.is_superuser or user.has_perm("cms.change_sectionroles"))


def audience_groups():
    """The groups that see the private area: a queryset of ``Group``."""
    return Group.objects.filter(
        Q(name__in=[VOLUNTEERS, NATIONAL_EDITORS, TRANSLATORS])
        | Q(name__startswith=f"{TRANSLATORS} – ")
        | Q(section_roles__isnull=False)
        | Q(coordinated_section__isnull=False)
    )


def in_audience(user):
    """Whether ``user`` may see the private area (cached on the user for the request)."""
    if not can_act(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_cms_in_private_audience", None)
    if cached is None:
        cached = audience_groups().filter(user=user).exists()
        user._cms_in_private_audience = cached
    return cached


def audience_changes(sender):
    """Tell the receivers of :data:`audience_changed`; the changes they made, as text."""
    return [
        change for _receiver, changes in audience_changed.send(sender=sender) for change in changes
    ]
