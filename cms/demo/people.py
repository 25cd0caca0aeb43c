"""The demo's accounts (``data/people.toml``), in the groups that provisioning made.

An account that exists is not touched, except that it joins its group again
(a no-op when it is still a member).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.demo.data import read
from cms.sections.models import SectionRoles

#: The password of every demo account, documented in the README.
DEMO_PASSWORD = read("people")["password"]

#: (username, first name, last name, superuser, role or None) of each demo
#: account; a role is "<editors|coordinators|municipality_contacts>:<section slug>"
#: or "group:<name>".
DEMO_USERS = [
    (user["username"], user["first_name"], user["last_name"], user["superuser"], user.get("role"))
    for user in read("people")["users"]
]


def demo_account(progress, username, first_name, last_name, **fields):
    """A new demo account with the demo password."""
    user = get_user_model()(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@bydelsmodre.example.no",
        **fields,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    progress.made(f"Created the demo account {username}.")
    return user


def group_for(sections, role):
    """The group for a demo role: a network group, or one that provisioning made."""
    kind, _colon, name = role.partition(":")
    if kind == "group":
        return Group.objects.get(name=name)
    roles = SectionRoles.objects.get(section=sections[name])
    return getattr(roles, kind)  # editors, coordinators or municipality_contacts


def load(progress, sections):
    """The demo accounts of ``people.toml``; ``sections`` are the sections by slug."""
    User = get_user_model()
    for username, first_name, last_name, is_superuser, role in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = demo_account(
                progress,
                username,
                first_name,
                last_name,
                is_superuser=is_superuser,
                is_staff=is_superuser,
            )
        if role:
            user.groups.add(group_for(sections, role))
