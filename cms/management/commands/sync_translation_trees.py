"""Give every Norwegian page its alias in each language that follows Norwegian.

Pages made in Wagtail's admin get their aliases at once (wagtail-localize's
``after_create_page`` hook); pages made any other way (the demo, an import, a
page created before a language was set to follow Norwegian) get them here.
It changes nothing the second time.
"""

from django.core.management.base import BaseCommand
from wagtail.models import Page

from cms.translation.trees import sync_translation_trees


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def handle(self, *args, **options):
        before = Page.objects.filter(alias_of__isnull=False).count()
        synced = sync_translation_trees()
        made = Page.objects.filter(alias_of__isnull=False).count() - before
        self.stdout.write(
            f"Synchronised {len(synced)} language tree(s) from Norwegian: {made} new alias page(s)."
        )
