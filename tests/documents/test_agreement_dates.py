"""An agreement is made at its meeting: dated on or after the day the meeting began and never
after today, since its date starts the SEND Regs reg 42 timescales. A record made before these
checks (an outcome dated before the meeting, or in the future) cannot become an agreement."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accord.cases.models import Case
from accord.documents import services
from accord.documents.services import DocumentError, ItemData
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.documents.conftest import MEETING_DAY

pytestmark = pytest.mark.django_db


def _point() -> ItemData:
    return ItemData(
        decided="The plan will describe speech and language needs.",
        action="The LA will amend sections B and F.",
        responsible="Kent County Council SEN team",
    )


def _concluded(case: Case, on) -> None:
    Case.objects.filter(pk=case.pk).update(mediation_concluded_on=on)
    case.refresh_from_db()


def test_an_agreement_cannot_be_dated_before_its_meeting(world, mediated_case):
    _concluded(mediated_case, MEETING_DAY - timedelta(days=2))
    with pytest.raises(DocumentError, match="before the meeting began on Tuesday 7 April 2026"):
        services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    assert not mediated_case.agreements.exists()


def test_an_agreement_cannot_be_dated_in_the_future(world, mediated_case):
    _concluded(mediated_case, today_in_england() + timedelta(days=3))
    with pytest.raises(DocumentError, match="in the future"):
        services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))


def test_an_agreement_dated_on_its_meeting_follows_that_meeting(world, mediated_case):
    agreement = services.start_agreement(mediated_case, by=world.user(Role.MEDIATOR))
    assert agreement.concluded_on == MEETING_DAY
    assert agreement.meeting is not None
    assert agreement.meeting.starts_at.date() == MEETING_DAY


def test_issuing_checks_the_date_again(world, mediated_case):
    mediator = world.user(Role.MEDIATOR)
    agreement = services.start_agreement(mediated_case, by=mediator)
    services.add_item(agreement, _point(), by=mediator)
    type(agreement).objects.filter(pk=agreement.pk).update(
        concluded_on=today_in_england() + timedelta(days=1)
    )
    agreement.refresh_from_db()
    with pytest.raises(DocumentError, match="in the future"):
        services.issue_agreement(agreement, by=mediator, notify=False)
    agreement.refresh_from_db()
    assert not agreement.is_issued
