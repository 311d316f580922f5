"""The SEN2 return as collected since 2023 (issue 16, section 2; rules.md, Reporting): figures
against a hand-counted fixture, the person-level rows, who may see them, and recording appeals.

The fixture, Kent unless said, calendar year 2025 (stage: R request, A assessment, O other):

  case  decision               mediation held          appeal registered (decision)
  R1    refuse_to_assess       10 Mar 2025 full        1 May 2025 (same)
  R2    refuse_to_assess       none (certificate)      1 Apr 2025 (same)
  R3    refuse_to_assess       1 Jun 2025 none         -
  RA    refuse_to_assess       1 Apr 2025 partial      1 Oct 2025 (refuse_to_issue_plan)
  A1    refuse_to_issue_plan   1 Feb 2025 none         1 Mar 2025 (same)
  A2    refuse_to_issue_plan   1 Nov 2024 full         20 Jan 2025 (same)
  O1    plan_content           1 Jul 2025 partial      15 Jun 2025 (same): before the mediation
  O2    cease_to_maintain      withdrawn, none held    1 Sep 2025 (same)
  O3    plan_content           1 Aug 2025 full         10 Jan 2026 (same): the next year
  M1    refuse_to_assess       health-only route       -                 (not in the return)
  D1    disability_discrim.    -                       5 May 2025 (same) (not in the return)
  X1    Medway, refuse_to_assess 1 Mar 2025 full        -
  Z1    another provider, Kent: 1 Mar 2025 full; appeal 1 Apr 2025 (never counted)

Counted by hand, Kent 2025:
  requests:    mediation R1 R3 RA = 3; tribunal R1 R2 = 2; after mediation R1 = 1; without R2 = 1
  assessments: mediation A1 = 1 (A2's was in 2024); tribunal A1 A2 RA = 3; after A1 A2 = 2;
               without RA = 1 (its mediation was about another decision)
  other:       mediation O1 O3 = 2; tribunal O1 O2 = 2; after 0; without O1 O2 = 2
Kent 2026: other tribunal O3 = 1, after mediation 1. Medway 2025: request mediation X1 = 1.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases import services
from accord.cases.models import Appeal, CaseAccess, TimelineEvent
from accord.organisations.roles import Role
from accord.reports.scope import Scope
from accord.reports.selectors import sen2
from tests.factories import CaseFactory, ChildFactory, MembershipFactory

KENT_2025 = {
    "mediation_related_request": 3,
    "tribunal_related_request": 2,
    "tribunal_after_mediation_request": 1,
    "tribunal_without_mediation_request": 1,
    "number_assess_mediation": 1,
    "number_assess_tribunal": 3,
    "number_asssess_mediation_tribunal": 2,
    "number_assess_tribunal_without_mediation": 1,
    "number_other_mediation": 2,
    "number_other_tribunal": 2,
    "number_other_mediation_tribunal": 0,
    "number_other_tribunal_without_mediation": 2,
}


def _case(world, name, decision, held_on=None, outcome="", route="mediation", la=None, **kw):
    provider = kw.pop("provider", world.provider)
    if held_on and not outcome:
        outcome = "full"
    return CaseFactory(
        provider=provider,
        reference=f"{provider.case_prefix}-SEN2-{name}",
        child=ChildFactory(provider=provider, first_name=f"First{name}", last_name=f"Last{name}"),
        local_authority=la or world.la,
        decision_kind=decision,
        decision_notice_sent_on=date(2024, 9, 1),
        route=route,
        outcome=outcome,
        mediation_concluded_on=held_on,
        state="closed" if outcome else "arranging",
    )


def _appeal(case, registered_on, decision=None):
    Appeal.objects.create(
        case=case, registered_on=registered_on, decision_kind=decision or case.decision_kind
    )


@pytest.fixture
def sen2_cases(world):
    d = date
    c = {
        "R1": _case(world, "R1", "refuse_to_assess", d(2025, 3, 10)),
        "R2": _case(world, "R2", "refuse_to_assess", route="mediation"),
        "R3": _case(world, "R3", "refuse_to_assess", d(2025, 6, 1), "none"),
        "RA": _case(world, "RA", "refuse_to_assess", d(2025, 4, 1), "partial"),
        "A1": _case(world, "A1", "refuse_to_issue_plan", d(2025, 2, 1), "none"),
        "A2": _case(world, "A2", "refuse_to_issue_plan", d(2024, 11, 1)),
        "O1": _case(world, "O1", "plan_content", d(2025, 7, 1), "partial"),
        "O2": _case(world, "O2", "cease_to_maintain", outcome="withdrawn"),
        "O3": _case(world, "O3", "plan_content", d(2025, 8, 1)),
        "M1": _case(world, "M1", "refuse_to_assess", d(2025, 5, 1), route="health_only_mediation"),
        "D1": _case(world, "D1", "disability_discrimination", route="none"),
        "X1": _case(world, "X1", "refuse_to_assess", d(2025, 3, 1), la=world.other_la),
        "Z1": _case(
            world, "Z1", "refuse_to_assess", d(2025, 3, 1), provider=world.stranger_provider
        ),
    }
    _appeal(c["R1"], d(2025, 5, 1))
    _appeal(c["R2"], d(2025, 4, 1))
    _appeal(c["RA"], d(2025, 10, 1), "refuse_to_issue_plan")
    _appeal(c["A1"], d(2025, 3, 1))
    _appeal(c["A2"], d(2025, 1, 20))
    _appeal(c["O1"], d(2025, 6, 15))
    _appeal(c["O2"], d(2025, 9, 1))
    _appeal(c["O3"], d(2026, 1, 10))
    _appeal(c["D1"], d(2025, 5, 5))
    _appeal(c["Z1"], d(2025, 4, 1))
    return c


def _kent(world):
    return Scope(provider_id=world.provider.pk, local_authority=world.la)


def test_figures_match_the_hand_count(world, sen2_cases):
    rows = sen2.person_rows(_kent(world), 2025)
    figures = sen2.aggregate_for(rows, 2025, world.la.name, world.la.code)
    assert figures.figures == KENT_2025


def test_an_appeal_counts_in_the_year_the_tribunal_registered_it(world, sen2_cases):
    rows = sen2.person_rows(_kent(world), 2026)
    assert [r.reference for r in rows] == ["KM-SEN2-O3"]
    figures = sen2.aggregate_for(rows, 2026, world.la.name, world.la.code).figures
    assert (figures["number_other_tribunal"], figures["number_other_mediation_tribunal"]) == (1, 1)
    assert figures["number_other_mediation"] == 0  # O3's mediation was held in 2025
    assert sum(figures.values()) == 2


def test_a_manager_has_every_la_and_a_stranger_none_of_them(world, sen2_cases):
    rows = sen2.person_rows(Scope(provider_id=world.provider.pk), 2025)
    by_la = {f.la_name: f.figures for f in sen2.aggregates(rows, 2025)}
    assert by_la["Kent County Council"] == KENT_2025
    assert by_la["Medway Council"]["mediation_related_request"] == 1
    assert sum(by_la["Medway Council"].values()) == 1
    stranger = sen2.person_rows(Scope(provider_id=world.stranger_provider.pk), 2025)
    assert [r.reference for r in stranger] == ["XX-SEN2-Z1"]


def test_the_person_level_rows_carry_the_returns_items(world, sen2_cases):
    rows = {r.reference: r.as_csv() for r in sen2.person_rows(_kent(world), 2025)}
    assert sorted(rows) == [
        f"KM-SEN2-{n}" for n in ("A1", "A2", "O1", "O2", "O3", "R1", "R2", "R3", "RA")
    ]
    ra = rows["KM-SEN2-RA"]
    assert (ra["RequestMediation"], ra["RequestTribunal"]) == ("1", "0")
    assert (ra["AssessmentMediation"], ra["AssessmentTribunal"]) == ("0", "1")
    assert (ra["Surname"], ra["Forename"], ra["PersonBirthDate"]) == (
        "LastRA",
        "FirstRA",
        "2016-03-14",
    )
    assert (ra["mediation_date"], ra["tribunal_registered_date"]) == ("2025-04-01", "2025-10-01")
    # The figures are the sums of the rows' items.
    for item, name in (
        ("RequestMediation", "mediation_related_request"),
        ("AssessmentTribunal", "number_assess_tribunal"),
        ("OtherMediation", "number_other_mediation"),
        ("OtherTribunal", "number_other_tribunal"),
    ):
        assert sum(int(r[item]) for r in rows.values()) == KENT_2025[name]
    assert set(ra) == set(sen2.PERSON_COLUMNS)


@pytest.mark.parametrize(
    ("decision", "stage"),
    [
        ("refuse_to_assess", sen2.Stage.REQUEST),  # CFA s.51(2)(a)
        ("refuse_to_issue_plan", sen2.Stage.ASSESSMENT),  # s.51(2)(b)
        ("plan_content", sen2.Stage.OTHER),  # s.51(2)(c)
        ("refuse_to_reassess", sen2.Stage.OTHER),  # s.51(2)(d)
        ("refuse_to_amend_after_review", sen2.Stage.OTHER),  # s.51(2)(e)
        ("cease_to_maintain", sen2.Stage.OTHER),  # s.51(2)(f)
        ("non_ehc_disagreement", None),
        ("disability_discrimination", None),  # Equality Act 2010, not CFA s.51
        ("no_such_decision", None),
    ],
)
def test_each_decision_has_its_stage(decision, stage):
    assert sen2.stage_of(decision) is stage


# --- the pages and downloads ----------------------------------------------------------------

SEN2_PAGES = {
    "reports:national": {Role.SERVICE_MANAGER, Role.COMMISSIONER, Role.LA_OFFICER},
    "reports:national_csv": {Role.SERVICE_MANAGER, Role.COMMISSIONER, Role.LA_OFFICER},
    "reports:national_person_csv": {Role.SERVICE_MANAGER, Role.LA_OFFICER},
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(SEN2_PAGES))
def test_role_matrix_for_the_sen2_pages(world, client_for, sen2_cases, role, page):
    response = client_for(role).get(reverse(page), {"year": 2025})
    assert response.status_code == (200 if role in SEN2_PAGES[page] else 403), f"{role} {page}"


def _csv(response):
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_an_la_officer_gets_their_own_la_whatever_they_ask(world, client_for, sen2_cases):
    client = client_for(Role.LA_OFFICER)
    asked = {"year": 2025, "local_authority": world.other_la.pk}
    figures = _csv(client.get(reverse("reports:national_csv"), asked))
    assert [(f["la_name"], f["time_period"]) for f in figures] == [("Kent County Council", "2025")]
    assert {k: int(v) for k, v in figures[0].items() if k in KENT_2025} == KENT_2025
    people = _csv(client.get(reverse("reports:national_person_csv"), asked))
    assert len(people) == 9
    assert {p["la_name"] for p in people} == {"Kent County Council"}
    assert list(people[0]) == sen2.PERSON_COLUMNS
    # Each case in the download is in the access log, as an export by the officer.
    logged = CaseAccess.objects.filter(user=world.user(Role.LA_OFFICER), kind="export")
    assert logged.count() == 9


def test_the_page_shows_figures_and_no_names(world, client_for, sen2_cases):
    html = client_for(Role.LA_OFFICER).get(reverse("reports:national"), {"year": 2025}).content
    page = html.decode()
    assert "KM-SEN2-RA" in page
    assert "LastRA" not in page and "FirstRA" not in page
    commissioner = client_for(Role.COMMISSIONER).get(reverse("reports:national"), {"year": 2025})
    assert "KM-SEN2-RA" not in commissioner.content.decode()
    assert "Requests (the decision not to assess)" in commissioner.content.decode()


def test_a_manager_chooses_the_la(world, client_for, sen2_cases):
    client = client_for(Role.SERVICE_MANAGER)
    medway = _csv(
        client.get(
            reverse("reports:national_csv"), {"year": 2025, "local_authority": world.other_la.pk}
        )
    )
    assert [f["la_name"] for f in medway] == ["Medway Council"]
    everyone = _csv(client.get(reverse("reports:national_csv"), {"year": 2025}))
    assert [f["la_name"] for f in everyone] == ["Kent County Council", "Medway Council"]
    assert client.get(reverse("reports:national"), {"year": "soon"}).status_code == 400


def test_the_downloads_are_safe_from_formulas(world, client_for, sen2_cases):
    child = sen2_cases["R1"].child
    child.last_name = "=HYPERLINK(1)"
    child.save()
    response = client_for(Role.SERVICE_MANAGER).get(
        reverse("reports:national_person_csv"), {"year": 2025}
    )
    assert "'=HYPERLINK(1)" in response.content.decode()
    assert "\n=HYPERLINK" not in response.content.decode()


# --- recording appeals ------------------------------------------------------------------------


def test_an_appeal_is_recorded_with_the_decision_and_its_letter(world, sen2_cases):
    case = sen2_cases["R3"]
    by = world.user(Role.COORDINATOR)
    appeal = services.record_appeal(case, date(2025, 7, 1), "refuse_to_assess", by=by)
    assert appeal.decision_notice_sent_on == date(2024, 9, 1)  # the case's own letter
    event = TimelineEvent.objects.get(case=case, kind="appeal_lodged")
    assert "1 July 2025" in event.summary
    services.remove_appeal(case, appeal.pk, by=by)
    assert not case.appeals.exists()
    assert TimelineEvent.objects.filter(case=case, kind="appeal_lodged").count() == 2


@pytest.mark.parametrize(
    ("registered_on", "decision", "letter", "field"),
    [
        (date(2999, 1, 1), "refuse_to_assess", None, "registered_on"),  # after today
        (date(2024, 8, 31), "refuse_to_assess", None, "registered_on"),  # before the letter
        (date(2025, 7, 1), "plan_content", date(2025, 7, 2), "registered_on"),
        (date(2025, 7, 1), "plan_content", date(2999, 1, 1), "decision_notice_sent_on"),
        (date(2025, 7, 1), "non_ehc_disagreement", None, "decision_kind"),  # CFA s.51(2)
        (date(2025, 7, 1), "nonsense", None, "decision_kind"),
    ],
)
def test_an_appeal_with_impossible_dates_is_refused(
    world, sen2_cases, registered_on, decision, letter, field
):
    with pytest.raises(services.CaseError) as refused:
        services.record_appeal(
            sen2_cases["R3"], registered_on, decision, letter, by=world.user(Role.ADVISER)
        )
    assert refused.value.field == field
    assert not sen2_cases["R3"].appeals.exists()


def test_the_appeal_page_records_and_removes(world, client_for, sen2_cases):
    case = sen2_cases["R3"]
    client = client_for(Role.ADVISER)
    url = reverse("reports:appeal", args=[case.reference])
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "version": case.version,
            "registered_on": "2024-08-01",
            "decision_kind": "refuse_to_assess",
        },
    )
    assert bad.status_code == 400
    assert "before the decision letter" in bad.content.decode()
    ok = client.post(
        url,
        {
            "version": case.version,
            "registered_on": "2025-07-01",
            "decision_kind": "refuse_to_assess",
        },
    )
    assert ok.status_code == 302
    appeal = case.appeals.get()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Registered on 1 July 2025" in page
    case.refresh_from_db()
    remove = reverse("reports:remove_appeal", args=[case.reference, appeal.pk])
    assert client.post(remove, {"version": case.version}).status_code == 400
    assert client.post(remove, {"version": case.version, "confirm": "on"}).status_code == 302
    assert not case.appeals.exists()
    assert client_for(Role.MEDIATOR).get(url).status_code == 403


def test_an_icb_commissioner_is_told_the_return_is_made_by_las(world, sen2_cases):
    icb = MembershipFactory(provider=world.provider, role=Role.COMMISSIONER, health_body=world.icb)
    client = Client()
    client.force_login(icb.user)
    page = client.get(reverse("reports:national"))
    assert page.status_code == 200
    assert "made by local authorities" in page.content.decode()
    assert client.get(reverse("reports:national_csv"), {"year": 2025}).status_code == 400
