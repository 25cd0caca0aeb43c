"""Sections provision themselves: groups, media and workflow on every save, however made."""

from django.db.models.signals import post_save

from cms.sections.provisioning import provision_on_commit
from cms.sections.roles import provision_translation_trees


def connect():
    # Every section gets its editors group and media collection, however
    # it was saved: the admin, code, a copy or a translation.
    for label in ("cms.MunicipalityPage", "cms.AssociationPage"):
        post_save.connect(provision_on_commit, sender=label, dispatch_uid=f"provision-{label}")
    # A language's first page (its home) opens its tree to its translators.
    post_save.connect(
        provision_translation_trees, sender="home.HomePage", dispatch_uid="provision-translators"
    )
