"""Load the demo site: its content is data in ``cms/demo/data/``, built by ``cms.demo``."""

from django.core.management.base import BaseCommand

from cms.demo.loader import load


class Command(BaseCommand):
    help = "Load the Bydelsmødre demo content and demo accounts (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, quiet=False, **options):
        load(log=None if quiet else self.stdout.write)
