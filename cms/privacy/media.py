"""Private images and documents keep their files in the private storage, and only there.

An image or document is private when its collection, or one above it, has a
view restriction (Wagtail's collection privacy; the training collection
always has one, ``cms.privacy.restrictions``). Its original and every
rendition then carry the private mark in their file names, which puts them
in the private storage (``cms.platform.storage``): outside ``MEDIA_ROOT`` on
disk, under ``private/`` on S3, and reached only through
``cms.privacy.serving.serve_private_media``.

The files follow the collection, whatever changes it:

- an upload into a private collection is named private before its first
  byte is written (:func:`name_upload`, ``pre_save``);
- saving an image or document moves its files if they are on the wrong side
  (:func:`settle`, ``post_save``); Wagtail's bulk "add to collection" updates
  rows without saving them, and is settled after it (``after_bulk_action``);
- a collection made private or public, or moved under another, settles
  every file below it (:func:`settle_all`);
- ``manage.py settle_private_media`` does the same for an installation whose
  files predate all this, and says what it moved.

A file made private is copied at once and its public copy deleted when the
change commits, before the editor's request is answered: its old address
stops working then. A file made public moves when the change commits. A
change rolled back leaves every row and file as it was. Every move starts a
new page-cache generation and purges the front cache
(``cms.platform.pagecache``), so no kept page or copy still shows the old
address.
"""

import logging

from django.db import transaction
from django.db.models import Q
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.images import get_image_model

from cms.platform import pagecache
from cms.platform.storage import is_private_name, private_name, public_name
from cms.privacy.restrictions import forget, restricted_collection_ids

logger = logging.getLogger(__name__)


def is_private(item):
    """Whether the image or document ``item`` sits in a restricted collection."""
    return item.collection_id in restricted_collection_ids()


def _marked(field="file"):
    """Rows whose file name carries the private mark (on its own name or a folder)."""
    return Q(**{f"{field}__contains": "/~"}) | Q(**{f"{field}__startswith": "~"})


def _storage(model):
    return model._meta.get_field("file").storage


def _private_name(model, name):
    # A document keeps its own name, which readers see (cms.platform.storage).
    return private_name(name, keep_filename=issubclass(model, AbstractDocument))


def _move(model, pk, name, to_private):
    """Copy one file to the other side and point its row there; its new name.

    No signal is sent. The old copy is deleted when the change commits, so a
    change rolled back leaves the row and its file as they were (and an
    unused copy on the other side).
    """
    storage = _storage(model)
    wanted = _private_name(model, name) if to_private else public_name(name)
    if storage.exists(name):
        with storage.open(name, "rb") as content:
            new_name = storage.save(
                wanted, content, max_length=model._meta.get_field("file").max_length
            )
        transaction.on_commit(lambda: storage.delete(name), robust=True)
    else:
        logger.warning("The file %s of %s %s is missing; renamed only.", name, model.__name__, pk)
        new_name = wanted
    model.objects.filter(pk=pk).update(file=new_name)
    return new_name


def _misplaced_renditions(image, to_private):
    renditions = image.renditions.all()
    return renditions.exclude(_marked()) if to_private else renditions.filter(_marked())


def _apply(item, to_private):
    moved = []
    if item.file.name and is_private_name(item.file.name) != to_private:
        item.file.name = _move(type(item), item.pk, item.file.name, to_private)
        moved.append(item.file.name)
    if hasattr(item, "renditions"):
        for rendition in _misplaced_renditions(item, to_private):
            rendition.purge_from_cache()  # Wagtail keeps renditions, with their names, in the cache
            moved.append(_move(type(rendition), rendition.pk, rendition.file.name, to_private))
    if moved:
        pagecache.content_changed()
        side = "private" if to_private else "public"
        logger.info(
            "Moved %d files of %s %s to the %s storage.",
            len(moved),
            type(item).__name__,
            item.pk,
            side,
        )
    return moved


def _misplaced(item, to_private):
    if item.file.name and is_private_name(item.file.name) != to_private:
        return True
    return hasattr(item, "renditions") and _misplaced_renditions(item, to_private).exists()


def settle(item):
    """Put the files of one image or document on the side its collection says; the new names.

    Files made private move at once: the copies in public storage are gone
    when the change commits. Files made public move when the change commits
    (they stay private until then, and so if it is rolled back); inside a
    transaction the list returned is filled then.
    """
    if is_private(item):
        return _apply(item, to_private=True)
    moved = []
    if _misplaced(item, to_private=False):
        model, pk = type(item), item.pk

        def publish():
            fresh = model.objects.filter(pk=pk).select_related("collection").first()
            if fresh is not None and not is_private(fresh):
                moved.extend(_apply(fresh, to_private=False))
                # The caller's copy must not save the old name back.
                item.file.name = fresh.file.name

        transaction.on_commit(publish, robust=True)
    return moved


def misplaced():
    """Every image and document whose files are on the wrong side, as (model, queryset)."""
    private_ids = restricted_collection_ids()
    should_be_private = Q(collection_id__in=private_ids)
    Image, Document = get_image_model(), get_document_model()
    images = Image.objects.filter(
        (should_be_private & ~_marked())
        | (~should_be_private & _marked())
        | (should_be_private & Q(renditions__isnull=False) & ~_marked("renditions__file"))
        | (~should_be_private & _marked("renditions__file"))
    ).distinct()
    documents = Document.objects.filter(
        (should_be_private & ~_marked()) | (~should_be_private & _marked())
    )
    return [(Image, images.order_by("pk")), (Document, documents.order_by("pk"))]


def settle_all():
    """Settle every image and document that is on the wrong side; what moved, per item."""
    moved = {}
    for _model, queryset in misplaced():
        for item in queryset.select_related("collection"):
            files = settle(item)
            if files:
                moved[item] = files
    return moved


# --- Receivers ------------------------------------------------------------------------


def name_upload(sender, instance, raw=False, **kwargs):
    """pre_save receiver: a file being uploaded is named for the side it belongs to.

    Only the new upload is renamed: a file already stored is moved after the
    save (:func:`item_saved`).
    """
    file = instance.file
    if raw or not file or getattr(file, "_committed", True):
        return
    name = public_name(file.name)
    file.name = _private_name(sender, name) if is_private(instance) else name


def item_saved(sender, instance, raw=False, **kwargs):
    """post_save receiver for images and documents."""
    if not raw:
        settle(instance)


def collections_changed(sender=None, **kwargs):
    """A collection restriction or the collection tree changed: every file follows."""
    forget()
    moved = settle_all()
    if moved:
        logger.info("Moved the files of %d images and documents.", len(moved))


def bulk_action_done(request, action_type, objects, action_class_instance):
    """``after_bulk_action`` hook: Wagtail put images or documents in a collection by an update."""
    if action_type != "add_to_collection" or not objects:
        return
    model = type(objects[0])
    for item in model.objects.filter(pk__in=[item.pk for item in objects]):
        settle(item)
