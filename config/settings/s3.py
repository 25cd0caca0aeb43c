"""The media storages on S3-compatible storage, as production builds them.

A function of the bucket's settings only, so the tests build the same
storages against their own S3 server (tests/helpers/s3.py). The classes are
in ``cms.platform.storage`` and ``cms.platform.storage_s3``.
"""


def s3_storages(bucket_name, endpoint_url=None, region_name=None, custom_domain=None):
    """``STORAGES["default"]`` and ``["renditions"]`` on one bucket.

    - Originals of public images and documents: private objects at the
      bucket's root, reached through Django's views or signed URLs, never
      behind the CDN (``custom_domain``).
    - Public renditions: under ``renditions/``, which the bucket policy makes
      readable by anyone, with random names and unsigned URLs (through the
      CDN, if there is one).
    - Private files (restricted collections, originals and renditions): under
      ``private/``, private objects; the checked view answers with a URL
      signed for a minute.
    """
    bucket = {"bucket_name": bucket_name, "endpoint_url": endpoint_url, "region_name": region_name}
    return {
        "default": {
            "BACKEND": "cms.platform.storage.PrivacySplitStorage",
            "OPTIONS": {
                "public": {
                    "BACKEND": "storages.backends.s3.S3Storage",
                    "OPTIONS": {
                        **bucket,
                        "default_acl": "private",
                        "file_overwrite": False,
                        "signature_version": "s3v4",
                    },
                },
                "private": {
                    "BACKEND": "cms.platform.storage_s3.PrivateS3Storage",
                    "OPTIONS": bucket,
                },
            },
        },
        "renditions": {
            "BACKEND": "cms.platform.storage.PrivacySplitStorage",
            "OPTIONS": {
                "public": {
                    "BACKEND": "cms.platform.storage_s3.UnguessableS3Storage",
                    "OPTIONS": {**bucket, "custom_domain": custom_domain, "location": "renditions"},
                },
                "private": {
                    "BACKEND": "cms.platform.storage_s3.UnguessablePrivateS3Storage",
                    "OPTIONS": bucket,
                },
            },
        },
    }
