#!/usr/bin/env python3
"""`make backup`: a PostgreSQL dump, the uploaded and issued files, and a manifest.

    DATABASE_URL=postgres://... ACCORD_MEDIA_ROOT=/srv/accord/media scripts/backup.py [OUT_DIR]

OUT_DIR (default var/backups/accord-<UTC time>) receives `database.dump` (pg_dump's custom
format), `media.tar` (every file under the media root) and `manifest.json`: the SHA-256 of both,
the SHA-256 of every file, and the number of rows in every table, so that a restore can be
checked (scripts/restore.py; docs/deploy.md, "Back up and restore"). Needs pg_dump on the PATH.
Text encrypted in the database stays encrypted in the dump: keep ACCORD_ENCRYPTION_KEYS apart
from the backups, or the backups cannot be read (and must not be readable without them).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """The full path of a PostgreSQL client program on the PATH."""
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} is not on the PATH: install the PostgreSQL client programs")
    return found


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(
                psycopg.sql.SQL("SELECT count(*) FROM {}").format(psycopg.sql.Identifier(table))
            )
            counts[table] = int(cursor.fetchone()[0])  # type: ignore[index]
        return counts


def media_files(media_root: Path) -> dict[str, str]:
    if not media_root.is_dir():
        return {}
    return {
        str(path.relative_to(media_root)): sha256_of(path)
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def backup(database_url: str, media_root: Path, out: Path) -> dict[str, object]:
    out.mkdir(parents=True, exist_ok=False)
    dump = out / "database.dump"
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-acl",
            f"--file={dump}",
            database_url,
        ],
        check=True,
    )
    archive = out / "media.tar"
    with tarfile.open(archive, "w") as tar:
        if media_root.is_dir():
            tar.add(media_root, arcname=".")
    manifest = {
        "made_at": datetime.now(UTC).isoformat(),
        "database": {"file": dump.name, "sha256": sha256_of(dump)},
        "media": {"file": archive.name, "sha256": sha256_of(archive)},
        "files": media_files(media_root),
        "rows": row_counts(database_url),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def main(argv: list[str]) -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must name the PostgreSQL database to back up", file=sys.stderr)
        return 2
    media_root = Path(os.environ.get("ACCORD_MEDIA_ROOT", ROOT / "var" / "media"))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "var" / "backups" / f"accord-{stamp}"
    manifest = backup(database_url, media_root, out)
    rows = sum(manifest["rows"].values())  # type: ignore[attr-defined]
    print(f"Backed up {rows} rows and {len(manifest['files'])} files to {out}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
