"""The backup drill (scripts/backup.py, scripts/restore.py; docs/deploy.md): back up the test
database and its files, restore them into a fresh PostgreSQL database, and compare every table's
row count and every document's checksum."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from accord.cases.encrypted_storage import EncryptedFileSystemStorage
from accord.cases.models import ChildView
from accord.documents import services as document_services
from accord.documents.models import Certificate
from accord.organisations.roles import Role
from tests.documents.conftest import MEETING_DAY, make_case
from tests.documents.helpers import key

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _url(name: str) -> str:
    s = connection.settings_dict
    user, password = s["USER"] or "postgres", s["PASSWORD"] or ""
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgresql://{auth}{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _fresh_database(name: str) -> str:
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return _url(name)


def _run(script: str, *args: str, database_url: str, media: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "ACCORD_MEDIA_ROOT": str(media)}
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = [t for (t,) in cursor.fetchall()]
        result = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608
            result[table] = cursor.fetchone()[0]
        return result


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_document(
    world, settings, tmp_path
):
    case = make_case(world, "follow_up")
    certificate = document_services.issue_certificate(
        case, "after_mediation", MEETING_DAY, idempotency_key=key(), by=world.user(Role.COORDINATOR)
    )
    ChildView.objects.create(case=case, kind="form", text="I want to stay at my school")
    source = _url(connection.settings_dict["NAME"])
    media = Path(settings.MEDIA_ROOT)
    backup_dir = tmp_path / "backup"

    made = _run("backup.py", str(backup_dir), database_url=source, media=media)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["rows"]["cases_case"] == 1
    assert certificate.pdf.name in manifest["files"]

    target = _fresh_database(f"{connection.settings_dict['NAME']}_restore")
    restored_media = tmp_path / "restored-media"
    restored = _run("restore.py", str(backup_dir), database_url=target, media=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert "match the backup" in restored.stdout

    assert _counts(target) == _counts(source)
    # Files are encrypted at rest: read back through the storage, the PDF is the one issued.
    pdf = EncryptedFileSystemStorage(location=restored_media).open(certificate.pdf.name).read()
    assert hashlib.sha256(pdf).hexdigest() == Certificate.objects.get().sha256
    with psycopg.connect(target) as db:
        stored = db.execute("SELECT text FROM cases_childview").fetchone()[0]
    assert stored.startswith("fernet:") and "school" not in stored  # still encrypted


def test_a_damaged_backup_is_refused_before_anything_is_restored(world, settings, tmp_path):
    make_case(world, "declined")
    source = _url(connection.settings_dict["NAME"])
    backup_dir = tmp_path / "backup"
    assert (
        _run(
            "backup.py", str(backup_dir), database_url=source, media=Path(settings.MEDIA_ROOT)
        ).returncode
        == 0
    )
    with (backup_dir / "database.dump").open("ab") as dump:
        dump.write(b"tampered")
    target = _fresh_database(f"{connection.settings_dict['NAME']}_restore")
    result = _run("restore.py", str(backup_dir), database_url=target, media=tmp_path / "m")
    assert result.returncode == 1
    assert "does not match its checksum" in result.stderr
    assert _counts(target) == {}
