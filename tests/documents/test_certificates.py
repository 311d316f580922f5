"""Mediation certificates (CFA 2014 s.55(4)-(5); SEND Regs regs 34, 37, 39): who issues them,
when, what they state, unique numbers, idempotent issue, corrections and immutability."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from accord import rules
from accord.cases import services as case_services
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import TimelineEvent
from accord.cases.states import CaseState, IllegalTransition
from accord.documents import services
from accord.documents.certificate_content import certificate_content
from accord.documents.models import Certificate, CertificateKind, DocumentCounter, ImmutableDocument
from accord.documents.services import DocumentError
from accord.organisations.roles import Role
from tests.documents.conftest import (
    CANNOT_HOLD_ON,
    CHILD_FIRST,
    CHILD_LAST,
    DECISION_SENT,
    ISSUED_ON,
    MEETING_DAY,
    NOT_PURSUED_ON,
    PARENT,
    make_case,
)
from tests.documents.helpers import key, stored_pdf_text

K = CertificateKind


def issue(case, by, kind=K.INFORMATION_GIVEN, issued_on=ISSUED_ON, **extra):
    return services.issue_certificate(
        case, kind, issued_on, idempotency_key=extra.pop("idempotency_key", key()), by=by, **extra
    )


def test_issuing_moves_the_case_to_follow_up_and_meets_the_reg_34_clock(world, declined_case):
    adviser = world.user(Role.ADVISER)
    certificate = issue(declined_case, adviser)
    declined_case.refresh_from_db()
    assert declined_case.state == CaseState.FOLLOW_UP
    assert certificate.number == "KM-CERT-2026-0001"
    assert certificate.family_names == PARENT
    assert certificate.child_name == f"{CHILD_FIRST} {CHILD_LAST}"
    assert certificate.local_authority_name == "Kent County Council"
    assert certificate.decision_notice_sent_on == DECISION_SENT
    # HESC Rules r.20(1)(c), r.12(2): 2 May 2026 is a Saturday, 4 May the Early May bank holiday.
    assert certificate.appeal_deadline == date(2026, 5, 5)
    assert certificate.appeal_deadline == rules.appeal_deadline(DECISION_SENT, ISSUED_ON)
    assert "HESC Rules r.20(1)(c)" in certificate.appeal_deadline_basis
    assert "5pm on Tuesday 5 May 2026" in certificate.appeal_deadline_explanation
    with certificate.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == certificate.sha256
    clocks = {d.key: d for d in deadlines_for(declined_case, clock_facts_for(declined_case))}
    assert clocks["certificate_no_mediation"].done_on == ISSUED_ON
    assert clocks["appeal"].due == date(2026, 5, 5)
    event = TimelineEvent.objects.get(case=declined_case, kind="certificate_issued")
    assert event.actor == adviser and "KM-CERT-2026-0001" in event.summary
    assert event.visible_to_family


@pytest.mark.parametrize(
    ("stop_at", "kind", "clock"),
    [
        ("declined", K.INFORMATION_GIVEN, "certificate_no_mediation"),  # reg 34
        ("not_pursued", K.NOT_PURSUED, "certificate_not_pursued"),  # reg 34, fails to pursue
        ("cannot_hold", K.NOT_HELD_IN_TIME, "certificate_not_held_in_time"),  # reg 37
        ("follow_up", K.AFTER_MEDIATION, "certificate_after_mediation"),  # reg 39
    ],
)
def test_each_kind_is_issued_from_its_own_point_in_the_journey(world, stop_at, kind, clock):
    case = make_case(world, stop_at)
    started = {"cannot_hold": CANNOT_HOLD_ON, "not_pursued": NOT_PURSUED_ON}
    issued_on = max(ISSUED_ON, started.get(stop_at, MEETING_DAY))
    issue(case, world.user(Role.COORDINATOR), kind, issued_on)
    case.refresh_from_db()
    assert case.state == CaseState.FOLLOW_UP
    assert {d.key: d for d in deadlines_for(case, clock_facts_for(case))}[
        clock
    ].done_on == issued_on


def test_numbers_are_sequential_per_provider_and_never_repeat(world):
    adviser = world.user(Role.ADVISER)
    numbers = [
        issue(make_case(world, child_last_name=f"Child{i}"), adviser).number for i in range(3)
    ]
    assert numbers == ["KM-CERT-2026-0001", "KM-CERT-2026-0002", "KM-CERT-2026-0003"]
    counter = DocumentCounter.objects.get(provider=world.provider, series="CERT", year=2026)
    assert counter.last_number == 3


def test_the_numbering_restarts_each_year_and_for_each_provider(world):
    from django.db import transaction

    from accord.documents.numbering import next_number

    with transaction.atomic():
        assert next_number(world.provider, "CERT", 2026) == "KM-CERT-2026-0001"
        assert next_number(world.provider, "CERT", 2027) == "KM-CERT-2027-0001"
        assert next_number(world.stranger_provider, "CERT", 2026) == "XX-CERT-2026-0001"
        assert next_number(world.provider, "CERT", 2026) == "KM-CERT-2026-0002"


def test_the_same_idempotency_key_gives_back_the_same_certificate(world, declined_case):
    adviser = world.user(Role.ADVISER)
    same = key()
    first = issue(declined_case, adviser, idempotency_key=same)
    version = type(declined_case).objects.get(pk=declined_case.pk).version
    again = issue(declined_case, adviser, idempotency_key=same)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert type(declined_case).objects.get(pk=declined_case.pk).version == version


def test_a_key_used_on_another_case_is_refused(world, declined_case):
    other = make_case(world, child_last_name="Other")
    used = key()
    issue(declined_case, world.user(Role.ADVISER), idempotency_key=used)
    with pytest.raises(DocumentError, match="another case"):
        issue(other, world.user(Role.ADVISER), idempotency_key=used)


def test_a_certificate_in_the_wrong_state_is_refused_and_nothing_is_saved(world):
    case = make_case(world, "arranging")
    with pytest.raises(IllegalTransition, match="Arranging meeting"):
        issue(case, world.user(Role.ADVISER))
    assert not Certificate.objects.exists()
    assert not DocumentCounter.objects.exists()
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING


@pytest.mark.parametrize(
    ("stop_at", "kind", "message"),
    [
        ("cannot_hold", K.INFORMATION_GIVEN, "do not want mediation"),
        ("not_pursued", K.INFORMATION_GIVEN, "do not want mediation"),
        ("declined", K.NOT_PURSUED, "withdrawn or stopped replying"),
        ("cannot_hold", K.NOT_PURSUED, "withdrawn or stopped replying"),
        ("not_pursued", K.NOT_HELD_IN_TIME, "cannot be held within 30 days"),
        ("declined", K.NOT_HELD_IN_TIME, "cannot be held within 30 days"),
        ("declined", K.AFTER_MEDIATION, "after the mediation has concluded"),
    ],
)
def test_a_kind_that_does_not_fit_the_case_is_refused(world, stop_at, kind, message):
    case = make_case(world, stop_at)
    with pytest.raises(DocumentError, match=message):
        issue(case, world.user(Role.COORDINATOR), kind, max(ISSUED_ON, CANNOT_HOLD_ON))
    assert not Certificate.objects.exists()


def test_a_second_certificate_of_the_same_kind_needs_a_correction(world, mediated_case):
    mediator = world.user(Role.MEDIATOR)
    issue(mediated_case, mediator, K.AFTER_MEDIATION, MEETING_DAY)
    with pytest.raises(DocumentError, match="correct it"):
        issue(mediated_case, mediator, K.AFTER_MEDIATION, MEETING_DAY)


def test_disagreement_resolution_has_no_certificate(world):
    case = make_case(world, "follow_up", route="disagreement_resolution")
    with pytest.raises(DocumentError, match="Disagreement resolution"):
        issue(case, world.user(Role.COORDINATOR), K.AFTER_MEDIATION, MEETING_DAY)


def test_the_decision_date_is_needed_for_the_appeal_deadline(world):
    case = make_case(world, decision_sent=None)
    with pytest.raises(DocumentError, match="decision letter"):
        issue(case, world.user(Role.ADVISER))
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("issued_on", "message"),
    [(date(2026, 3, 13), "cannot be dated before"), (date(2099, 1, 1), "in the future")],
)
def test_the_issue_date_must_be_possible(world, declined_case, issued_on, message):
    with pytest.raises(DocumentError, match=message):
        issue(declined_case, world.user(Role.ADVISER), issued_on=issued_on)


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        (Role.ADVISER, K.INFORMATION_GIVEN, True),
        (Role.COORDINATOR, K.INFORMATION_GIVEN, True),
        (Role.SERVICE_MANAGER, K.INFORMATION_GIVEN, True),
        (Role.MEDIATOR, K.INFORMATION_GIVEN, False),
        (Role.LA_OFFICER, K.INFORMATION_GIVEN, False),
        (Role.MEDIATOR, K.AFTER_MEDIATION, True),
        (Role.ADVISER, K.AFTER_MEDIATION, True),
        (Role.ICB_OFFICER, K.AFTER_MEDIATION, False),
    ],
)
def test_who_may_issue_each_kind(world, role, kind, allowed):
    stop_at = "declined" if kind == K.INFORMATION_GIVEN else "follow_up"
    case = make_case(world, stop_at)
    if allowed:
        issue(case, world.user(role), kind, MEETING_DAY)
    else:
        with pytest.raises(DocumentError, match="Only"):
            issue(case, world.user(role), kind, MEETING_DAY)


def test_the_pdf_states_what_the_tribunal_and_the_family_need(world, declined_case):
    certificate = issue(declined_case, world.user(Role.ADVISER))
    text = stored_pdf_text(certificate)
    for expected in [
        "Mediation certificate",
        "KM-CERT-2026-0001",
        PARENT,
        f"{CHILD_FIRST} {CHILD_LAST}",
        "Kent County Council",
        "Refusal to issue an EHC plan",
        "Monday 2 March 2026",  # the date of the decision notice
        "Wednesday 18 March 2026",  # the date of issue
        "section 55(4)",
        "regulation 34",
        "do not wish to pursue mediation",
        "5pm on Tuesday 5 May 2026",  # the appeal deadline the family must meet
        "HESC Rules r.20(1)(c)",
        world.provider.name,
    ]:
        assert expected in text, expected


def test_the_not_pursued_certificate_meets_its_clock_and_says_why(world):
    # SEND Regs reg 34: the family chose mediation, then stopped replying. The certificate says
    # so (not "told the adviser they do not wish to pursue mediation"), meets the clock, and the
    # appeal's 1-month limb counts from it (HESC Rules r.20(1)(c)).
    case = make_case(world, "not_pursued")
    issued_on = date(2026, 4, 7)
    certificate = issue(case, world.user(Role.ADVISER), K.NOT_PURSUED, issued_on)
    case.refresh_from_db()
    assert case.state == CaseState.FOLLOW_UP
    clocks = {d.key: d for d in deadlines_for(case, clock_facts_for(case))}
    assert clocks["certificate_not_pursued"].due == date(2026, 4, 8)
    assert clocks["certificate_not_pursued"].done_on == issued_on
    assert clocks["certificate_not_pursued"].status(issued_on) == "met"
    assert "mediation_held" not in clocks  # no longer chased
    assert certificate.appeal_deadline == rules.appeal_deadline(DECISION_SENT, issued_on)
    assert clocks["appeal"].due == certificate.appeal_deadline
    text = stored_pdf_text(certificate)
    for expected in [
        "Information and advice given; mediation chosen, then not pursued",
        "section 55(4)",
        "regulation 34",
        f"{PARENT} chose mediation, then did not pursue it: by 1 April 2026 they had not "
        "replied to 3 attempts to contact them.",
    ]:
        assert expected in text, expected
    assert "do not wish to pursue mediation" not in text


def test_a_family_who_withdrew_is_said_to_have_withdrawn(world):
    case = make_case(world, "arranging")
    case_services.record_mediation_not_pursued(
        case, NOT_PURSUED_ON, "withdrew", by=world.user(Role.COORDINATOR)
    )
    case.refresh_from_db()
    content = certificate_content(case, K.NOT_PURSUED, date(2026, 4, 2))
    assert content.statement.endswith(
        f"{PARENT} chose mediation, then withdrew from it on 1 April 2026."
    )
    with pytest.raises(DocumentError, match="cannot be dated before 1 April 2026"):
        certificate_content(case, K.NOT_PURSUED, date(2026, 3, 31))


def test_a_correction_supersedes_the_old_certificate_which_stays(world, declined_case):
    adviser = world.user(Role.ADVISER)
    first = issue(declined_case, adviser)
    declined_case.parties.filter(name=PARENT).update(name="Jo Parent-Name")
    corrected = services.correct_certificate(
        first,
        "The parent's name was misspelt.",
        idempotency_key=key(),
        issued_on=date(2026, 3, 20),
        by=adviser,
    )
    assert corrected.supersedes == first
    assert corrected.number == "KM-CERT-2026-0002"
    assert corrected.family_names == "Jo Parent-Name"
    assert first.is_superseded and not corrected.is_superseded
    # The appeal limb still counts from the first certificate (the earlier, safer date).
    assert corrected.appeal_deadline == rules.appeal_deadline(DECISION_SENT, ISSUED_ON)
    text = stored_pdf_text(corrected)
    assert "replaces certificate KM-CERT-2026-0001" in text
    assert "misspelt" in text
    assert first.pdf.storage.exists(first.pdf.name)
    with pytest.raises(DocumentError, match="already been replaced"):
        services.correct_certificate(first, "Again", idempotency_key=key(), by=adviser)


def test_a_correction_needs_a_reason(world, declined_case):
    first = issue(declined_case, world.user(Role.ADVISER))
    with pytest.raises(DocumentError, match="what was wrong"):
        services.correct_certificate(
            first, "  ", idempotency_key=key(), by=world.user(Role.ADVISER)
        )
    assert Certificate.objects.count() == 1


def test_an_issued_certificate_cannot_be_changed_or_deleted(world, declined_case):
    certificate = issue(declined_case, world.user(Role.ADVISER))
    certificate.save()  # saving unchanged is harmless
    certificate.child_name = "Someone Else"
    with pytest.raises(ImmutableDocument, match="correction"):
        certificate.save()
    fresh = Certificate.objects.get(pk=certificate.pk)
    fresh.appeal_deadline = date(2026, 12, 1)
    with pytest.raises(ImmutableDocument):
        fresh.save()
    with pytest.raises(ImmutableDocument):
        fresh.delete()
    assert Certificate.objects.get(pk=certificate.pk).child_name == f"{CHILD_FIRST} {CHILD_LAST}"
