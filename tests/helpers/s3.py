"""Media on S3, as production keeps it, against moto's S3 server on 127.0.0.1.

``s3_server`` starts the server once per test module; ``s3_bucket`` makes the
module a bucket with the policy the README asks for (``renditions/`` readable
by anyone) and puts ``STORAGES["default"]`` and ``STORAGES["renditions"]`` on
it exactly as ``config/settings/production.py`` does when
``AWS_STORAGE_BUCKET_NAME`` is set; ``s3_media`` empties the bucket before
and after each test. Import the three fixtures into the test module.

moto refuses an unsigned request that the bucket policy and the object's ACL
do not allow, as S3 does, but takes any URL that carries a signature without
checking it.
"""

import json
import uuid

import boto3
import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.test import override_settings
from moto.server import ThreadedMotoServer
from wagtail.images import get_image_model

from config.settings.s3 import s3_storages
from tests.servers import free_port

REGION = "us-east-1"


def public_renditions_policy(bucket):
    """The bucket policy the README asks for: anyone may read ``renditions/``, nothing else."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{bucket}/renditions/*",
                }
            ],
        }
    )


class S3:
    """The server's address, the test's bucket and a boto3 client to look into it."""

    def __init__(self, endpoint, bucket):
        self.endpoint = endpoint
        self.bucket = bucket
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION)

    def object_keys(self):
        """Every key in the bucket, sorted."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def empty(self):
        keys = [{"Key": key} for key in self.object_keys()]
        if keys:
            self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys})

    def url(self, key):
        """The object's plain address, without a signature."""
        return f"{self.endpoint}/{self.bucket}/{key}"


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server on a free port of 127.0.0.1, with fake credentials; its address."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        patch.setenv("AWS_DEFAULT_REGION", REGION)
        for name in ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE"):
            patch.delenv(name, raising=False)
        port = free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.stop()


@pytest.fixture(scope="module")
def s3_bucket(s3_server):
    """A bucket for the module, and the media on it; an :class:`S3`.

    The storages live as long as the module, so each test does not pay for
    building four boto3 clients.
    """
    s3 = S3(s3_server, f"media-{uuid.uuid4().hex[:12]}")
    s3.client.create_bucket(Bucket=s3.bucket)
    s3.client.put_bucket_policy(Bucket=s3.bucket, Policy=public_renditions_policy(s3.bucket))
    with (
        override_settings(
            STORAGES={
                **settings.STORAGES,
                **s3_storages(s3.bucket, endpoint_url=s3_server, region_name=REGION),
            }
        ),
        pytest.MonkeyPatch.context() as patch,
    ):
        # Wagtail's Rendition.file took its storage when the model was imported;
        # images and documents use default_storage, which follows the setting.
        field = get_image_model().get_rendition_model()._meta.get_field("file")
        patch.setattr(field, "storage", storages["renditions"])
        yield s3


@pytest.fixture
def s3_media(s3_bucket):
    """Media on S3 for this test, in a bucket that is empty when it starts; an :class:`S3`."""
    s3_bucket.empty()
    yield s3_bucket
    s3_bucket.empty()
