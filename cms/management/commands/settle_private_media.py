"""Move the files of images and documents that sit on the wrong side of the private storage.

An image or document in a restricted collection keeps its original and every
rendition in the private storage, any other in the public one
(``cms.privacy.media``). Installations older than that have private files in
the public media folder under their old names; this moves every file that is
on the wrong side, either way, and says what moved where. ``--check`` only
lists them, and exits with status 1 if there are any (for monitoring). It
changes nothing the second time.
"""

import sys
from functools import partial

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model

from cms.platform.storage import is_private_name
from cms.privacy.media import is_private, misplaced, settle
from cms.privacy.restrictions import forget


def _names(item):
    """The file names of ``item`` as stored now: the original's, then each rendition's."""
    names = [("file", type(item).objects.values_list("file", flat=True).get(pk=item.pk))]
    if hasattr(item, "renditions"):
        names += list(item.renditions.order_by("pk").values_list("pk", "file"))
    return names


def _wrong_side(item, to_private):
    return [
        (key, name) for key, name in _names(item) if name and is_private_name(name) != to_private
    ]


class Command(BaseCommand):
    help = __doc__.split("\n\n")[0]

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="list the misplaced files without moving them; exit with status 1 if any",
        )

    def handle(self, *args, check, **options):
        forget()  # the cached restrictions may predate a restore or a migration
        counts, files = {"image": 0, "document": 0}, 0
        for model, queryset in misplaced():
            kind = "image" if model is get_image_model() else "document"
            for item in queryset.select_related("collection"):
                to_private = is_private(item)
                wrong = _wrong_side(item, to_private)
                if not wrong:
                    continue
                counts[kind] += 1
                files += len(wrong)
                line = f"{kind} {item.pk} “{item.title}” ({item.collection.name})"
                side = "the private storage" if to_private else "the public storage"
                if check:
                    names = ", ".join(name for _key, name in wrong)
                    self.stdout.write(f"{line} belongs in {side}: {names}")
                    continue
                with transaction.atomic():
                    settle(item)
                    # Files made public move when the change commits (cms.privacy.media):
                    # what moved is said then.
                    transaction.on_commit(
                        partial(self.moved, item, wrong, f"{line} moved to {side}")
                    )
        if not files:
            self.stdout.write("Nothing to move: every file is in the storage its collection says.")
            return
        items = f"{counts['image']} image(s) and {counts['document']} document(s)"
        if check:
            self.stdout.write(
                f"{files} file(s) of {items} are in the wrong storage; "
                "`manage.py settle_private_media` moves them."
            )
            sys.exit(1)  # as Django's own --check options (makemigrations, migrate)
        transaction.on_commit(partial(self.stdout.write, f"Moved {files} file(s) of {items}."))

    def moved(self, item, wrong, line):
        now = dict(_names(item))
        moves = ", ".join(f"{name} → {now.get(key, name)}" for key, name in wrong)
        self.stdout.write(f"{line}: {moves}")
