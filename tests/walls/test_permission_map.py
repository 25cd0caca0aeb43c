"""The permission map walked: every role against every family of admin addresses.

Each cell of ``tests/walls/permission_map.py`` is asserted both ways: what a
role may reach shows what it is about, and what she may not reach, or reaches
only in part, names nothing of another section's unpublished work.
"""

import pytest
from wagtail.models import Locale

from cms.core.groups import NATIONAL_EDITORS, VOLUNTEERS
from cms.sections import provisioning
from cms.sections.roles import translator_group_name
from tests.walls.conftest import SECRETS
from tests.walls.permission_map import FAMILIES, ROLES

pytestmark = pytest.mark.django_db


def _user(role, world, superuser, member):
    groups = world["groups"]
    if role == "superuser":
        return superuser
    if role == "national":
        return member("nasjonal", groups[NATIONAL_EDITORS])
    if role == "coordinator":
        return member("koordinator", groups["nordre_follo_coordinators"])
    if role == "editor":
        return member("redaktor", groups["nordre_follo"], groups["oslo"])
    if role == "translator":
        somali = Locale.objects.get(language_code="so")
        group = provisioning.Group.objects.get(name=translator_group_name(somali))
        return member("oversetter", group)
    if role == "volunteer":
        return member("frivillig", groups[VOLUNTEERS])
    return None


def _refused(response, url):
    """A redirect elsewhere (the login, the dashboard, her own explorer), 400, 403 or 404."""
    if response.status_code == 302:
        return response.url != url
    return response.status_code in (400, 403, 404)


def check(family, verdict, response, url):
    """What is wrong with ``response`` for ``verdict``, or None."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    body = content.decode("utf-8", "replace")
    leaked = [word for word in SECRETS if word in body]
    if verdict == "F":
        if not _refused(response, url):
            return f"answered {response.status_code}, should refuse"
    elif response.status_code != 200:
        return f"answered {response.status_code}, should answer 200"
    elif verdict == "A" and family.shows and family.shows not in body:
        return f"does not show {family.shows!r}"
    elif verdict == "S" and family.shows and family.shows in SECRETS:
        pass  # what an allowed role sees is another section's: nothing to show here
    elif verdict == "S" and family.shows and family.shows not in body:
        return f"does not show her own {family.shows!r}"
    if verdict != "A" and leaked:
        return f"shows another section's {leaked}"
    return None


@pytest.mark.parametrize("role", ROLES)
def test_permission_map(role, world, client, superuser, member):
    user = _user(role, world, superuser, member)
    if user is not None:
        client.force_login(user)
    column = ROLES.index(role)
    wrong = []
    for family in FAMILIES:
        url = family.url.format(**world)
        problem = check(family, family.cells[column], client.get(url), url)
        if problem:
            wrong.append(f"{family.name} ({url}): {problem}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_map_covers_every_role_in_every_family():
    for family in FAMILIES:
        assert len(family.cells) == len(ROLES), family.name
        assert set(family.cells) <= {"A", "S", "F"}, family.name
