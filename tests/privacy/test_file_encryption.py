"""Uploaded and issued files are encrypted at rest (accord.cases.encrypted_storage) and read
back as they were; `rotate_keys` re-encrypts them with the new key."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from accord.cases.encrypted_storage import MARKER, EncryptedFileSystemStorage
from accord.cases.models import ChildView
from tests.factories import CaseFactory

DRAWING = b"\x89PNG\r\n\x1a\n a drawing of my school"


@pytest.fixture
def view(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    view = ChildView(case=case, kind="drawing")
    view.file.save("drawing.png", ContentFile(DRAWING))
    return view


def _on_disk(settings, name: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / name).read_bytes()


def test_the_default_storage_encrypts(settings):
    assert isinstance(storages["default"], EncryptedFileSystemStorage)


def test_a_stored_file_is_encrypted_on_disk_and_read_back_as_it_was(view, settings):
    raw = _on_disk(settings, view.file.name)
    assert raw.startswith(MARKER) and b"school" not in raw
    with ChildView.objects.get(pk=view.pk).file.open("rb") as handle:
        assert handle.read() == DRAWING
    assert view.file.size == len(DRAWING)


def test_a_file_written_before_encryption_is_read_and_then_encrypted(world, settings):
    storage = storages["default"]
    plain = Path(settings.MEDIA_ROOT) / "old" / "letter.txt"
    plain.parent.mkdir(parents=True)
    plain.write_bytes(b"written before")
    assert storage.open("old/letter.txt").read() == b"written before"
    call_command("rotate_keys", stdout=io.StringIO())
    assert plain.read_bytes().startswith(MARKER)
    assert storage.open("old/letter.txt").read() == b"written before"


def test_rotation_reencrypts_files_so_the_old_key_can_go(view, settings):
    old = settings.ACCORD_ENCRYPTION_KEYS[0]
    settings.ACCORD_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "files: 1 re-encrypted" in out.getvalue()
    settings.ACCORD_ENCRYPTION_KEYS = settings.ACCORD_ENCRYPTION_KEYS[:1]
    assert storages["default"].open(view.file.name).read() == DRAWING
