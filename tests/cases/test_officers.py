"""Officers of the LA and ICB: what they see (a case only once their body is a party to it) and
what they do for their body (answer the invitation to disagreement resolution, name who will
attend, confirm authority to settle)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from accord.cases import selectors, services
from accord.cases.choices import FamilyChoice, Outcome, PartyRole, Route
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from tests.factories import new_enquiry

R = Role
RECEIVED = date(2026, 11, 2)


def error_summary_links(html: str) -> list[str]:
    """The fields the GOV.UK error summary links to."""
    assert "There is a problem" in html
    return re.findall(r'href="(#id_[^"]+)"', html)


def enquiry(world, **overrides) -> Case:
    return new_enquiry(world, health_body=world.icb, summary="THE-FAMILY-OWN-WORDS", **overrides)


def dr_case(world, *, with_la: bool = True, started: bool = True) -> Case:
    case = enquiry(world, decision_kind="non_ehc_disagreement", disagreement_with="school")
    coordinator = world.user(R.COORDINATOR)
    services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, by=coordinator)
    if with_la:
        services.add_party(case, role=PartyRole.LA_OFFICER, name="Pat Officer", by=coordinator)
    if started:
        services.start_disagreement_resolution(case, by=coordinator)
    return case


def chose_mediation(world, case: Case) -> Case:
    coordinator = world.user(R.COORDINATOR)
    services.confirm_route(case, Route.MEDIATION, by=coordinator)
    services.record_family_choice(
        case, FamilyChoice.MEDIATION, date(2026, 11, 9), la_notified_on=date(2026, 11, 9),
        by=coordinator,
    )  # fmt: skip
    return case


def sees(world, role: Role, case: Case) -> bool:
    return selectors.cases_for(world.members[role]).filter(pk=case.pk).exists()


# --- what an officer sees ---------------------------------------------------------------------


def test_an_enquiry_is_seen_by_no_officer(world, client_for):
    case = enquiry(world)
    assert not sees(world, R.LA_OFFICER, case)
    assert not sees(world, R.ICB_OFFICER, case)
    assert sees(world, R.COORDINATOR, case)
    # Not on the caseload, and the page is "not found", as for any case they may not see.
    client = client_for(R.LA_OFFICER)
    assert case.reference not in client.get(reverse("cases:caseload")).content.decode()
    assert client.get(case.get_absolute_url()).status_code == 404


def test_the_family_consent_to_share_at_intake_shows_it_to_both_bodies(world):
    case = enquiry(world, shared_with_bodies=True)
    assert case.shared_with_bodies_on == RECEIVED
    assert sees(world, R.LA_OFFICER, case)
    assert sees(world, R.ICB_OFFICER, case)


def test_mediation_chosen_and_the_la_told_shows_it_to_the_la_only(world):
    case = chose_mediation(world, enquiry(world))
    assert sees(world, R.LA_OFFICER, case)
    # The ICB is a party once it is told the health issues (SEND Regs reg 36).
    assert not sees(world, R.ICB_OFFICER, case)
    services.record_la_notified(
        case, date(2026, 11, 9), date(2026, 11, 10), by=world.user(R.ADVISER)
    )
    assert sees(world, R.ICB_OFFICER, case)


@pytest.mark.parametrize(
    ("with_la", "started", "seen"),
    [
        (True, True, True),  # invited: DR started with the LA's officer on the case
        (True, False, False),  # on the case, but DR not started: no invitation yet
        (False, True, False),  # DR with the school only: the LA is not a party
    ],
)
def test_a_dr_referral_shows_it_to_the_body_invited(world, with_la, started, seen):
    case = dr_case(world, with_la=with_la, started=started)
    assert sees(world, R.LA_OFFICER, case) is seen
    assert not sees(world, R.ICB_OFFICER, case)


def test_another_las_officer_never_sees_it(world):
    case = enquiry(world, local_authority=world.other_la, shared_with_bodies=True)
    assert not sees(world, R.LA_OFFICER, case)


def test_the_enquiry_form_records_the_consent_to_share(world, client_for):
    form_page = client_for(R.COORDINATOR).get(reverse("cases:new")).content.decode()
    assert 'name="shared_with_bodies"' in form_page


# --- answering the invitation to disagreement resolution ----------------------------------------


def test_the_officer_accepts_for_their_body(world, client_for):
    case = dr_case(world)
    client = client_for(R.LA_OFFICER)
    page = client.get(case.get_absolute_url()).content.decode()
    url = reverse("cases:dr_invitation", args=[case.reference])
    assert url in page
    response = client.post(url, {"accepts": "yes", "reason": ""})
    assert response.status_code == 302
    officer = case.parties.get(role=PartyRole.LA_OFFICER)
    assert officer.dr_consent is True
    assert officer.dr_consent_on is not None
    assert case.timeline.filter(kind="dr_consent", actor=world.user(R.LA_OFFICER)).exists()


def test_a_decline_needs_its_reason_and_saves_nothing_without_it(world, client_for):
    case = dr_case(world)
    url = reverse("cases:dr_invitation", args=[case.reference])
    response = client_for(R.LA_OFFICER).post(url, {"accepts": "no", "reason": "  "})
    assert response.status_code == 400
    assert error_summary_links(response.content.decode()) == ["#id_reason"]
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING
    assert case.parties.get(role=PartyRole.LA_OFFICER).dr_consent is None


def test_a_decline_with_its_reason_closes_the_case_as_declined(world, client_for):
    case = dr_case(world)
    url = reverse("cases:dr_invitation", args=[case.reference])
    response = client_for(R.LA_OFFICER).post(
        url, {"accepts": "no", "reason": "The school is already reviewing the support."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED
    assert case.outcome == Outcome.DECLINED  # counted in the reports' outcomes
    assert case.state_before_close == CaseState.ARRANGING
    assert "already reviewing" in case.close_reason
    closed = case.timeline.get(kind="closed")
    assert closed.actor == world.user(R.LA_OFFICER)
    assert case.parties.get(role=PartyRole.LA_OFFICER).dr_consent is False


def test_the_icb_cannot_answer_for_the_la(world):
    case = dr_case(world)
    with pytest.raises(services.CaseError, match="Nobody from your body"):
        services.answer_dr_invitation(
            case, PartyRole.ICB_OFFICER, True, date(2026, 11, 10), by=world.user(R.ICB_OFFICER)
        )


def test_no_invitation_before_dr_is_started(world):
    case = dr_case(world, started=False)
    with pytest.raises(services.CaseError, match="not been invited"):
        services.answer_dr_invitation(
            case, PartyRole.LA_OFFICER, True, date(2026, 11, 10), by=world.user(R.LA_OFFICER)
        )


def test_staff_recording_a_decline_give_its_reason_and_the_case_moves_on(world, client_for):
    case = dr_case(world)
    officer = case.parties.get(role=PartyRole.LA_OFFICER)
    url = reverse("cases:dr_consent", args=[case.reference, officer.pk])
    client = client_for(R.COORDINATOR)
    on = case.dr_started_on.isoformat()  # answered the day it was started
    refused = client.post(url, {"consents": "no", "on": on, "reason": ""})
    assert refused.status_code == 400
    assert error_summary_links(refused.content.decode()) == ["#id_reason"]
    saved = client.post(url, {"consents": "no", "on": on, "reason": "No capacity"})
    assert saved.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.CLOSED, Outcome.DECLINED)


# --- who attends for the body, and their authority to settle ------------------------------------


def test_the_officer_names_an_attendee_and_the_coordinator_sees_authority_unconfirmed(
    world, client_for
):
    case = chose_mediation(world, enquiry(world))
    client = client_for(R.LA_OFFICER)
    url = reverse("cases:name_attendee", args=[case.reference])
    # The body's own officers are offered; someone else is typed once.
    response = client.post(url, {"chosen": "someone_else", "name": "", "email": ""})
    assert response.status_code == 400
    assert error_summary_links(response.content.decode()) == ["#id_name"]
    response = client.post(
        url,
        {
            "chosen": "someone_else",
            "name": "Robin Head",
            "job_title": "Head of SEN",
            "email": "robin@council.example",
        },
    )
    assert response.status_code == 302
    robin = case.parties.get(name="Robin Head")
    assert robin.role == PartyRole.LA_OFFICER
    assert robin.organisation == f"Head of SEN, {world.la.name}"
    assert robin.has_authority_to_settle is False
    staff_page = client_for(R.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Authority to settle not confirmed" in staff_page
    # The officer confirms it; the coordinator sees it confirmed.
    confirm = reverse("cases:confirm_authority", args=[case.reference, robin.pk])
    assert client.post(confirm, {"has_authority_to_settle": "on"}).status_code == 302
    robin.refresh_from_db()
    assert robin.has_authority_to_settle is True
    staff_page = client_for(R.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Authority to settle not confirmed" not in staff_page
    assert "Has authority to settle" in staff_page
    assert case.timeline.filter(
        kind="party_changed", summary__contains="has authority to settle"
    ).exists()


def test_an_officer_confirms_authority_only_for_their_own_body(world, client_for):
    case = chose_mediation(world, enquiry(world))
    services.record_la_notified(
        case, date(2026, 11, 9), date(2026, 11, 10), by=world.user(R.ADVISER)
    )
    la_person = services.name_body_attendee(
        case, PartyRole.LA_OFFICER, "Robin Head", by=world.user(R.LA_OFFICER)
    )
    url = reverse("cases:confirm_authority", args=[case.reference, la_person.pk])
    assert client_for(R.ICB_OFFICER).post(url, {"has_authority_to_settle": "on"}).status_code == 404
    la_person.refresh_from_db()
    assert la_person.has_authority_to_settle is False
