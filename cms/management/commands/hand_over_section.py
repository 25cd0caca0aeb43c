"""Phase four: hand a municipality section over to its local association.

Makes the association page if there is none, provisions the board's group and
media, and moves the section's future events to the association; the
section's history says what changed. The same as the button in the admin's
"Sections and people".
"""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from cms.sections.handover import HandOverError, hand_over
from cms.sections.models import section_pages


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser):
        parser.add_argument("section", help="the section's slug (Norwegian tree) or page id")
        parser.add_argument("--title", default="", help="the association's name, if it is new")

    def handle(self, *args, section, title, **options):
        pages = Page.objects.filter(locale=Locale.get_default())
        page = pages.filter(pk=int(section)).first() if section.isdigit() else None
        if page is None:
            # A slug is unique among siblings only: two districts may both be "sentrum".
            matches = list(section_pages(pages).filter(slug=section).order_by("path"))
            if len(matches) > 1:
                raise CommandError(
                    f"More than one section has the slug “{section}”; give its id: "
                    + ", ".join(
                        f"{match.pk} ({match.get_parent().title} › {match.title})"
                        for match in matches
                    )
                )
            page = matches[0] if matches else None
        if page is None:
            raise CommandError(f"No section “{section}” in the Norwegian tree.")
        try:
            association, changes = hand_over(page, title=title.strip() or None)
        except HandOverError as error:
            raise CommandError(str(error)) from error
        for change in changes:
            self.stdout.write(change)
        self.stdout.write(f"“{page.title}” is handed over to “{association.title}”.")
