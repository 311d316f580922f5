"""The agreement goes by a secure link, not as an attachment (it names the child): each party's
link is signed, names the agreement and the party, works for 30 days, needs no sign-in, and every
download by it is in the case's access log. Anything else gets a plain page and no file."""

from __future__ import annotations

import hashlib
import time
from datetime import date

import pytest
from django.core import signing
from django.test import Client

from accord.cases.models import CaseAccess
from accord.documents import links, services
from accord.documents.sending import agreement_message
from accord.documents.services import ItemData
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, make_case

DAY = 24 * 60 * 60


@pytest.fixture
def issued(world, mediated_case):
    mediator = world.user(Role.MEDIATOR)
    agreement = services.start_agreement(mediated_case, by=mediator)
    services.add_item(
        agreement,
        ItemData(
            decided="Weekly speech and language therapy.",
            action="The LA will amend section F.",
            responsible="Kent County Council SEN team",
            review="The coordinator checks with the family.",
            action_kind="",
        ),
        by=mediator,
    )
    return services.issue_agreement(agreement, notify=False, by=mediator)


@pytest.fixture
def parent(issued):
    return issued.case.parties.get(is_enquirer=True)


def link_path(agreement, party) -> str:
    full = links.agreement_link(agreement, party)
    return "/" + full.split("://", 1)[1].split("/", 1)[1]


def signed_days_ago(monkeypatch, days: int, make):
    """A link made `days` ago: the signer's clock is moved back while it signs."""
    now = time.time()
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: now - days * DAY)
        return make()


def test_the_link_opens_a_page_that_names_no_one_and_logs_nothing(issued, parent):
    response = Client().get(link_path(issued, parent))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your written agreement" in html
    assert issued.number in html and issued.case.reference in html
    assert "Download the agreement (PDF)" in html
    expires = links.link_expires_on(today_in_england())
    assert f"This link works until {expires.day} {expires:%B %Y}." in html
    assert CHILD_FIRST not in html and CHILD_LAST not in html
    assert "no-store" in response["Cache-Control"]
    # Opening the page is not a download: mail scanners open every link in an email.
    assert not CaseAccess.objects.filter(case=issued.case).exists()


def test_the_button_downloads_the_issued_file_and_the_access_log_says_so(issued, parent):
    response = Client().post(link_path(issued, parent))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{issued.number}.pdf"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == issued.sha256
    access = CaseAccess.objects.get(case=issued.case)
    assert access.user is None
    assert access.what == f"agreement {issued.number} downloaded by link (party {parent.pk})"


def test_each_party_has_a_link_of_their_own(issued, parent):
    officer = issued.case.parties.get(email="dana.officer@council.example")
    assert link_path(issued, parent) != link_path(issued, officer)
    download = Client().post(link_path(issued, officer))
    # Reading a file response to its end closes its file (the test client's own wrapper).
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    downloaded = f"agreement {issued.number} downloaded by link (party {officer.pk})"
    assert CaseAccess.objects.get().what == downloaded


def _tampered(path: str) -> str:
    token = path.rstrip("/").rsplit("/", 1)[1]
    last = "A" if token[-1] != "A" else "B"
    return path.replace(token, token[:-1] + last)


def _other_agreement(path: str) -> str:
    token = path.rstrip("/").rsplit("/", 1)[1]
    value, rest = token.split(".", 1)
    return path.replace(token, f"{int(value) + 1}.{rest}")


def _cut_short(path: str) -> str:
    return path.rstrip("/")[:-10] + "/"


@pytest.mark.parametrize(
    "spoil",
    [_tampered, _other_agreement, _cut_short, lambda path: path.replace("link/", "link/x")],
    ids=["signature changed", "another agreement", "cut short", "not a link at all"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_altered_link_gets_a_plain_404_and_no_file(issued, parent, spoil, method):
    response = getattr(Client(), method)(spoil(link_path(issued, parent)))
    html = response.content.decode()
    assert response.status_code == 404
    assert "This link does not work" in html
    assert "govuk-heading-l" in html
    assert response["Content-Type"].startswith("text/html")
    assert not CaseAccess.objects.exists()


def test_a_link_for_another_case_reference_does_not_work(world, issued, parent):
    other = make_case(world, "declined")
    path = link_path(issued, parent).replace(issued.case.reference, other.reference)
    assert Client().get(path).status_code == 404


def test_a_link_signed_for_something_else_does_not_work(issued, parent):
    token = signing.TimestampSigner(salt="something-else").sign(f"{issued.pk}.{parent.pk}")
    path = link_path(issued, parent).rsplit("/", 2)[0] + f"/{token}/"
    assert Client().get(path).status_code == 404


def test_no_link_to_an_agreement_not_yet_issued(world, mediated_case):
    draft = services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    party = mediated_case.parties.get(is_enquirer=True)
    assert Client().get(link_path(draft, party)).status_code == 404


@pytest.mark.parametrize(("days", "works"), [(29, True), (31, False)])
def test_a_link_works_for_30_days(monkeypatch, issued, parent, days, works):
    path = signed_days_ago(monkeypatch, days, lambda: link_path(issued, parent))
    page = Client().get(path)
    download = Client().post(path)
    if download.streaming:  # reading a file response to its end closes its file
        assert b"".join(download.streaming_content).startswith(b"%PDF")
    if works:
        assert page.status_code == download.status_code == 200
        return
    assert page.status_code == download.status_code == 410
    html = page.content.decode()
    assert "This link has expired" in html
    assert issued.case.reference in html and issued.case.provider.name in html
    assert not CaseAccess.objects.exists()


def test_the_email_says_until_when_the_link_works(issued):
    expires = links.link_expires_on(date(2026, 4, 8))
    assert expires == date(2026, 5, 7)  # 30 days to the minute; the last whole day is the 29th
    _, body = agreement_message(issued, "https://accord.example/x/", expires)
    assert "The link works until 7 May 2026:" in body
    assert "not attached to this email" in body
    assert issued.number in body and issued.case.reference in body
