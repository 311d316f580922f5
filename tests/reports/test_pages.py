"""Report pages, downloads and who may see them."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from accord.cases.models import TimelineEvent
from accord.organisations.roles import Role
from tests.markup import parse
from tests.reports.fixture import build

YEAR = "start=2025-01-01&end=2025-12-31"


@pytest.fixture
def service(world):
    return build(world)


def _kent(world) -> str:
    return f"body=la-{world.la.pk}&{YEAR}"


@pytest.mark.parametrize(
    ("role", "url", "status"),
    [
        (Role.SERVICE_MANAGER, "/reports/", 200),
        (Role.SERVICE_MANAGER, "/reports/service/", 200),
        (Role.COMMISSIONER, "/reports/", 302),
        (Role.COMMISSIONER, "/reports/service/", 403),
        (Role.COMMISSIONER, "/reports/commissioner/", 200),
        (Role.COMMISSIONER, "/reports/national-return/", 200),
        (Role.COORDINATOR, "/reports/", 403),
        (Role.COORDINATOR, "/reports/commissioner/", 403),
        (Role.LA_OFFICER, "/reports/commissioner/report.csv", 403),
        (Role.MEDIATOR, "/reports/service/", 403),
        (Role.ICB_OFFICER, "/reports/national-return/", 403),
    ],
)
def test_who_may_see_reports(client_for, service, role, url, status):
    assert client_for(role).get(url).status_code == status


def test_service_dashboard_shows_the_figures_and_late_cases(client_for, service):
    response = client_for(Role.SERVICE_MANAGER).get(f"/reports/service/?{YEAR}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "75.0%" in page  # agreement rate
    assert 'href="/cases/KM-2025-B/"' in page  # B's mediation was late
    assert "KM-2025-G" not in page.split('id="late"')[1].split("By month")[0]
    assert "XX-2025" not in page  # never another provider's cases
    # Each chart is an image with a title and description, followed by its table.
    assert page.count('role="img"') == 2
    assert '<title id="chart-trend-title">' in page
    assert page.count("the figures as a table") == 2


def test_a_bad_period_is_shown_again_with_an_error(client_for, service):
    response = client_for(Role.SERVICE_MANAGER).get(
        "/reports/service/?start=2025-12-31&end=2025-01-01"
    )
    assert response.status_code == 400
    assert "The end of the period must be on or after its start." in response.content.decode()
    page = parse(response.content)  # what was typed, shown back in the date input's boxes
    assert [page.by_id(f"id_start-{part}").get("value") for part in ("day", "month", "year")] == [
        "31",
        "12",
        "2025",
    ]


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_commissioner_csv_has_no_personal_data_and_suppresses_small_numbers(
    world, client_for, service
):
    response = client_for(Role.COMMISSIONER).get(f"/reports/commissioner/report.csv?{YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[0] == ["Mediation and disagreement resolution: report for Kent County Council"]
    text = response.content.decode()
    for case in service.cases.values():
        assert case.reference not in text
        assert case.child.last_name not in text
    assert "Medway" not in text
    by_route = rows[rows.index(["Enquiries received, by route"]) + 2 :][:4]
    # Kent's 6 enquiries came in 6 different months, each shown as "<5": with the total shown,
    # every month could only be 1, so the total is withheld too (tests/reports/
    # test_secondary_suppression.py checks the whole report).
    assert by_route == [
        ["Mediation", "<5", "too few to show"],
        ["Route not confirmed yet", "<5", "too few to show"],
        ["Disagreement resolution", "<5", "too few to show"],
        ["Total", "[c]", ""],
    ]
    assert ["Agreement rate", "too few to show"] in rows


def test_a_commissioner_cannot_ask_for_another_body(world, client_for, service):
    response = client_for(Role.COMMISSIONER).get(
        f"/reports/commissioner/report.csv?body=la-{world.other_la.pk}&{YEAR}"
    )
    assert "report for Kent County Council" in response.content.decode()
    assert "Medway" not in response.content.decode()


def test_manager_downloads_the_xlsx_for_an_la(world, client_for, service):
    response = client_for(Role.SERVICE_MANAGER).get(
        f"/reports/commissioner/report.xlsx?body=la-{world.other_la.pk}&{YEAR}"
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book["About"]["A1"].value == (
        "Mediation and disagreement resolution: report for Medway Council"
    )
    outcomes = book["Outcomes reached"]
    values = [[c.value for c in row] for row in outcomes.iter_rows(min_row=3)]
    assert ["Full agreement", "<5"] in values
    assert ["Withdrawn", "<5"] in values


def test_manager_must_choose_a_body_of_their_own_provider(world, client_for, service):
    from tests.factories import LocalAuthorityFactory

    elsewhere = LocalAuthorityFactory(name="Somewhere Else Council")
    client = client_for(Role.SERVICE_MANAGER)
    response = client.get(f"/reports/commissioner/?body=la-{elsewhere.pk}&{YEAR}")
    assert response.status_code == 400
    assert client.get("/reports/commissioner/").status_code == 200


def test_printable_page_stands_alone(world, client_for, service):
    response = client_for(Role.SERVICE_MANAGER).get(f"/reports/commissioner/print/?{_kent(world)}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-service-navigation" not in page
    assert "Timeliness against the statutory clocks" in page


def test_national_return_page(world, client_for, service):
    page = client_for(Role.COMMISSIONER).get("/reports/national-return/?year=2025").content
    text = page.decode()
    assert "Kent County Council" in text and "Medway" not in text
    manager = client_for(Role.SERVICE_MANAGER).get("/reports/national-return/?year=2025")
    assert "Medway Council" in manager.content.decode()
    future = client_for(Role.SERVICE_MANAGER).get("/reports/national-return/?year=2999")
    assert future.status_code == 400


def test_staff_record_an_appeal_from_the_case_page(world, client_for, service):
    case = service.cases["F"]
    client = client_for(Role.COORDINATOR)
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert f"/reports/cases/{case.reference}/appeal/" in page
    response = client.post(
        f"/reports/cases/{case.reference}/appeal/",
        {
            "registered_on": "2025-11-03",
            "decision_kind": case.decision_kind,
            "version": case.version,
        },
    )
    assert response.status_code == 302
    assert [str(a.registered_on) for a in case.appeals.all()] == ["2025-11-03"]
    assert TimelineEvent.objects.filter(case=case, kind="appeal_lodged").exists()


def test_an_appeal_in_the_future_is_refused_and_the_input_kept(client_for, service):
    case = service.cases["F"]
    response = client_for(Role.COORDINATOR).post(
        f"/reports/cases/{case.reference}/appeal/",
        {
            "registered_on": "2999-01-01",
            "decision_kind": case.decision_kind,
            "version": case.version,
        },
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert page.by_id("id_registered_on-year").get("value") == "2999"


def test_officers_cannot_record_an_appeal(client_for, service):
    case = service.cases["A"]
    response = client_for(Role.LA_OFFICER).get(f"/reports/cases/{case.reference}/appeal/")
    assert response.status_code == 403
