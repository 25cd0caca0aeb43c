"""File storage whose file names cannot be guessed.

Wagtail names a rendition after its image and filter
(``images/kurs.fill-400x300.jpg``), so anyone who knows an image's file name
can ask the media server for a rendition of it, private or not. Image
renditions are stored through :class:`UnguessableFileSystemStorage` instead
(``STORAGES["renditions"]``, ``WAGTAILIMAGES_RENDITION_STORAGE``): each file
name carries a random token, so a rendition's URL is known only to the pages
that show it. No storage backend offers this, so it is a small mixin that can
wrap any of them (an S3 storage in production, for example).
"""

import os
import secrets

from django.core.files.storage import FileSystemStorage


class UnguessableNamesMixin:
    #: Random characters added to every file name (about 96 bits).
    token_length = 16

    def get_available_name(self, name, max_length=None):
        root, extension = os.path.splitext(name)
        token = secrets.token_urlsafe(self.token_length)[: self.token_length]
        if max_length is not None:
            # Shorten the readable part, never the token.
            room = max_length - len(extension) - len(token) - 1
            root = root[: max(room, 1)]
        return super().get_available_name(f"{root}.{token}{extension}", max_length)


class UnguessableFileSystemStorage(UnguessableNamesMixin, FileSystemStorage):
    pass
