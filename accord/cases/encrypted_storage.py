"""Uploaded and issued files encrypted at rest on the local file system (docs/data-protection.md).

The default storage when ACCORD_MEDIA_STORAGE=filesystem: every file is written as one Fernet
token under the keys of ACCORD_ENCRYPTION_KEYS (accord.cases.encrypted) and read back decrypted,
so the rest of Accord (downloads, checksums of issued documents) sees the file as it was. A file
written before encryption was turned on has no marker and is read as it is; `manage.py
rotate_keys` encrypts it, and re-encrypts the others with the first key. Files are small (uploads
are capped at 20 MB, PDFs are a few pages), so each is encrypted whole, in memory. In object
storage (ACCORD_MEDIA_STORAGE=s3) the bucket's own server-side encryption does this instead.
"""

from __future__ import annotations

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage

from accord.cases.encrypted import keyring

MARKER = b"accord-fernet:"


class EncryptedFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: File) -> str:
        content.seek(0)
        data = content.read()
        sealed = MARKER + keyring().encrypt(data if isinstance(data, bytes) else data.encode())
        return super()._save(name, ContentFile(sealed))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File:
        return ContentFile(self.read_plain(name), name=name)

    def read_plain(self, name: str) -> bytes:
        with open(self.path(name), "rb") as handle:
            raw = handle.read()
        if raw.startswith(MARKER):
            return keyring().decrypt(raw[len(MARKER) :])
        return raw

    def size(self, name: str) -> int:
        return len(self.read_plain(name))

    def reencrypt(self, name: str) -> None:
        """Rewrites one file with the first key (or encrypts an old plain one)."""
        path = self.path(name)
        with open(path, "rb") as handle:
            raw = handle.read()
        ring = keyring()
        if raw.startswith(MARKER):
            sealed = MARKER + ring.rotate(raw[len(MARKER) :])
        else:
            sealed = MARKER + ring.encrypt(raw)
        with open(path, "wb") as handle:
            handle.write(sealed)

    def every_file(self) -> list[str]:
        found: list[str] = []

        def walk(folder: str) -> None:
            folders, files = self.listdir(folder)
            found.extend(f"{folder}/{f}".lstrip("/") for f in files)
            for sub in folders:
                walk(f"{folder}/{sub}".lstrip("/"))

        if self.exists(""):
            walk("")
        return sorted(found)
