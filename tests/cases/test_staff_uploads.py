"""Staff uploads of the child's views (`/cases/<ref>/views/add/`) go through the same checks and
scanner hook as the family's (issue 11, section 6): size, type by content, the scanner."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.cases.models import ChildView
from accord.organisations.roles import Role
from tests.factories import CaseFactory
from tests.markup import parse

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>fetch('/cases/')</script></body></html>"


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\x00" * (10 * 1024 * 1024))
    return buffer.getvalue()


def rejecting_scanner(upload):
    return False


@pytest.fixture
def post_upload(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    client = client_for(Role.COORDINATOR)

    def post(name: str, content: bytes, content_type: str, kind: str = "drawing"):
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        url = reverse("cases:add_child_view", args=[case.reference])
        return client.post(url, {"kind": kind, "text": "", "upload": upload})

    return post


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("drawing.svg", SVG_WITH_SCRIPT, "image/svg+xml", "must be one of these types"),
        ("drawing.png", HTML, "image/png", "must be one of these types"),
        ("big.png", PNG + b"\x00" * (21 * 1024 * 1024), "image/png", "smaller than 20 MB"),
        ("archive.zip", zip_bomb(), "application/zip", "must be one of these types"),
        ("archive.png", zip_bomb(), "image/png", "must be one of these types"),
    ],
    ids=["svg-with-script", "html-as-png", "21-mb", "zip-bomb", "zip-as-png"],
)
def test_a_dangerous_or_oversized_file_is_refused_and_nothing_is_stored(
    post_upload, name, content, content_type, message
):
    response = post_upload(name, content, content_type)
    assert response.status_code == 400
    summary = parse(response.content).find(class_="govuk-error-summary")
    assert summary.find("a").get("href") == "#id_upload"
    assert message in summary.text
    assert not ChildView.objects.exists()


def test_the_scanner_hook_is_asked_about_staff_uploads_too(post_upload, settings):
    settings.ACCORD_UPLOAD_SCANNER = "tests.cases.test_staff_uploads.rejecting_scanner"
    response = post_upload("drawing.png", PNG, "image/png")
    assert response.status_code == 400
    assert "our safety check stopped it" in response.content.decode()
    assert not ChildView.objects.exists()


def test_a_real_drawing_is_stored_under_a_random_name_with_the_type_its_bytes_show(post_upload):
    response = post_upload("Amelia's drawing.png", PNG, "application/octet-stream")
    assert response.status_code == 302
    view = ChildView.objects.get()
    assert view.content_type == "image/png"
    assert "Amelia" not in view.file.name
    assert view.file.name.endswith(".png")


def test_a_recording_must_be_a_recording(post_upload):
    response = post_upload("talk.mp3", PNG, "audio/mpeg", kind="recording")
    assert response.status_code == 400
    assert "MP3" in response.content.decode()
