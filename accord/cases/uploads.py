"""Every uploaded file: the child's views (a drawing, a recording) and the case's documents (a
decision letter, a plan, a report), whether the family sends it or staff or an officer add it:
checked before anything is stored, by the service itself (`add_child_view`,
`add_case_document`, a paper signature's scan, an agreed action's evidence), so no page can store
a file without these checks.

1. Size: at most 20 MB.
2. Type, by the file's first bytes ("magic numbers"), never by its name or the browser's word:
   drawings as PNG, JPEG or PDF; recordings as MP3, M4A, WAV or MP4; case documents as PDF,
   Word (DOCX: a zip that holds a Word document), PNG or JPEG.
3. The virus-scan hook: the callable named by the ACCORD_UPLOAD_SCANNER setting is called with
   the file and its verdict is respected. A scanner that fails counts as a rejection.

The stored file gets a random name and the content type found in step 2. It is kept in private
storage (no URL serves the media folder) and reached only through access-checked views.
"""

from __future__ import annotations

import logging
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UPLOAD_LABEL = "20 MB"


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PNG = FileType("png", "image/png", "PNG picture")
JPEG = FileType("jpg", "image/jpeg", "JPEG photo")
PDF = FileType("pdf", "application/pdf", "PDF")
MP3 = FileType("mp3", "audio/mpeg", "MP3 sound recording")
M4A = FileType("m4a", "audio/mp4", "M4A sound recording")
WAV = FileType("wav", "audio/wav", "WAV sound recording")
MP4 = FileType("mp4", "video/mp4", "MP4 video")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word document",
)

DRAWING_TYPES = frozenset({PNG, JPEG, PDF})
RECORDING_TYPES = frozenset({MP3, M4A, WAV, MP4})
# A paper signature, scanned (accord.documents.signatures): a PDF only.
SIGNATURE_TYPES = frozenset({PDF})
DOCUMENT_TYPES = frozenset({PDF, DOCX, PNG, JPEG})
# What shows an agreed action was done (accord.documents.follow_up): a letter, a decision, a plan.
EVIDENCE_TYPES = frozenset({PDF, PNG, JPEG})
TYPES_FOR_KIND = {
    "drawing": DRAWING_TYPES,
    "recording": RECORDING_TYPES,
    "signature": SIGNATURE_TYPES,
    "document": DOCUMENT_TYPES,
    "evidence": EVIDENCE_TYPES,
}

_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"dash",
    b"MSNV", b"qt  ", b"3gp4", b"3gp5", b"3g2a", b"F4V ", b"mmp4",
}  # fmt: skip


def _is_mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame header: 11 sync bits, a valid version, and layer III.
    if len(head) < 2 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return False
    version = (head[1] >> 3) & 0b11
    layer = (head[1] >> 1) & 0b11
    return version != 0b01 and layer == 0b01


def sniff(head: bytes) -> FileType | None:
    """The type of a file from its first bytes (at least 12), or None if not one we accept."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"%PDF-"):
        return PDF
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _M4A_BRANDS:
            return M4A
        if brand in _MP4_BRANDS:
            return MP4
        return None
    if _is_mp3(head):
        return MP3
    return None


class UploadRejected(Exception):
    """The file cannot be accepted; the message tells the family why, in plain words."""


@dataclass(frozen=True)
class ScanVerdict:
    clean: bool
    reason: str = ""


def accept_without_scanning(upload: Any) -> ScanVerdict:
    """The default scanner: no virus scanner is configured, so the file is accepted as it is.
    Production should name a real one (e.g. a ClamAV client) in ACCORD_UPLOAD_SCANNER."""
    return ScanVerdict(clean=True, reason="no scanner configured")


def scan(upload: UploadedFile) -> ScanVerdict:
    """Calls the configured scanner. It may return a ScanVerdict (or anything with `clean`) or
    a bool. If it cannot be loaded or fails, the file is rejected (fail closed)."""
    try:
        scanner: Callable[[UploadedFile], Any] = import_string(settings.ACCORD_UPLOAD_SCANNER)
        upload.seek(0)
        result = scanner(upload)
    except Exception:
        logger.exception("The upload scanner failed; the file was rejected")
        return ScanVerdict(clean=False, reason="scanner failed")
    finally:
        upload.seek(0)
    if isinstance(result, bool):
        return ScanVerdict(clean=result)
    return ScanVerdict(
        clean=bool(getattr(result, "clean", False)), reason=str(getattr(result, "reason", ""))
    )


def check_upload(upload: UploadedFile, kind: str) -> FileType:
    """Checks size, type and the scanner's verdict; raises UploadRejected with the reason."""
    allowed = TYPES_FOR_KIND.get(kind)
    if allowed is None:
        raise UploadRejected("Choose whether you are sending a drawing or a recording.")
    if upload.size is None or upload.size == 0:
        raise UploadRejected("The file you chose is empty.")
    if upload.size > MAX_UPLOAD_BYTES:
        raise UploadRejected(f"The file must be smaller than {MAX_UPLOAD_LABEL}.")
    upload.seek(0)
    head = upload.read(32)
    upload.seek(0)
    found = sniff(head) or (_docx(upload) if DOCX in allowed else None)
    if found is None or found not in allowed:
        names = ", ".join(sorted(t.extension.upper() for t in allowed))
        raise UploadRejected(f"The file must be one of these types: {names}.")
    verdict = scan(upload)
    if not verdict.clean:
        logger.warning("An upload was rejected by the scanner: %s", verdict.reason)
        raise UploadRejected(
            "We could not accept this file because our safety check stopped it. "
            "Try another file, or contact us."
        )
    return found


def _docx(upload: UploadedFile) -> FileType | None:
    """A Word document: a zip archive whose parts include the main document part. Read with the
    standard library's zipfile, which only lists the parts (nothing is unpacked)."""
    upload.seek(0)
    try:
        if upload.read(4) != b"PK\x03\x04":
            return None
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    return DOCX if {"[Content_Types].xml", "word/document.xml"} <= names else None


def prepare_for_storage(upload: UploadedFile, found: FileType) -> UploadedFile:
    """A random, unguessable name and the content type the bytes showed."""
    upload.name = f"{uuid.uuid4().hex}.{found.extension}"
    upload.content_type = found.content_type
    return upload
