#!/usr/bin/env python3
"""`make restore BACKUP=dir`: a backup made by scripts/backup.py, into an empty database.

    DATABASE_URL=postgres://.../accord_restored ACCORD_MEDIA_ROOT=/srv/accord/media \
        scripts/restore.py var/backups/accord-20270301T020000Z

Checks the dump and the file archive against the manifest's SHA-256 before touching anything;
restores the database (pg_restore, which refuses a database that already has Accord's tables)
and the files; then compares every table's row count and every file's SHA-256 with the manifest,
and exits non-zero on any difference (docs/deploy.md, "Back up and restore").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from backup import ROOT, media_files, row_counts, sha256_of, tool


def differences(manifest: dict, database_url: str, media_root: Path) -> list[str]:  # type: ignore[type-arg]
    found = []
    rows = row_counts(database_url)
    for table, count in manifest["rows"].items():
        if rows.get(table) != count:
            found.append(f"table {table}: {rows.get(table)} rows, the backup had {count}")
    files = media_files(media_root)
    for name, digest in manifest["files"].items():
        if files.get(name) != digest:
            found.append(f"file {name}: missing or changed")
    return found


def restore(backup_dir: Path, database_url: str, media_root: Path) -> list[str]:
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    for part in ("database", "media"):
        path = backup_dir / manifest[part]["file"]
        if sha256_of(path) != manifest[part]["sha256"]:
            return [f"{path.name} does not match its checksum: the backup is damaged"]
    subprocess.run(  # noqa: S603 (our own arguments)
        [
            tool("pg_restore"),
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            f"--dbname={database_url}",
            str(backup_dir / manifest["database"]["file"]),
        ],
        check=True,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup_dir / manifest["media"]["file"]) as tar:
        tar.extractall(media_root, filter="data")
    return differences(manifest, database_url, media_root)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: scripts/restore.py BACKUP_DIR", file=sys.stderr)
        return 2
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        print(
            "DATABASE_URL must name the (empty) PostgreSQL database to restore into",
            file=sys.stderr,
        )
        return 2
    media_root = Path(os.environ.get("ACCORD_MEDIA_ROOT", ROOT / "var" / "media"))
    problems = restore(Path(argv[1]), database_url, media_root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("Restored; every table's row count and every file's checksum match the backup.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
