"""After the agreement: the body responsible records its action done with evidence, or asks for
more time, which counts only once the family's written agreement is recorded (SEND Regs reg
42(5)); an officer's own list of open actions and mediation deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.cases.models import Case, CaseAccess, CaseClock
from accord.documents import follow_up, services
from accord.documents.models import AgreementItem
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.conftest import CHOICE_ON, make_case

R = Role
PDF = b"%PDF-1.4\n% evidence\n"


def issued_item(world, case: Case, action_kind: str = "amend_plan", responsible: str = "Kent"):
    agreement = services.start_agreement(case, by=world.user(R.MEDIATOR))
    item = services.add_item(
        agreement,
        services.ItemData(
            decided="Speech therapy weekly",
            action="The LA will amend section F",
            responsible=responsible,
            action_kind=action_kind,
        ),
        by=world.user(R.MEDIATOR),
    )
    services.issue_agreement(agreement, notify=False, by=world.user(R.MEDIATOR))
    item.refresh_from_db()
    return item


@pytest.fixture
def item(world, mediated_case) -> AgreementItem:
    # The ICB was told the health issues too, so both bodies are parties to the case.
    Case.objects.filter(pk=mediated_case.pk).update(health_body_notified_on=CHOICE_ON)
    return issued_item(world, mediated_case)


def url(name: str, item: AgreementItem, *extra: int) -> str:
    case = item.agreement.case
    return reverse(f"documents:{name}", args=[case.reference, item.agreement_id, item.pk, *extra])


def stored_due(item: AgreementItem) -> date | None:
    return CaseClock.objects.get(case=item.agreement.case, key=f"agreement_item_{item.pk}").due_on


def test_the_la_officer_records_its_action_done_with_a_document(world, client_for, item):
    client = client_for(R.LA_OFFICER)
    case_page = client.get(item.agreement.case.get_absolute_url()).content.decode()
    assert url("action_done", item) in case_page
    evidence = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    done_on = item.agreement.concluded_on + timedelta(days=7)
    response = client.post(
        url("action_done", item), {"done_on": done_on.isoformat(), "note": "", "evidence": evidence}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_on == done_on
    assert item.done_recorded_by == world.user(R.LA_OFFICER)
    assert item.done_evidence.name.endswith(".pdf")
    assert "letter" not in item.done_evidence.name  # stored under a name nobody can guess
    assert CaseClock.objects.get(case=item.agreement.case, key=f"agreement_item_{item.pk}").done_on
    # The coordinator downloads the evidence, and the read is audited.
    download = client_for(R.COORDINATOR).get(url("action_evidence", item))
    assert b"".join(download.streaming_content) == PDF
    assert CaseAccess.objects.filter(
        user=world.user(R.COORDINATOR), what=f"evidence of agreed action {item.pk}"
    ).exists()


def test_done_needs_a_note_or_a_document_and_only_a_real_document(world, client_for, item):
    client = client_for(R.LA_OFFICER)
    on = today_in_england().isoformat()
    response = client.post(url("action_done", item), {"done_on": on, "note": " "})
    assert response.status_code == 400
    assert 'href="#id_note"' in response.content.decode()
    fake = SimpleUploadedFile("letter.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(url("action_done", item), {"done_on": on, "evidence": fake})
    assert response.status_code == 400
    assert "must be one of these types: JPG, PDF, PNG" in response.content.decode()
    assert 'href="#id_evidence"' in response.content.decode()
    item.refresh_from_db()
    assert item.done_on is None


def rejecting_scanner(upload):
    return False


def test_the_evidence_goes_through_the_virus_scanner_like_every_upload(
    world, client_for, item, settings
):
    settings.ACCORD_UPLOAD_SCANNER = "tests.documents.test_follow_up.rejecting_scanner"
    evidence = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    on = today_in_england().isoformat()
    response = client_for(R.LA_OFFICER).post(
        url("action_done", item), {"done_on": on, "note": "Sent", "evidence": evidence}
    )
    assert response.status_code == 400
    assert "our safety check stopped it" in response.content.decode()
    item.refresh_from_db()
    assert item.done_on is None and not item.done_evidence


def test_the_icb_cannot_record_the_las_action(world, client_for, item):
    assert follow_up.responsible_body(item, item.agreement.case) == {R.LA_OFFICER}
    response = client_for(R.ICB_OFFICER).get(url("action_done", item))
    assert response.status_code == 403
    with pytest.raises(services.DocumentError):
        follow_up.record_action_done(
            item, today_in_england(), note="done", by=world.user(R.ICB_OFFICER)
        )


def test_an_action_the_agreement_gives_the_icb_is_the_icbs(world, mediated_case):
    item = issued_item(world, mediated_case, action_kind="", responsible="NHS Kent and Medway ICB")
    assert follow_up.responsible_body(item, mediated_case) == {R.ICB_OFFICER}
    shared = issued_item(world, make_case(world, "follow_up"), action_kind="other_matters")
    assert follow_up.responsible_body(shared, shared.agreement.case) == {
        R.LA_OFFICER,
        R.ICB_OFFICER,
    }


def test_more_time_counts_only_once_the_family_agrees_in_writing(world, client_for, item):
    agreement_date = stored_due(item)
    later = today_in_england() + timedelta(days=28)
    client = client_for(R.LA_OFFICER)
    response = client.post(url("more_time", item), {"new_due_on": later.isoformat(), "reason": ""})
    assert response.status_code == 400
    assert 'href="#id_reason"' in response.content.decode()
    response = client.post(
        url("more_time", item),
        {"new_due_on": later.isoformat(), "reason": "The panel meets next month."},
    )
    assert response.status_code == 302
    asked = item.more_time.get()
    # Asked for, not agreed: the agreement's own date still runs.
    assert stored_due(item) == agreement_date
    staff_page = client_for(R.COORDINATOR).get(item.agreement.case.get_absolute_url())
    assert "not yet agreed by the family" in staff_page.content.decode()
    # An officer cannot record the family's agreement; the service does.
    agreed = url("more_time_agreed", item, asked.pk)
    assert client.get(agreed).status_code == 403
    response = client_for(R.COORDINATOR).post(
        agreed, {"agreed_on": today_in_england().isoformat(), "how": "Email from the parent"}
    )
    assert response.status_code == 302
    assert stored_due(item) == later
    assert item.agreement.case.timeline.filter(kind="agreement_more_time_agreed").exists()


def test_the_family_agreement_cannot_be_recorded_twice_or_without_saying_how(world, item):
    asked = follow_up.ask_for_more_time(
        item, today_in_england() + timedelta(days=10), "Panel", by=world.user(R.LA_OFFICER)
    )
    coordinator = world.user(R.COORDINATOR)
    with pytest.raises(services.DocumentError, match="how the family agreed"):
        follow_up.record_family_agreed_more_time(asked, today_in_england(), " ", by=coordinator)
    follow_up.record_family_agreed_more_time(asked, today_in_england(), "Letter", by=coordinator)
    with pytest.raises(services.DocumentError, match="already recorded"):
        follow_up.record_family_agreed_more_time(asked, today_in_england(), "Again", by=coordinator)


def test_the_officers_list_shows_its_overdue_actions_and_mediation_deadlines(
    world, client_for, item
):
    arranging = make_case(world, "arranging", child_last_name="Other")
    la_page = client_for(R.LA_OFFICER).get(reverse("follow_up:my_actions")).content.decode()
    assert item.agreement.case.reference in la_page
    assert "The LA will amend section F" in la_page
    assert "Overdue" in la_page  # the agreement's date (2026) has passed
    assert arranging.reference in la_page  # its 30-day deadline to hold the mediation
    icb_page = client_for(R.ICB_OFFICER).get(reverse("follow_up:my_actions")).content.decode()
    assert "The LA will amend section F" not in icb_page
    assert arranging.reference not in icb_page  # the ICB was not told of that one


@pytest.mark.parametrize(
    ("role", "done", "agreed", "mine"),
    [
        (R.SERVICE_MANAGER, 200, 200, 403),
        (R.COORDINATOR, 200, 200, 403),
        (R.ADVISER, 200, 200, 403),
        (R.MEDIATOR, 200, 403, 403),
        (R.LA_OFFICER, 200, 403, 200),
        (R.ICB_OFFICER, 403, 403, 200),  # the action is the LA's
        (R.COMMISSIONER, 403, 403, 403),
    ],
)
def test_role_matrix_for_follow_up_pages(world, client_for, item, role, done, agreed, mine):
    asked = follow_up.ask_for_more_time(
        item, today_in_england() + timedelta(days=10), "Panel", by=world.user(R.LA_OFFICER)
    )
    client = client_for(role)
    assert client.get(url("action_done", item)).status_code == done
    assert client.get(url("more_time", item)).status_code == done
    assert client.get(url("more_time_agreed", item, asked.pk)).status_code == agreed
    assert client.get(reverse("follow_up:my_actions")).status_code == mine
