"""The files that come with an email: checked before anything is kept, as uploads are.

1. Size: at most ACCORD_INBOUND_MAX_ATTACHMENT_BYTES (10 MB by default).
2. Dangerous kinds are refused by name (programs, scripts, web pages, macro-enabled Office
   files, archives that could hide either), whatever the bytes say.
3. Type, by the file's first bytes, never by its name or the sender's word: PDF, PNG, JPEG, and
   Word or Excel documents without macros.
4. The virus scanner named by ACCORD_UPLOAD_SCANNER, through the same call every upload makes
   (accord.cases.uploads.scan): its verdict respected, a scanner that fails a refusal.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.cases.uploads import scan
from accord.inbound.parsing import ReceivedFile

logger = logging.getLogger(__name__)

DANGEROUS_EXTENSIONS = frozenset({
    ".exe", ".com", ".bat", ".cmd", ".scr", ".pif", ".msi", ".msp", ".dll", ".cpl", ".jar",
    ".js", ".jse", ".vbs", ".vbe", ".wsf", ".wsh", ".ps1", ".psm1", ".sh", ".py", ".hta",
    ".htm", ".html", ".svg", ".lnk", ".reg", ".iso", ".img", ".vhd", ".zip", ".7z", ".rar",
    ".gz", ".tar", ".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppam", ".one",
})  # fmt: skip


@dataclass(frozen=True)
class Accepted:
    extension: str
    content_type: str


PDF = Accepted("pdf", "application/pdf")
PNG = Accepted("png", "image/png")
JPEG = Accepted("jpg", "image/jpeg")
DOCX = Accepted("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = Accepted("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


class AttachmentRefused(Exception):
    """The file was not kept; the text tells the sender why, in plain words."""


def _office_document(content: bytes) -> Accepted | None:
    """A Word or Excel file is a zip of XML parts; one holding macros (vbaProject.bin) is not
    accepted, whatever its name says."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(content: bytes) -> Accepted | None:
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office_document(content)
    return None


def check_attachment(received: ReceivedFile) -> tuple[Accepted, SimpleUploadedFile]:
    """The file's type and a file ready to store, or AttachmentRefused with the reason."""
    limit = settings.ACCORD_INBOUND_MAX_ATTACHMENT_BYTES
    if not received.content:
        raise AttachmentRefused("the file was empty")
    if len(received.content) > limit:
        raise AttachmentRefused(f"files must be smaller than {limit // 2**20} MB")
    if PurePosixPath(received.filename.lower()).suffix in DANGEROUS_EXTENSIONS:
        raise AttachmentRefused("we do not accept files of this kind, for safety")
    found = sniff(received.content)
    if found is None:
        raise AttachmentRefused("files must be PDF, PNG, JPEG, Word (.docx) or Excel (.xlsx)")
    upload = SimpleUploadedFile(received.filename, received.content, found.content_type)
    if not scan(upload).clean:  # the one scanner hook every upload goes through
        raise AttachmentRefused("our safety check stopped it")
    return found, upload
