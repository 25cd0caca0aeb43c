"""Back up and restore the database and the media files, and check the restore.

A backup is one folder: the database (``pg_dump``'s custom format on
PostgreSQL, SQLite's online backup otherwise), the media folder and the
private media folder (``PRIVATE_MEDIA_ROOT``: the files of images and
documents in restricted collections, ``cms.platform.storage``) as two tar
archives, and ``manifest.json`` listing the pages, events and documents it
holds with a checksum of each document's file, read through the storage
whichever side it is on. A restore puts them back and compares what is then
there with the manifest, so a backup that cannot be restored is found out
when it is tried, not after.

The database tools are PostgreSQL's own (``pg_dump``, ``pg_restore``, which
the server's packages install) and Python's ``sqlite3``; nothing here is
hand-made but the manifest.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from wagtail.documents import get_document_model
from wagtail.models import Page

DATABASE_DUMP = "database.dump"
DATABASE_FILE = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
PRIVATE_MEDIA_ARCHIVE = "private-media.tar.gz"
MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _database():
    return settings.DATABASES["default"]


def _is_postgresql():
    return _database()["ENGINE"] == "django.db.backends.postgresql"


def _postgres_url():
    """The database as a libpq URL, without the password (``_run`` passes it apart)."""
    db = _database()
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgresql://{user}@{host}:{port}/{db['NAME']}"


def _checksum(file):
    digest = hashlib.sha256()
    with file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def inventory():
    """What the site holds now: pages, events and documents, with file checksums."""
    documents = []
    for document in get_document_model().objects.order_by("pk"):
        try:
            checksum = _checksum(document.file)
        except FileNotFoundError:
            checksum = None
        documents.append([document.pk, document.title, checksum])
    return {
        "pages": [list(row) for row in Page.objects.order_by("pk").values_list("pk", "title")],
        "events": [list(row) for row in _events().order_by("pk").values_list("pk", "title")],
        "documents": documents,
    }


def _events():
    # By label: the platform layer imports no model module of its own.
    return apps.get_model("cms", "Event").objects


def backup(destination):
    """Write a backup folder below ``destination``; its path."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / f"bydelsmodre-{stamp}"
    folder.mkdir(parents=True)
    if _is_postgresql():
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--file={folder / DATABASE_DUMP}",
                f"--dbname={_postgres_url()}",
            ]
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(folder / DATABASE_FILE) as target:
            connection.connection.backup(target)
    _archive(settings.MEDIA_ROOT, folder / MEDIA_ARCHIVE)
    _archive(settings.PRIVATE_MEDIA_ROOT, folder / PRIVATE_MEDIA_ARCHIVE)
    manifest = {"created": stamp, "postgresql": _is_postgresql(), **inventory()}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return folder


def restore(folder):
    """Put the backup in ``folder`` back, replacing the database and media; the differences.

    Returns the kinds whose restored contents differ from the manifest (an
    empty list when the restore is complete). A backup made before private
    media had a folder of its own has no archive of it, and leaves that
    folder as it is.
    """
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest["postgresql"] != _is_postgresql():
        raise BackupError("This backup is of another kind of database than the one configured.")
    connections.close_all()
    if _is_postgresql():
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_postgres_url()}",
                str(folder / DATABASE_DUMP),
            ]
        )
    else:
        shutil.copyfile(folder / DATABASE_FILE, _database()["NAME"])
    _unpack(folder / MEDIA_ARCHIVE, settings.MEDIA_ROOT)
    if (folder / PRIVATE_MEDIA_ARCHIVE).exists():
        _unpack(folder / PRIVATE_MEDIA_ARCHIVE, settings.PRIVATE_MEDIA_ROOT)
    restored = inventory()
    return [kind for kind in ("pages", "events", "documents") if restored[kind] != manifest[kind]]


def _archive(source, path):
    """Write the folder ``source`` (empty if it does not exist) to the tar archive ``path``."""
    source = Path(source)
    with tarfile.open(path, "w:gz") as archive:
        if source.exists():
            archive.add(source, arcname=".")


def _unpack(path, target):
    """Replace the folder ``target`` with the tar archive ``path``'s contents."""
    target = Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tarfile.open(path, "r:gz") as archive:
        archive.extractall(target, filter="data")  # no absolute paths, links or devices


def _run(command):
    env = {**os.environ}
    if _database().get("PASSWORD"):
        env["PGPASSWORD"] = _database()["PASSWORD"]
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own tools
        command, capture_output=True, text=True, check=False, env=env
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
