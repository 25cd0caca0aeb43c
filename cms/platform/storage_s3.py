"""Media on S3-compatible storage (the ``s3`` extra: django-storages with boto3).

Imported only when production names a bucket (``AWS_STORAGE_BUCKET_NAME``).
Originals of images and documents stay private in the bucket and reach
readers only through Django's checked views; renditions get random names
(``cms.platform.storage``) and are read straight from the bucket, or its CDN.
"""

from storages.backends.s3 import S3Storage

from cms.platform.storage import UnguessableNamesMixin


class UnguessableS3Storage(UnguessableNamesMixin, S3Storage):
    """Renditions: random names, public URLs without signatures, no existence check."""

    def __init__(self, **settings):
        # A random name never collides, so S3 need not be asked whether it exists.
        super().__init__(**{"file_overwrite": True, "querystring_auth": False, **settings})
