"""The managers' data protection pages: who has seen a case, the audit search and its CSV,
subject access and erasure; each role may open only what the matrix says."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accord.cases.audit import record_case_read
from accord.cases.choices import AccessKind
from accord.cases.models import CaseAccess, Party, TimelineEvent
from accord.cases.services import update_party
from accord.cases.timeline import EventKind, record_event
from accord.documents import services as document_services
from accord.notifications.services import queue_email
from accord.organisations.roles import Role
from accord.privacy.erasure import ERASED_NAME, erase_party
from accord.privacy.models import Erasure, RetentionSchedule
from accord.privacy.subject_access import build_export
from tests.documents.conftest import MEETING_DAY, make_case
from tests.documents.helpers import key
from tests.factories import CaseFactory, PartyFactory

# The family agreed at intake that the LA may follow the case, so its officers see it
# (accord.cases.selectors.body_is_a_party).
SHARED = date(2026, 1, 5)


@pytest.fixture
def case(world):
    case = CaseFactory(
        provider=world.provider, local_authority=world.la, shared_with_bodies_on=SHARED
    )
    PartyFactory(case=case, name="Sam Supporter", role="supporter", email="sam@example.org")
    return case


def test_who_has_seen_this_case_is_on_the_case_page_for_managers_only(world, client_for, case):
    client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    manager_page = client_for(Role.SERVICE_MANAGER).get(case.get_absolute_url()).content.decode()
    assert "Who has seen this case" in manager_page
    assert str(world.user(Role.LA_OFFICER)) in manager_page
    coordinator_page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Who has seen this case" not in coordinator_page


def test_the_audit_search_filters_by_person_case_date_and_kind(world, client_for, case, today):
    other = CaseFactory(
        provider=world.provider, local_authority=world.la, shared_with_bodies_on=SHARED
    )
    client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    client_for(Role.COORDINATOR).get(other.get_absolute_url())
    officer = world.user(Role.LA_OFFICER)
    manager = client_for(Role.SERVICE_MANAGER)
    response = manager.get(
        reverse("privacy:audit"),
        {
            "person": officer.pk,
            "case": case.reference,
            "date_from": today,
            "date_to": today,
            "kind": AccessKind.VIEW,
        },
    )
    page = response.context["page"]
    assert [a.user for a in page.object_list] == [officer]
    assert (
        manager.get(reverse("privacy:audit"), {"case": "NOPE"}).context["page"].paginator.count == 0
    )


def test_a_wrong_date_range_is_shown_with_an_error_summary(world, client_for):
    response = client_for(Role.SERVICE_MANAGER).get(
        reverse("privacy:audit"), {"date_from": "2026-03-02", "date_to": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "The end date must be the same as or after the start date" in response.content.decode()


def test_another_providers_reads_are_never_shown(world, client_for, case):
    theirs = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    record_case_read(theirs, by=world.stranger.user, what="viewed case")
    page = client_for(Role.SERVICE_MANAGER).get(reverse("privacy:audit")).context["page"]
    assert all(a.provider == world.provider for a in page.object_list)


def test_the_csv_export_is_the_search_and_is_itself_recorded(world, client_for, case):
    client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    response = client_for(Role.SERVICE_MANAGER).get(
        reverse("privacy:audit_csv"), {"case": case.reference}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["When", "Who", "Kind", "What", "Case", "Subject"]
    assert [r[4] for r in rows[1:]] == [case.reference]
    assert CaseAccess.objects.filter(
        kind=AccessKind.EXPORT, what="exported the access log"
    ).exists()


def test_a_subject_access_zip_holds_summary_data_documents_and_log(world, client_for, case):
    client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    party = case.parties.get()
    response = client_for(Role.SERVICE_MANAGER).post(
        reverse("privacy:subject_access", args=[case.reference, party.pk])
    )
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert {"summary.html", "data.json", "access-log.json"} <= set(archive.namelist())
    data = json.loads(archive.read("data.json"))
    assert data["people"][0]["email"] == "sam@example.org"
    assert data["cases"][0]["reference"] == case.reference
    assert "Sam Supporter" in archive.read("summary.html").decode()
    log = json.loads(archive.read("access-log.json"))
    assert any(entry["what"] == "viewed case" for entry in log)
    assert case.accesses.filter(kind=AccessKind.EXPORT, what="subject access export").exists()


def test_the_command_exports_every_case_with_that_address(world, case, tmp_path):
    other = CaseFactory(
        provider=world.provider, local_authority=world.la, shared_with_bodies_on=SHARED
    )
    PartyFactory(case=other, email="SAM@example.org")
    out = tmp_path / "sar.zip"
    report = io.StringIO()
    call_command(
        "subject_access_export", "--email", "sam@example.org", "--out", str(out), stdout=report
    )
    data = json.loads(zipfile.ZipFile(out).read("data.json"))
    assert {c["reference"] for c in data["cases"]} == {case.reference, other.reference}
    assert "on 2 case(s)" in report.getvalue()


def test_the_subject_access_export_includes_issued_documents(world):
    case = make_case(world, "follow_up")
    certificate = document_services.issue_certificate(
        case, "after_mediation", MEETING_DAY, idempotency_key=key(), by=world.user(Role.COORDINATOR)
    )
    party = case.parties.filter(is_enquirer=True).first()
    archive = zipfile.ZipFile(io.BytesIO(build_export([party], by=None)))
    assert f"documents/certificate-{certificate.number}.pdf" in archive.namelist()


def test_erasure_removes_the_persons_details_and_records_why(world, client_for, case):
    party = case.parties.get()
    response = client_for(Role.SERVICE_MANAGER).post(
        reverse("privacy:erase", args=[case.reference, party.pk]), {"reason": "They asked by phone"}
    )
    assert response.status_code == 302
    party.refresh_from_db()
    assert (party.name, party.email) == (ERASED_NAME, "")
    erasure = Erasure.objects.get()
    assert (erasure.outcome, erasure.reason) == (Erasure.Outcome.ERASED, "They asked by phone")
    assert "Sam Supporter" not in " ".join(case.timeline.values_list("summary", flat=True))


def test_erasure_takes_them_out_of_the_history_and_the_messages_sent_to_them(world, case):
    party = case.parties.get()
    coordinator = world.user(Role.COORDINATOR)
    update_party(party, phone="07700 900123", by=coordinator)
    message = queue_email(
        case=case,
        to=["sam@example.org", "la@example.org"],
        subject="Meeting",
        body="Dear Sam Supporter",
        idempotency_key=key(),
        by=coordinator,
    )
    kept = record_event(
        case, EventKind.DETAILS_CHANGED, "Summary changed", {"summary": [1, 2]}, by=None
    )
    erase_party(case.parties.get(), reason="Asked in writing", by=world.user(Role.SERVICE_MANAGER))
    history = " ".join(f"{e.summary} {e.changes}" for e in case.timeline.all())
    assert "Sam Supporter" not in history and "07700" not in history
    assert TimelineEvent.objects.get(pk=kept.pk).changes == {"summary": [1, 2]}
    message.refresh_from_db()
    assert (message.body, message.to) == ("", ["la@example.org"])


def test_erasure_is_refused_where_a_certificate_names_them(world, client_for):
    case = make_case(world, "follow_up")
    document_services.issue_certificate(
        case, "after_mediation", MEETING_DAY, idempotency_key=key(), by=world.user(Role.COORDINATOR)
    )
    parent = case.parties.filter(is_enquirer=True).first()
    url = reverse("privacy:erase", args=[case.reference, parent.pk])
    page = client_for(Role.SERVICE_MANAGER).get(url).content.decode()
    assert "An issued certificate names them" in page
    response = client_for(Role.SERVICE_MANAGER).post(url, {"reason": "They asked"})
    assert response.status_code == 400
    assert Party.objects.get(pk=parent.pk).name == parent.name
    assert Erasure.objects.get().outcome == Erasure.Outcome.REFUSED


def test_erasure_needs_a_reason(world, client_for, case):
    party = case.parties.get()
    response = client_for(Role.SERVICE_MANAGER).post(
        reverse("privacy:erase", args=[case.reference, party.pk]), {"reason": "  "}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Erasure.objects.exists()


def test_a_manager_places_and_lifts_a_legal_hold_with_its_reason(world, client_for, case):
    url = reverse("privacy:legal_hold", args=[case.reference])
    manager = client_for(Role.SERVICE_MANAGER)
    response = manager.post(
        url, {"hold": "yes", "reason": "Appeal lodged", "version": case.version}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.legal_hold, case.legal_hold_reason) == (True, "Appeal lodged")
    assert case.timeline.filter(kind=EventKind.LEGAL_HOLD).count() == 1
    manager.post(url, {"hold": "no", "reason": "Appeal decided", "version": case.version})
    case.refresh_from_db()
    assert (case.legal_hold, case.legal_hold_reason) == (False, "")


def test_a_legal_hold_needs_a_reason_and_the_version_shown(world, client_for, case):
    url = reverse("privacy:legal_hold", args=[case.reference])
    manager = client_for(Role.SERVICE_MANAGER)
    response = manager.post(url, {"hold": "yes", "reason": "", "version": case.version})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    stale = manager.post(url, {"hold": "yes", "reason": "Claim", "version": case.version - 1})
    assert stale.status_code == 400
    assert "Someone else changed this case" in stale.content.decode()
    case.refresh_from_db()
    assert not case.legal_hold


def test_a_manager_changes_the_retention_schedule_and_sees_the_runs(world, client_for):
    call_command("apply_retention", stdout=io.StringIO())
    manager = client_for(Role.SERVICE_MANAGER)
    page = manager.get(reverse("privacy:retention")).content.decode()
    assert "Dry run" in page
    fields = {
        "closed_case_months": 300,
        "enquiry_months": 12,
        "rejected_request_months": 6,
        "message_body_days": 90,
        "sign_in_code_days": 7,
        "access_log_months": 320,
    }
    assert manager.post(reverse("privacy:retention"), fields).status_code == 302
    assert RetentionSchedule.objects.get(provider=world.provider).closed_case_months == 300
    wrong = manager.post(reverse("privacy:retention"), {**fields, "enquiry_months": 0})
    assert wrong.status_code == 400
    assert "govuk-error-summary" in wrong.content.decode()
