"""`manage.py backup` and `restore`: a restore onto a new, empty server brings everything back.

Runs the commands as an operator would, in their own processes, on a
database of their own: PostgreSQL (pg_dump, pg_restore) in CI's PostgreSQL
pass, a SQLite file otherwise. Each server has a media folder and a private
media folder beside it (the demo's training documents and image live there).
"""

import json
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest

PROJECT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRESQL = DATABASE_URL.startswith("postgres")
INVENTORY = "import json; from cms.platform.backup import inventory; print(json.dumps(inventory()))"


@pytest.fixture
def new_database(tmp_path):
    """Make empty databases like the one under test; each is dropped afterwards."""
    made = []
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"

    def make():
        if not ON_POSTGRESQL:
            return f"sqlite:///{tmp_path / f'site-{len(made)}.sqlite3'}"
        name = f"bydelsmodre_backup_{secrets.token_hex(4)}"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"

    yield make
    if made:
        with psycopg.connect(admin, autocommit=True) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def private(media):
    """The private media folder of the server whose media folder is ``media``."""
    return media.with_name(f"{media.name}-private")


def files(folder):
    """Every file below ``folder``, by its name there, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def manage(database, media, *args):
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private(media)),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",  # reads MEDIA_ROOT
    }
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def inventory(database, media):
    result = manage(database, media, "shell", "--no-imports", "-c", INVENTORY)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_restore_onto_a_new_server_brings_back_pages_events_and_documents(new_database, tmp_path):
    old, old_media = new_database(), tmp_path / "old-media"
    assert manage(old, old_media, "migrate", "--noinput", "-v0").returncode == 0
    loaded = manage(old, old_media, "load_demo", "--quiet")
    assert loaded.returncode == 0, loaded.stderr
    before = inventory(old, old_media)
    assert len(before["pages"]) > 20 and len(before["events"]) > 20
    assert before["documents"] and all(checksum for *_, checksum in before["documents"])
    private_files = files(private(old_media))
    assert any(name.startswith("documents/~") for name in private_files)
    assert any(name.startswith("original_images/~") for name in private_files)

    made = manage(old, old_media, "backup", str(tmp_path / "backups"))
    assert made.returncode == 0, made.stderr
    folder = made.stdout.strip().splitlines()[-1]
    with tarfile.open(Path(folder) / "media.tar.gz") as archive:
        assert not [name for name in archive.getnames() if "/~" in name]

    new, new_media = new_database(), tmp_path / "new-media"
    restored = manage(new, new_media, "restore", folder, "--yes")

    assert restored.returncode == 0, restored.stderr
    assert "no private media" not in restored.stdout
    assert inventory(new, new_media) == before  # private documents' checksums too
    assert files(private(new_media)) == private_files
    assert not list(new_media.rglob("~*"))
    assert sorted(p.name for p in (new_media / "documents").iterdir()) == sorted(
        p.name for p in (old_media / "documents").iterdir()
    )


def test_restore_asks_before_it_replaces_anything(new_database, tmp_path):
    database, media = new_database(), tmp_path / "media"
    assert manage(database, media, "migrate", "--noinput", "-v0").returncode == 0
    made = manage(database, media, "backup", str(tmp_path / "backups"))
    folder = made.stdout.strip().splitlines()[-1]

    refused = manage(database, media, "restore", folder)
    missing = manage(database, media, "restore", str(tmp_path / "nothing-here"), "--yes")

    assert refused.returncode != 0
    assert "--yes" in refused.stderr
    assert missing.returncode != 0
    assert "Traceback" not in missing.stderr

    # A backup made before private media had a folder of its own still restores,
    # and leaves that folder as it is.
    (Path(folder) / "private-media.tar.gz").unlink()
    (private(media) / "documents").mkdir(parents=True)
    (private(media) / "documents" / "~kept.txt").write_bytes(b"kept")
    older = manage(database, media, "restore", folder, "--yes")
    assert older.returncode == 0, older.stderr
    assert "settle_private_media" in older.stdout
    assert files(private(media)) == {"documents/~kept.txt": b"kept"}
