"""Provision the network roles and every section: groups, collections, rights.

Also gives the default site the public address in SITE_URL (``cms.platform.siteurl``).

Sections saved through Wagtail provision themselves; this is for sections
imported by other means, for a new installation, and to see what is missing.
It changes nothing the second time.
"""

from django.core.management.base import BaseCommand

from cms.platform.siteurl import apply_site_url
from cms.sections.roles import provision_all


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def handle(self, *args, **options):
        site_changes = apply_site_url()
        for change in site_changes:
            self.stdout.write(f"site: {change}")
        report = provision_all()
        changed = len(site_changes)
        for what, changes in report.items():
            for change in changes:
                self.stdout.write(f"{what}: {change}")
            changed += len(changes)
        self.stdout.write(
            f"Provisioned {len(report) - 1} section(s): {changed} change(s)"
            + ("." if changed else ", everything was already in place.")
        )
