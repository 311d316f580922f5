"""Contracts and the monthly activity statement (issue 16, section 3), against a hand-worked
contract year.

Kent's contract KCC-2025: 1 April 2025 to 31 March 2026; £45.00 an advice call, £350.00 a
mediation meeting, £300.00 a disagreement resolution meeting; at most £1,000.00 a month and
£1,500.00 over the contract. The ICB's contract ICB-2025 covers the same year at £50.00 a call.

Worked by hand (meetings on the day they began, in England):

  April 2025  calls 1, 15, 30 Apr (Kent)                      3 x  45.00 =   135.00
              mediations 10 Apr, 20 Apr, 30 Apr 23:30 BST      3 x 350.00 = 1,050.00
              DR 25 Apr                                       1 x 300.00 =   300.00
              activity 1,485.00; monthly cap takes 485.00; due 1,000.00
              not billed: a call booked but not held, a call on a Medway case, a call on a
              health-only case (the ICB's: 1 x 50.00 = 50.00), a mediation not held
  May 2025    mediation 1 May 00:30 BST (30 April in UTC)      1 x 350.00 =   350.00
              calls 2, 31 May                                 2 x  45.00 =    90.00
              DR 20 May                                       1 x 300.00 =   300.00
              activity 740.00; under the monthly cap; £500.00 left of the contract's cap:
              the cap takes 240.00; due 500.00
  June 2025   call 3 Jun: activity 45.00; nothing left of the cap: due 0.00
  March 2025  before the contract: no statement
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accord.meetings.models import Meeting, MiasCall
from accord.organisations import contracts
from accord.organisations.changes import SetupError
from accord.organisations.models import Contract, SetupChange
from accord.organisations.roles import Role
from accord.reports import billing
from tests.factories import CaseFactory, ChildFactory, MembershipFactory

LONDON = ZoneInfo("Europe/London")
D = Decimal


def _terms(**changes):
    terms = {
        "reference": "KCC-2025",
        "starts_on": date(2025, 4, 1),
        "ends_on": date(2026, 3, 31),
        "price_per_advice_call": D("45.00"),
        "price_per_mediation": D("350.00"),
        "price_per_dr": D("300.00"),
        "monthly_cap": D("1000.00"),
        "total_cap": D("1500.00"),
    }
    return contracts.Terms(**{**terms, **changes})


def _case(world, name, la=None, route="mediation", health=None):
    return CaseFactory(
        provider=world.provider,
        reference=f"KM-BILL-{name}",
        child=ChildFactory(provider=world.provider, first_name="Billfirst", last_name="Billlast"),
        local_authority=la or world.la,
        health_body=health,
        route=route,
    )


def _meeting(case, when, kind="mediation", held=True):
    Meeting.objects.create(
        case=case, kind=kind, format="online", starts_at=when, ends_at=when, held=held
    )


@pytest.fixture
def year(world):
    manager = world.user(Role.SERVICE_MANAGER)
    kent = contracts.add_contract(world.provider, world.la, _terms(), by=manager)
    icb = contracts.add_contract(
        world.provider,
        world.icb,
        _terms(reference="ICB-2025", price_per_advice_call=D("50.00"), monthly_cap=None),
        by=manager,
    )
    a, b = _case(world, "A"), _case(world, "B", route="disagreement_resolution")
    medway = _case(world, "M", la=world.other_la)
    health = _case(world, "H", route="health_only_mediation", health=world.icb)
    for day in (date(2025, 3, 20), date(2025, 4, 1), date(2025, 4, 15), date(2025, 4, 30)):
        MiasCall.objects.create(case=a, held_on=day)
    MiasCall.objects.create(case=a)  # booked, not held
    MiasCall.objects.create(case=medway, held_on=date(2025, 4, 2))
    MiasCall.objects.create(case=health, held_on=date(2025, 4, 3))
    for day in (date(2025, 5, 2), date(2025, 5, 31), date(2025, 6, 3)):
        MiasCall.objects.create(case=a, held_on=day)
    _meeting(a, datetime(2025, 4, 10, 10, tzinfo=LONDON))
    _meeting(a, datetime(2025, 4, 20, 10, tzinfo=LONDON))
    _meeting(a, datetime(2025, 4, 30, 23, 30, tzinfo=LONDON))
    _meeting(a, datetime(2025, 4, 22, 10, tzinfo=LONDON), held=False)
    _meeting(b, datetime(2025, 4, 25, 10, tzinfo=LONDON), kind="dr")
    _meeting(a, datetime(2025, 5, 1, 0, 30, tzinfo=LONDON))
    _meeting(b, datetime(2025, 5, 20, 10, tzinfo=LONDON), kind="dr")
    return kent, icb


def _amounts(statement):
    return [(line.count, line.amount) for line in statement.lines]


def test_april_is_held_to_the_monthly_cap(year):
    april = billing.statement(year[0], date(2025, 4, 1))
    assert _amounts(april) == [(3, D("135.00")), (3, D("1050.00")), (1, D("300.00"))]
    assert (april.activity_total, april.monthly_cap_reduction) == (D("1485.00"), D("485.00"))
    assert (april.total_cap_reduction, april.billed) == (D("0.00"), D("1000.00"))


def test_may_is_held_to_what_is_left_of_the_contracts_cap(year):
    may = billing.statement(year[0], date(2025, 5, 17))
    assert _amounts(may) == [(2, D("90.00")), (1, D("350.00")), (1, D("300.00"))]
    assert (may.activity_total, may.monthly_cap_reduction) == (D("740.00"), D("0.00"))
    assert (may.billed_before, may.total_cap_reduction, may.billed) == (
        D("1000.00"),
        D("240.00"),
        D("500.00"),
    )
    june = billing.statement(year[0], date(2025, 6, 1))
    assert (june.activity_total, june.billed, june.billed_to_date) == (
        D("45.00"),
        D("0.00"),
        D("1500.00"),
    )


def test_the_icb_pays_for_health_only_mediation(year):
    april = billing.statement(year[1], date(2025, 4, 1))
    assert _amounts(april) == [(1, D("50.00")), (0, D("0.00")), (0, D("0.00"))]
    assert april.billed == D("50.00")


def test_a_month_outside_the_contract_has_no_statement(year):
    with pytest.raises(ValueError):
        billing.statement(year[0], date(2025, 3, 1))


def test_contracts_with_one_body_do_not_overlap(world, year):
    manager = world.user(Role.SERVICE_MANAGER)
    with pytest.raises(SetupError) as clash:
        contracts.add_contract(
            world.provider,
            world.la,
            _terms(starts_on=date(2026, 3, 1), ends_on=date(2027, 3, 31)),
            by=manager,
        )
    assert clash.value.field == "starts_on"
    with pytest.raises(SetupError):
        contracts.add_contract(
            world.provider,
            world.other_la,
            _terms(starts_on=date(2026, 3, 1), ends_on=date(2025, 3, 31)),
            by=manager,
        )
    later = contracts.add_contract(
        world.provider,
        world.la,
        _terms(reference="KCC-2026", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)),
        by=manager,
    )
    assert later.pk
    contracts.change_contract(year[0], _terms(monthly_cap=None), by=manager)
    assert SetupChange.objects.filter(
        what="Contract changed", before={"monthly_cap": "1000.00"}
    ).exists()
    assert billing.statement(Contract.objects.get(pk=year[0].pk), date(2025, 4, 1)).billed == D(
        "1485.00"
    )


STATEMENT_PAGES = [
    "reports:statement",
    "reports:statement_csv",
    "reports:statement_xlsx",
    "reports:statement_pdf",
]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", STATEMENT_PAGES)
def test_role_matrix_for_statements(world, client_for, year, role, page):
    asked = {"contract": year[0].pk, "month": 4, "year": 2025}
    response = client_for(role).get(reverse(page), asked)
    allowed = role in (Role.SERVICE_MANAGER, Role.COMMISSIONER)
    assert response.status_code == (200 if allowed else 403), f"{role} {page}"


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.COORDINATOR, Role.COMMISSIONER])
def test_role_matrix_for_contract_setup(world, client_for, year, role):
    for url in (
        reverse("setup:contracts"),
        reverse("setup:add_contract"),
        reverse("setup:edit_contract", args=[year[0].pk]),
    ):
        assert client_for(role).get(url).status_code == (
            200 if role == Role.SERVICE_MANAGER else 403
        )


def test_a_commissioner_sees_only_their_own_bodys_contract(client_for, year):
    client = client_for(Role.COMMISSIONER)  # Kent's
    theirs = client.get(
        reverse("reports:statement_csv"), {"contract": year[1].pk, "month": 4, "year": 2025}
    )
    assert theirs.status_code == 400
    page = client.get(reverse("reports:statement")).content.decode()
    assert "ICB-2025" not in page and "KCC-2025" in page


def test_the_files_show_the_hand_worked_month_and_no_personal_data(client_for, year):
    client = client_for(Role.SERVICE_MANAGER)
    asked = {"contract": year[0].pk, "month": 4, "year": 2025}
    text = client.get(reverse("reports:statement_csv"), asked).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Amount due for the month", "", "", "1000.00"] in rows
    assert ["Mediation meetings", "3", "350.00", "1050.00"] in rows
    assert ["Less: monthly cap of £1000.00", "", "", "485.00"] in rows
    book = load_workbook(io.BytesIO(client.get(reverse("reports:statement_xlsx"), asked).content))
    values = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert 1000 in values and 1485 in values and 3 in values
    pdf = client.get(reverse("reports:statement_pdf"), asked).content
    reader = PdfReader(io.BytesIO(pdf))
    printed = " ".join(page.extract_text() for page in reader.pages)
    assert "1000.00" in printed and "1050.00" in printed and "485.00" in printed
    # Tagged like every document Accord issues (accord.documents.pdf).
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    page = client.get(reverse("reports:statement"), asked).content.decode()
    assert "1000.00" in page
    for shown in (text, page, " ".join(str(v) for v in values)):
        assert "Billfirst" not in shown and "Billlast" not in shown and "KM-BILL" not in shown


def test_a_bad_month_is_refused_on_the_page(client_for, year):
    response = client_for(Role.SERVICE_MANAGER).get(
        reverse("reports:statement"), {"contract": year[0].pk, "month": 3, "year": 2025}
    )
    assert response.status_code == 400
    assert "choose a month in it" in response.content.decode()


def test_the_manager_adds_a_contract_through_the_form(world, client_for):
    client = client_for(Role.SERVICE_MANAGER)
    data = {
        "body": f"la-{world.other_la.pk}",
        "reference": "MED-1",
        "starts_on": "2025-01-01",
        "ends_on": "2024-12-31",
        "price_per_advice_call": "40",
        "price_per_mediation": "300",
        "price_per_dr": "250",
    }
    refused = client.post(reverse("setup:add_contract"), data)
    assert "on or after the first day" in refused.content.decode()
    assert not Contract.objects.filter(reference="MED-1").exists()
    assert (
        client.post(reverse("setup:add_contract"), {**data, "ends_on": "2025-12-31"}).status_code
        == 302
    )
    assert Contract.objects.get(reference="MED-1").local_authority == world.other_la


def test_an_icb_commissioner_sees_only_the_icbs_contract(world, year):
    icb = MembershipFactory(provider=world.provider, role=Role.COMMISSIONER, health_body=world.icb)
    client = Client()
    client.force_login(icb.user)
    page = client.get(reverse("reports:statement")).content.decode()
    assert "ICB-2025" in page and "KCC-2025" not in page
    kent = {"contract": year[0].pk, "month": 4, "year": 2025}
    assert client.get(reverse("reports:statement_pdf"), kent).status_code == 400
