"""Feedback once the case is over: the family on their signed-in page; other parties through a
signed, single-use link that needs no account. One feedback per party per case."""

from __future__ import annotations

import re
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord.cases.services import CaseError, close_case
from accord.family import feedback_requests, services
from accord.family.models import Feedback
from accord.notifications.delivery import deliver_due_messages
from accord.organisations.roles import Role
from tests.family.conftest import PARENT_EMAIL as PARENT_ADDRESS
from tests.family.conftest import make_case, parent_of, sign_in

pytestmark = pytest.mark.django_db

ANSWERS = {"satisfied": "5", "listened_to": "4", "would_recommend": "3", "comments": "Kind."}


def ask(case, by=None) -> int:
    """Asks for feedback, then lets the notifications worker send what was queued."""
    asked = feedback_requests.request_feedback(case, by=by)
    deliver_due_messages()
    return asked


def closed(world, case):
    close_case(case, "withdrawn", on=timezone.localdate(), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    return case


# --- the family, signed in -----------------------------------------------------------------------


def test_the_family_gives_feedback_after_closure_once(world, family_case):
    closed(world, family_case)
    client = Client()
    sign_in(client)
    case_url = reverse("family:case", args=[family_case.reference])
    assert "Tell us what you think" in client.get(case_url).content.decode()
    url = reverse("family:feedback", args=[family_case.reference])
    response = client.post(url, ANSWERS)
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.party == parent_of(family_case)
    assert feedback.respondent_role == "parent_carer"
    assert (feedback.satisfied, feedback.listened_to, feedback.would_recommend) == (5, 4, 3)
    assert feedback.given_through == Feedback.Route.FAMILY_PAGE
    assert client.get(url)["Location"] == case_url  # not offered twice
    assert client.post(url, ANSWERS).status_code == 302
    assert Feedback.objects.count() == 1
    assert "Thank you for telling us what you think." in client.get(case_url).content.decode()


def test_the_family_cannot_give_feedback_on_an_open_case(family_case):
    client = Client()
    sign_in(client)
    response = client.post(reverse("family:feedback", args=[family_case.reference]), ANSWERS)
    assert response.status_code == 302
    assert not Feedback.objects.exists()
    with pytest.raises(CaseError):
        services.give_feedback(
            parent_of(family_case),
            services.Scores(5, 5, 5),
            through=Feedback.Route.FAMILY_PAGE,
        )


def test_unanswered_questions_are_shown_again_with_errors(world, family_case):
    closed(world, family_case)
    client = Client()
    sign_in(client)
    response = client.post(
        reverse("family:feedback", args=[family_case.reference]),
        {"satisfied": "5", "comments": "Kept words"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer the question: Did you feel listened to?" in html
    assert "Kept words" in html
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_scores_outside_1_to_5_are_refused(world, family_case, bad):
    closed(world, family_case)
    with pytest.raises(CaseError):
        services.give_feedback(
            parent_of(family_case), services.Scores(bad, 3, 3), through="family_page"
        )


# --- asking every party --------------------------------------------------------------------------


def test_request_feedback_emails_every_party_with_an_address_and_never_names_the_child(
    world, family_case
):
    family_case.parties.create(role="professional", name="No Email", email="")
    closed(world, family_case)
    asked = ask(family_case, world.user(Role.COORDINATOR))
    assert asked == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "head@school.example",
        "jo.turner@example.com",
        "sam@kent.example.gov.uk",
    ]
    for message in mail.outbox:
        assert family_case.reference in message.subject
        for detail in ("Alfie", "Zebedee", family_case.child.setting or "§"):
            assert detail not in message.subject + message.body
    to_parent = next(m for m in mail.outbox if m.to == ["jo.turner@example.com"])
    assert reverse("family:sign_in") in to_parent.body
    assert "/feedback/" not in to_parent.body
    event = family_case.timeline.get(kind="feedback_requested")
    assert event.summary == "Feedback asked for from 3 people by email"
    assert not event.visible_to_family


def test_feedback_is_asked_for_only_once_the_case_is_closed(family_case):
    with pytest.raises(CaseError):
        feedback_requests.request_feedback(family_case)
    assert mail.outbox == []


def test_asking_again_skips_those_who_answered(world, family_case):
    closed(world, family_case)
    officer = family_case.parties.get(role="la_officer")
    services.give_feedback(officer, services.Scores(4, 4, 4), through="emailed_link")
    assert ask(family_case) == 2


def emailed_link(to: str) -> str:
    """The path of the feedback link in the email sent to `to`."""
    message = next(m for m in mail.outbox if m.to == [to])
    match = re.search(r"https?://\S+/feedback/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def test_an_officer_gives_feedback_through_the_link_without_an_account(world, family_case):
    closed(world, family_case)
    ask(family_case)
    url = emailed_link("sam@kent.example.gov.uk")
    client = Client()
    page = client.get(url)
    assert page.status_code == 200
    assert "Tell us what you think" in page.content.decode()
    assert "Alfie" not in page.content.decode()
    response = client.post(url, ANSWERS)
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert feedback.party == family_case.parties.get(role="la_officer")
    assert feedback.respondent_role == "la_officer"
    assert feedback.given_through == Feedback.Route.EMAILED_LINK


def test_the_link_works_once(world, family_case):
    closed(world, family_case)
    ask(family_case)
    url = emailed_link("head@school.example")
    assert Client().post(url, ANSWERS).status_code == 200
    again = Client().post(url, {**ANSWERS, "satisfied": "1"})
    assert again.status_code == 410
    assert "You have already given feedback" in again.content.decode()
    assert Client().get(url).status_code == 410
    assert Feedback.objects.get().satisfied == 5


def test_the_link_is_bound_to_its_party_and_case(world, family_case):
    closed(world, family_case)
    officer = family_case.parties.get(role="la_officer")
    school = family_case.parties.get(role="school_staff")
    token = services.feedback_token(officer)
    assert services.party_for_token(token) == officer
    # Changing the party or the case in the token breaks its signature.
    payload, stamp, signature = token.rsplit(":", 2)
    forged_payload = signing.TimestampSigner(salt="not-the-salt").sign_object(
        {"case": family_case.pk, "party": school.pk}
    )
    for forged in (
        f"{forged_payload}",
        f"{payload}x:{stamp}:{signature}",
        services.feedback_token(school).rsplit(":", 1)[0] + ":" + signature,
    ):
        with pytest.raises(services.InvalidFeedbackLink):
            services.party_for_token(forged)
        assert Client().get(reverse("feedback:give", args=[forged])).status_code == 404
    # A party moved to another case (or a token naming a party on another case) is refused.
    other_case = make_case(world, email="other@example.com")
    officer.case = other_case
    officer.save()
    with pytest.raises(services.InvalidFeedbackLink):
        services.party_for_token(token)


def test_the_link_lasts_60_days(world, family_case):
    closed(world, family_case)
    officer = family_case.parties.get(role="la_officer")
    token = services.feedback_token(officer)
    in_59_days = time.time() + 59 * 24 * 3600
    in_61_days = time.time() + 61 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=in_59_days):
        assert services.party_for_token(token) == officer
    with mock.patch("django.core.signing.time.time", return_value=in_61_days):
        with pytest.raises(services.InvalidFeedbackLink):
            services.party_for_token(token)
        response = Client().get(reverse("feedback:give", args=[token]))
        assert response.status_code == 404
        assert "more than 60 days old" in response.content.decode()


def test_only_one_feedback_per_party_per_case_even_at_the_database(world, family_case):
    closed(world, family_case)
    officer = family_case.parties.get(role="la_officer")
    services.give_feedback(officer, services.Scores(3, 3, 3), through="emailed_link")
    with pytest.raises(CaseError):
        services.give_feedback(officer, services.Scores(1, 1, 1), through="emailed_link")
    assert Feedback.objects.count() == 1


# --- staff see it and ask for it -----------------------------------------------------------------


def test_staff_ask_for_feedback_from_the_case_page(world, client_for, family_case):
    closed(world, family_case)
    coordinator = client_for(Role.COORDINATOR)
    page = coordinator.get(family_case.get_absolute_url()).content.decode()
    assert "Ask for feedback" in page
    response = coordinator.post(reverse("feedback:request", args=[family_case.reference]))
    assert response.status_code == 302
    deliver_due_messages()
    assert len(mail.outbox) == 3
    # A second click the same day queues nothing more.
    coordinator.post(reverse("feedback:request", args=[family_case.reference]))
    deliver_due_messages()
    assert len(mail.outbox) == 3


def test_officers_cannot_ask_for_or_see_feedback(world, client_for, family_case):
    closed(world, family_case)
    services.give_feedback(
        family_case.parties.get(role="school_staff"),
        services.Scores(2, 2, 2, "SCHOOL-COMMENT"),
        through="emailed_link",
    )
    officer = client_for(Role.LA_OFFICER)
    assert "SCHOOL-COMMENT" not in officer.get(family_case.get_absolute_url()).content.decode()
    url = reverse("feedback:request", args=[family_case.reference])
    assert officer.post(url).status_code == 403
    staff_page = client_for(Role.SERVICE_MANAGER).get(family_case.get_absolute_url())
    assert "SCHOOL-COMMENT" in staff_page.content.decode()


def test_another_providers_staff_cannot_ask_for_feedback(world, family_case):
    closed(world, family_case)
    stranger = Client()
    stranger.force_login(world.stranger.user)
    url = reverse("feedback:request", args=[family_case.reference])
    assert stranger.post(url).status_code == 404
    assert mail.outbox == []


def test_family_parties_sharing_an_address_get_one_email(world, family_case):
    family_case.parties.create(role="young_person", name="Young Person", email=PARENT_ADDRESS)
    closed(world, family_case)
    assert ask(family_case) == 3
    assert [m.to for m in mail.outbox].count([PARENT_ADDRESS]) == 1
    message = next(m for m in family_case.messages.all() if PARENT_ADDRESS in m.to)
    assert "feedback" in message.subject.lower() or "how did we do" in message.subject.lower()
