"""What a private image costs: serving its files through the check, and moving them.

Builds a throwaway database (SQLite, or PostgreSQL with BENCH_DATABASE_URL)
with one private training image and its renditions among ``BENCH_RENDITIONS``
(default 20,000) other rendition rows, as a site with a few thousand images
has, and measures through Django's test client (no network, no server):

- ``/private-media/<rendition>`` for a volunteer, streamed by Django and
  handed to nginx (``X-Accel-Redirect``), and for an anonymous visitor (404);
- the original's address for the volunteer;
- moving an image with four renditions into the private collection and back.

It prints the SQL queries of one request and the median time over
BENCH_ROUNDS requests (default 50). Bounded: BENCH_ROUNDS rounds per row and
three minutes in all. Run it with ``make bench-media``.
"""

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bydelsmodre-bench-media-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3"
)
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{WORKDIR}/private-media"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from cms.core.groups import VOLUNTEERS  # noqa: E402
from cms.privacy import restrictions  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
RENDITIONS = int(os.environ.get("BENCH_RENDITIONS", "20000"))
TIME_LIMIT_SECONDS = 180
FILTERS = ("width-400", "width-960", "fill-320x180", "max-165x165")

Image = get_image_model()
Rendition = Image.get_rendition_model()


def other_renditions(count):
    """``count`` rendition rows of public images, as a large site has (rows only, no files)."""
    images = Image.objects.bulk_create(
        Image(
            title=f"Bilde {n}",
            collection=Collection.get_first_root_node(),
            file=f"original_images/bilde-{n}.png",
            width=800,
            height=600,
        )
        for n in range(count // len(FILTERS))
    )
    Rendition.objects.bulk_create(
        (
            Rendition(
                image=image,
                filter_spec=spec,
                file=f"images/bilde-{image.pk}.{spec}.abcdefghijklmnop.png",
                width=400,
                height=300,
            )
            for image in images
            for spec in FILTERS
        ),
        batch_size=2000,
    )


def measure(label, call, deadline):
    call()  # warm
    with CaptureQueriesContext(connection) as queries:
        call()
    query_count = len(queries)
    timings = []
    for _ in range(ROUNDS):
        if time.monotonic() > deadline:
            break
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    print(f"{label}: {query_count} queries, median {statistics.median(timings):.1f} ms")


def get(client, url, status):
    def call():
        response = client.get(url)
        if response.status_code != status:
            raise SystemExit(f"{url} answered {response.status_code}, not {status}")
        if response.streaming:
            b"".join(response.streaming_content)

    return call


def move_back_and_forth(image):
    training, root = restrictions.training_collection(), Collection.get_first_root_node()

    def call():
        for collection in (root, training):
            image.collection = collection
            image.save()

    return call


def main():
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    try:
        call_command("migrate", verbosity=0)
        call_command("provision_sections", verbosity=0)
        restrictions.sync_private_area()
        other_renditions(RENDITIONS)
        image = Image.objects.create(
            title="Samling",
            collection=restrictions.training_collection(),
            file=get_test_image_file(filename="samling.png", size=(1200, 800)),
        )
        for spec in FILTERS:
            image.get_rendition(spec)
        rendition = image.renditions.get(filter_spec="width-960")
        volunteer = User.objects.create_user("frivillig")
        volunteer.groups.add(Group.objects.get(name=VOLUNTEERS))
        member, visitor = Client(), Client()
        member.force_login(volunteer)
        print(f"{connection.vendor}, {Rendition.objects.count()} renditions in all")
        measure("rendition, member, Django streams", get(member, rendition.url, 200), deadline)
        with override_settings(PRIVATE_MEDIA_SERVE="x-accel-redirect"):
            measure("rendition, member, nginx sends", get(member, rendition.url, 200), deadline)
        measure("original, member, Django streams", get(member, image.file.url, 200), deadline)
        measure("rendition, anonymous (404)", get(visitor, rendition.url, 404), deadline)
        measure("move out and back in (4 renditions)", move_back_and_forth(image), deadline)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
