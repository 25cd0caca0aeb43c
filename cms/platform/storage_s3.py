"""Media on S3-compatible storage (the ``s3`` extra: django-storages with boto3).

Imported only when production names a bucket (``AWS_STORAGE_BUCKET_NAME``).
Originals of public images and documents stay private in the bucket and reach
readers only through Django's checked views; public renditions get random
names (``cms.platform.storage``) and are read straight from the bucket's
``renditions/`` prefix, or its CDN. Private files (training material) live
under ``private/``, which no bucket policy opens: the checked view answers a
reader who may see one with a signed URL that lives a minute.
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage

from cms.platform.storage import UnguessableNamesMixin


class UnguessableS3Storage(UnguessableNamesMixin, S3Storage):
    """Renditions: random names, public URLs without signatures, no existence check."""

    def __init__(self, **settings):
        # A random name never collides, so S3 need not be asked whether it exists.
        super().__init__(**{"file_overwrite": True, "querystring_auth": False, **settings})


class PrivateS3Storage(S3Storage):
    """Private files: under ``private/``, private to the bucket, never behind the CDN.

    ``url()`` is the checked view's address, as for private files on disk;
    only the view, once it has checked the reader, asks for :meth:`signed_url`.
    """

    def __init__(self, **options):
        super().__init__(
            **{
                "location": "private",
                "default_acl": "private",
                "querystring_auth": True,
                # Seconds a signed URL works.
                "querystring_expire": settings.PRIVATE_MEDIA_SIGNED_SECONDS,
                # Signature version 4: buckets made since 2020 refuse version 2,
                # which botocore would still use in some regions. It signs for
                # the bucket's region, so AWS_S3_REGION_NAME must name it.
                "signature_version": "s3v4",
                "file_overwrite": False,
                **options,
                # A CDN would keep what it fetched for anyone with the address.
                "custom_domain": None,
            }
        )

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.PRIVATE_MEDIA_URL + filepath_to_uri(name)

    def signed_url(self, name):
        """A URL of the bucket that gives the file for ``querystring_expire`` seconds."""
        return super().url(name)


class UnguessablePrivateS3Storage(UnguessableNamesMixin, PrivateS3Storage):
    """Private renditions: random names, and no existence check."""

    def __init__(self, **options):
        super().__init__(**{"file_overwrite": True, **options})
