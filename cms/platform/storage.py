"""Where media files live: public files, private files, and names nobody can guess.

**Private files.** Wagtail stores every image, rendition and document in one
storage, so a rendition of a training image would sit in the public media
folder beside the others, reachable by anyone who has its address
(wagtail#3880). Here each of the two storages (``STORAGES["default"]`` for
originals and documents, ``STORAGES["renditions"]`` for renditions) is a
:class:`PrivacySplitStorage`: a file whose name starts with
:data:`PRIVATE_MARK` is kept by its *private* part (a folder outside
``MEDIA_ROOT``, or a private prefix of the S3 bucket), every other file by its
*public* part. A private file's URL is the checked view
(``PRIVATE_MEDIA_URL``, ``cms.privacy.serving.serve_private_media``), never
the web server's.

The mark is in the file name because a storage sees nothing but names, and
Wagtail names a rendition after its original (``~kurs.png`` gives
``images/~kurs.width-400.<token>.png``): whatever code makes a rendition of a
private original, through any of Wagtail's paths, names it private too. A
document has no renditions; its mark is a folder (``documents/~/hefte.pdf``),
so its name stays as readers know it.
Django's ``get_valid_name`` removes ``~`` from every uploaded name, so only
this project's code marks a file (``cms.privacy.media`` marks the files of
images and documents in restricted collections, and moves them when that
changes). No storage backend offers a split by name, so it is written here.

**Unguessable names.** Wagtail names a rendition after its image and filter
(``images/kurs.fill-400x300.jpg``), so anyone who knows an image's file name
could ask the media server for a rendition of it. Renditions are stored with
:class:`UnguessableNamesMixin` instead: each file name carries a random token,
so a rendition's URL is known only to the pages that show it.
"""

import os
import posixpath
import secrets

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

#: A private file's name has a part that starts with this: its own name (an
#: image's original and renditions) or a folder of its own (a document).
PRIVATE_MARK = "~"


def is_private_name(name):
    """Whether the file ``name`` (``images/~kurs.width-400.x.png``) is a private one."""
    return any(part.startswith(PRIVATE_MARK) for part in name.split("/"))


def private_name(name, keep_filename=False):
    """``name`` marked private.

    An image's own name is marked (``original_images/~kurs.png``), because
    Wagtail names every rendition after it. A document keeps its own name,
    which readers see in its address and download, in a folder marked
    instead (``documents/~/hefte.pdf``): ``keep_filename``.
    """
    folder, base = posixpath.split(public_name(name))
    if keep_filename:
        return posixpath.join(folder, PRIVATE_MARK, base)
    return posixpath.join(folder, PRIVATE_MARK + base)


def public_name(name):
    """``name`` without the private mark."""
    parts = [part.lstrip(PRIVATE_MARK) for part in name.split("/") if part != PRIVATE_MARK]
    return "/".join(parts)


class UnguessableNamesMixin:
    #: Random characters added to every file name (about 96 bits).
    token_length = 16

    def get_available_name(self, name, max_length=None):
        root, extension = os.path.splitext(without_token(name, self.token_length))
        token = secrets.token_urlsafe(self.token_length)[: self.token_length]
        if max_length is not None:
            # Shorten the readable part, never the token.
            room = max_length - len(extension) - len(token) - 1
            root = root[: max(room, 1)]
        return super().get_available_name(f"{root}.{token}{extension}", max_length)


def without_token(name, length=UnguessableNamesMixin.token_length):
    """``name`` without the random token a save gave it, so a moved file gets one, not two."""
    root, extension = os.path.splitext(name)
    head, dot, last = root.rpartition(".")
    return f"{head}{extension}" if dot and len(last) == length else name


class UnguessableFileSystemStorage(UnguessableNamesMixin, FileSystemStorage):
    pass


@deconstructible(path="cms.platform.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """A folder the web server never serves (``PRIVATE_MEDIA_ROOT``).

    Its files' URLs are the checked view's (``PRIVATE_MEDIA_URL``); the view
    reads them from here, or has the web server send them (README).
    """

    def __init__(self, location=None, base_url=None, **options):
        super().__init__(
            location=location or settings.PRIVATE_MEDIA_ROOT,
            base_url=base_url or settings.PRIVATE_MEDIA_URL,
            **options,
        )


class UnguessablePrivateFileSystemStorage(UnguessableNamesMixin, PrivateFileSystemStorage):
    pass


@deconstructible(path="cms.platform.storage.PrivacySplitStorage")
class PrivacySplitStorage(Storage):
    """Two storages as one: names marked private go to ``private``, the others to ``public``.

    ``public`` and ``private`` are storage settings, as in ``STORAGES``
    (``{"BACKEND": …, "OPTIONS": {…}}``).
    """

    def __init__(self, public, private):
        self.public = storages.create_storage(public)
        self.private = storages.create_storage(private)

    def part(self, name):
        """The storage that keeps (or will keep) the file ``name``."""
        return self.private if is_private_name(name) else self.public

    def get_valid_name(self, name):
        # The mark survives; everything else is cleaned as the part would.
        base = self.public.get_valid_name(name.lstrip(PRIVATE_MARK))
        return PRIVATE_MARK + base if name.startswith(PRIVATE_MARK) else base

    def get_available_name(self, name, max_length=None):
        return self.part(name).get_available_name(name, max_length=max_length)

    def save(self, name, content, max_length=None):
        if name is None:
            name = content.name
        return self.part(name).save(name, content, max_length=max_length)

    def _open(self, name, mode="rb"):
        return self.part(name).open(name, mode)

    def delete(self, name):
        return self.part(name).delete(name)

    def exists(self, name):
        return self.part(name).exists(name)

    def size(self, name):
        return self.part(name).size(name)

    def url(self, name):
        return self.part(name).url(name)

    def path(self, name):
        return self.part(name).path(name)

    def get_accessed_time(self, name):
        return self.part(name).get_accessed_time(name)

    def get_created_time(self, name):
        return self.part(name).get_created_time(name)

    def get_modified_time(self, name):
        return self.part(name).get_modified_time(name)

    def listdir(self, path):
        public_dirs, public_files = self.public.listdir(path)
        private_dirs, private_files = self.private.listdir(path)
        return sorted({*public_dirs, *private_dirs}), sorted({*public_files, *private_files})
