"""A certificate states the date of the decision letter and the appeal date worked out from it,
and never changes once issued (style.md #7). Changing the letter's date afterwards needs
confirming, is recorded on the timeline, and offers the corrected certificate."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from django.urls import reverse

from accord.cases import services as case_services
from accord.documents import services
from accord.documents.models import Certificate
from accord.organisations.roles import Role
from tests.documents.conftest import DECISION_SENT, ISSUED_ON

pytestmark = pytest.mark.django_db

NEW_DATE = date(2026, 3, 4)


@pytest.fixture
def certified(world, declined_case):
    certificate = services.issue_certificate(
        declined_case,
        "information_given",
        ISSUED_ON,
        idempotency_key=uuid.uuid4().hex,
        by=world.user(Role.ADVISER),
    )
    declined_case.refresh_from_db()
    return declined_case, certificate


def test_changing_the_letter_date_after_a_certificate_needs_confirming(world, certified):
    case, certificate = certified
    with pytest.raises(case_services.NeedsConfirmation) as asked:
        case_services.update_case_details(
            case, {"decision_notice_sent_on": NEW_DATE}, by=world.user(Role.COORDINATOR)
        )
    message = str(asked.value)
    assert asked.value.field == "confirm_certificate_dates"
    assert certificate.number in message
    assert "Monday 2 March 2026" in message  # the date it states
    assert "Tuesday 5 May 2026" in message  # the appeal date it states
    assert "corrected certificate" in message
    case.refresh_from_db()
    assert case.decision_notice_sent_on == DECISION_SENT


def test_once_confirmed_the_change_and_the_certificate_to_correct_are_on_the_timeline(
    world, certified
):
    case, certificate = certified
    case_services.update_case_details(
        case,
        {"decision_notice_sent_on": NEW_DATE},
        by=world.user(Role.COORDINATOR),
        confirm_certificate_dates=True,
    )
    case.refresh_from_db()
    assert case.decision_notice_sent_on == NEW_DATE
    event = case.timeline.get(kind="certificate_out_of_date")
    assert certificate.number in event.summary
    assert event.changes["certificate"] == certificate.number
    assert event.changes["decision_notice_sent_on"] == ["2026-03-02", "2026-03-04"]


def test_other_details_change_without_the_question(world, certified):
    case, _ = certified
    case_services.update_case_details(
        case, {"summary": "About speech therapy"}, by=world.user(Role.COORDINATOR)
    )
    assert not case.timeline.filter(kind="certificate_out_of_date").exists()


def test_the_page_warns_links_to_the_correction_and_asks_to_confirm(world, certified, client_for):
    case, certificate = certified
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:decision_date", args=[case.reference])
    correct = reverse("documents:correct_certificate", args=[case.reference, certificate.pk])
    page = client.get(url).content.decode()
    assert "govuk-warning-text" in page
    assert f'href="{correct}"' in page
    assert 'name="confirm_certificate_dates"' in page

    refused = client.post(url, {"version": case.version, "decision_notice_sent_on": "2026-03-04"})
    html = refused.content.decode()
    assert refused.status_code == 400
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_confirm_certificate_dates"' in summary
    assert certificate.number in summary

    saved = client.post(
        url,
        {
            "version": case.version,
            "decision_notice_sent_on": "2026-03-04",
            "confirm_certificate_dates": "on",
        },
    )
    assert saved.status_code == 302
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert "Out of date" in case_page
    assert f'href="{correct}"' in case_page


def test_the_corrected_certificate_states_the_new_dates_and_is_current(
    world, certified, client_for
):
    case, certificate = certified
    adviser = world.user(Role.ADVISER)
    case_services.update_case_details(
        case,
        {"decision_notice_sent_on": NEW_DATE},
        by=world.user(Role.COORDINATOR),
        confirm_certificate_dates=True,
    )
    corrected = services.correct_certificate(
        certificate, "New decision letter date", idempotency_key=uuid.uuid4().hex, by=adviser
    )
    assert corrected.decision_notice_sent_on == NEW_DATE
    assert Certificate.objects.filter(case=case).count() == 2
    page_section = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Out of date" not in page_section
    # Changing it again asks about the certificate in use, not the one it replaced.
    with pytest.raises(case_services.NeedsConfirmation) as asked:
        case_services.update_case_details(
            case, {"decision_notice_sent_on": date(2026, 3, 5)}, by=world.user(Role.COORDINATOR)
        )
    assert corrected.number in str(asked.value)
    assert certificate.number not in str(asked.value)


# --- a certificate stating a later last day to appeal than the law gives --------------------------


def test_a_certificate_stating_a_later_appeal_date_than_the_law_is_out_of_date(
    world, certified, client_for
):
    # As one issued before HESC Rules r.12(3)(a) was read exactly might: the engine then pushed
    # a limit ending on a weekend before August or Christmas into September or January.
    case, certificate = certified
    lawful = certificate.appeal_deadline
    Certificate.objects.filter(pk=certificate.pk).update(appeal_deadline=date(2026, 9, 1))
    correct = reverse("documents:correct_certificate", args=[case.reference, certificate.pk])

    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Out of date" in page
    assert "States 1 Sep 2026 as the last day to appeal" in page
    assert f"the law gives {lawful.day} {lawful:%b %Y}" in page
    assert f'href="{correct}"' in page

    corrected = services.correct_certificate(
        certificate,
        "It stated a later last day to appeal than the law gives",
        idempotency_key=uuid.uuid4().hex,
        by=world.user(Role.ADVISER),
    )
    assert corrected.appeal_deadline == lawful
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Out of date" not in page


def test_a_certificate_stating_an_earlier_date_than_the_law_is_left_alone(
    world, certified, client_for
):
    # The earlier date is the one to show a family when readings differ: nothing to correct.
    case, certificate = certified
    earlier = date(2026, 4, 30)
    assert earlier < certificate.appeal_deadline
    Certificate.objects.filter(pk=certificate.pk).update(appeal_deadline=earlier)
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Out of date" not in page
