"""The signing key for local use: made once per installation, never a fixed string.

Links that carry a signature (agreement downloads, feedback) are only as safe as the key. In
production DJANGO_SECRET_KEY is required; elsewhere a key is generated on first start and kept in
a file only its owner can read (var/secret_key by default), so no two installations share one and
sessions survive a restart. `check --deploy` fails on a known or weak key (accord.ops.checks).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def local_signing_key(path: Path) -> str:
    """The key kept at `path`, made (mode 0600) if there is none yet."""
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    # O_EXCL: two processes starting at once do not overwrite each other's key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key
