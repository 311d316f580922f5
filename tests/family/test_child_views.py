"""The child's or young person's views sent by the family: words, a drawing or a recording.

Files are checked by size and by their first bytes (not the name), passed to the virus-scan hook
(ACCORD_UPLOAD_SCANNER) whose verdict is respected, stored under a random name where no URL
serves them, and reached only through access-checked views.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from accord.cases import uploads
from accord.cases.models import ChildView
from accord.cases.uploads import ScanVerdict, sniff
from accord.organisations.roles import Role
from tests.family.conftest import sign_in

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"\x00" * 64
MP3_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 64
WAV = b"RIFF\x24\x08\x00\x00WAVEfmt " + b"\x00" * 64
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><script>alert(1)</script>" + b" " * 64
GIF = b"GIF89a" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 64


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (PNG, uploads.PNG),
        (JPEG, uploads.JPEG),
        (PDF, uploads.PDF),
        (MP3_ID3, uploads.MP3),
        (MP3_FRAME, uploads.MP3),
        (WAV, uploads.WAV),
        (M4A, uploads.M4A),
        (MP4, uploads.MP4),
        (EXE, None),
        (HTML, None),
        (GIF, None),
        (HEIC, None),
        (b"", None),
    ],
)
def test_file_types_are_known_by_their_first_bytes(head, found):
    assert sniff(head[:32]) == found


@pytest.fixture
def client(family_case) -> Client:
    browser = Client()
    sign_in(browser)
    return browser


def send(client, case, kind, text="", upload=None):
    data = {"kind": kind, "text": text}
    if upload is not None:
        data["upload"] = upload
    return client.post(reverse("family:send_views", args=[case.reference]), data)


def file(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_their_words_are_saved_and_staff_see_them(world, client, client_for, family_case):
    response = send(client, family_case, "form", "I like maths. Loud rooms are hard.")
    assert response.status_code == 302
    view = ChildView.objects.get(case=family_case)
    assert view.submitted_by_family and view.kind == "form"
    event = family_case.timeline.get(kind="child_view")
    assert event.visible_to_family and event.actor_label == "Family (online)"
    staff_page = client_for(Role.COORDINATOR).get(family_case.get_absolute_url())
    assert "I like maths. Loud rooms are hard." in staff_page.content.decode()
    family_page = client.get(response["Location"].split("#")[0]).content.decode()
    assert "You sent us your child&#x27;s views." in family_page or (
        "You sent us your child's views." in family_page
    )


@pytest.mark.parametrize(
    ("kind", "name", "content", "stored_type"),
    [
        ("drawing", "picture.png", PNG, "image/png"),
        ("drawing", "photo.jpeg", JPEG, "image/jpeg"),
        ("drawing", "scan.pdf", PDF, "application/pdf"),
        ("recording", "voice.mp3", MP3_ID3, "audio/mpeg"),
        ("recording", "voice.m4a", M4A, "audio/mp4"),
        ("recording", "voice.wav", WAV, "audio/wav"),
        ("recording", "video.mp4", MP4, "video/mp4"),
        # The name does not matter; the content does.
        ("drawing", "drawing.txt", PNG, "image/png"),
    ],
)
def test_allowed_files_are_stored_privately_under_a_random_name(
    client, family_case, kind, name, content, stored_type
):
    response = send(client, family_case, kind, upload=file(name, content, "text/plain"))
    assert response.status_code == 302, response.content.decode()
    view = ChildView.objects.get(case=family_case)
    assert view.content_type == stored_type
    stored_name = view.file.name.rsplit("/", 1)[-1]
    assert name.split(".")[0] not in stored_name
    assert len(stored_name.split(".")[0]) == 32
    # No URL serves the media folder: the file is reached only through guarded views.
    with pytest.raises(Resolver404):
        resolve("/media/" + view.file.name)
    assert Client().get("/media/" + view.file.name).status_code == 404


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("drawing", "picture.png", EXE, "The file must be one of these types: JPG, PDF, PNG"),
        ("drawing", "picture.png", HTML, "The file must be one of these types: JPG, PDF, PNG"),
        ("drawing", "voice.mp3", MP3_ID3, "The file must be one of these types: JPG, PDF, PNG"),
        ("recording", "picture.png", PNG, "The file must be one of these types: M4A, MP3, MP4"),
        ("recording", "empty.mp3", b"", "The file you chose is empty"),
    ],
)
def test_other_files_are_refused_and_the_form_is_shown_again(
    client, family_case, kind, name, content, message
):
    response = send(client, family_case, kind, "some words", upload=file(name, content))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "some words" in html  # nothing typed is lost
    assert not ChildView.objects.exists()


def test_files_over_20_mb_are_refused(client, family_case, settings, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1024)
    response = send(client, family_case, "drawing", upload=file("big.png", PNG + b"\x00" * 2000))
    assert response.status_code == 400
    assert "The file must be smaller than 20 MB" in response.content.decode()
    assert not ChildView.objects.exists()


def test_a_file_of_exactly_the_limit_is_accepted(client, family_case, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", len(PNG))
    assert send(client, family_case, "drawing", upload=file("ok.png", PNG)).status_code == 302


scanned_heads: list[str] = []


def rejecting_scanner(upload) -> ScanVerdict:
    scanned_heads.append(upload.read(8).hex())
    return ScanVerdict(clean=False, reason="EICAR test signature")


def accepting_scanner(upload) -> bool:
    scanned_heads.append(upload.read(8).hex())
    return True


def broken_scanner(upload) -> bool:
    raise ConnectionError("scanner unreachable")


def test_the_scanner_is_called_with_the_file_and_a_rejection_is_respected(
    client, family_case, settings
):
    settings.ACCORD_UPLOAD_SCANNER = "tests.family.test_child_views.rejecting_scanner"
    scanned_heads.clear()
    response = send(client, family_case, "drawing", upload=file("picture.png", PNG))
    assert scanned_heads == [PNG[:8].hex()]
    assert response.status_code == 400
    assert "our safety check stopped it" in response.content.decode()
    assert not ChildView.objects.exists()


def test_a_clean_verdict_lets_the_file_through(client, family_case, settings):
    settings.ACCORD_UPLOAD_SCANNER = "tests.family.test_child_views.accepting_scanner"
    scanned_heads.clear()
    assert send(client, family_case, "drawing", upload=file("p.png", PNG)).status_code == 302
    assert scanned_heads == [PNG[:8].hex()]
    with ChildView.objects.get().file.open("rb") as stored:
        assert stored.read() == PNG  # the scanner did not eat the bytes


def test_a_scanner_that_fails_rejects_the_file(client, family_case, settings):
    settings.ACCORD_UPLOAD_SCANNER = "tests.family.test_child_views.broken_scanner"
    response = send(client, family_case, "drawing", upload=file("picture.png", PNG))
    assert response.status_code == 400
    assert not ChildView.objects.exists()


def test_the_default_scanner_is_called_and_accepts():
    assert uploads.accept_without_scanning(object()).clean is True


@pytest.mark.parametrize(
    ("kind", "text", "has_file", "error"),
    [
        ("", "", False, "Choose how you are sending their views"),
        ("form", "", False, "Write their views in the box"),
        ("drawing", "", False, "Choose a file to upload"),
        ("recording", "words", False, "Choose a file to upload"),
        ("attending", "words", False, "Choose how you are sending their views"),
    ],
)
def test_the_form_says_what_is_missing(client, family_case, kind, text, has_file, error):
    response = send(client, family_case, kind, text)
    assert response.status_code == 400
    assert error in response.content.decode()


def test_the_family_can_download_what_they_sent_and_it_is_recorded(client, family_case):
    send(client, family_case, "drawing", upload=file("picture.png", PNG))
    view = ChildView.objects.get()
    response = client.get(reverse("family:view_file", args=[family_case.reference, view.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment")
    assert family_case.accesses.filter(
        user=None, what=f"family downloaded the child's view {view.pk}"
    ).exists()


def test_views_gathered_by_staff_are_not_offered_to_the_family(world, client, family_case):
    from accord.cases.services import add_child_view

    staff_view = add_child_view(
        family_case, "drawing", upload=file("m.png", PNG), by=world.user(Role.MEDIATOR)
    )
    url = reverse("family:view_file", args=[family_case.reference, staff_view.pk])
    assert client.get(url).status_code == 404


def test_nothing_can_be_sent_to_a_closed_case(client, family_case):
    family_case.state, family_case.closed_on = "closed", timezone.localdate()
    family_case.save()
    response = send(client, family_case, "form", "words")
    assert response.status_code == 302
    assert not ChildView.objects.exists()
