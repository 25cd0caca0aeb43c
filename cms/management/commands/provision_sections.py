"""Provision the network roles and every section: groups, collections, rights.

Sections saved through Wagtail provision themselves; this is for sections
imported by other means, for a new installation, and to see what is missing.
It changes nothing the second time.
"""

from django.core.management.base import BaseCommand

from cms.sections.roles import provision_all


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def handle(self, *args, **options):
        report = provision_all()
        changed = 0
        for what, changes in report.items():
            for change in changes:
                self.stdout.write(f"{what}: {change}")
            changed += len(changes)
        self.stdout.write(
            f"Provisioned {len(report) - 1} section(s): {changed} change(s)"
            + ("." if changed else ", everything was already in place.")
        )
