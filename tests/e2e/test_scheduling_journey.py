"""The scheduling assistant in the browser (issue 13, "Done means"): a coordinator asks for
times, sends three, the family (by their emailed link, no account) and the LA officer (signed
in) each pick, the mediator picks, and the meeting is booked with notice recorded and the
invitations sent. Screenshots under test-output/scheduling/.
"""

from __future__ import annotations

import re
from datetime import time

import pytest
from django.core import mail

from accord import rules
from accord.cases.choices import PartyRole
from accord.meetings.models import Diary, Meeting, WorkingHours
from accord.organisations.roles import Role
from tests.browser import needs_chromium, screenshot
from tests.e2e.test_casework_journeys import sign_in
from tests.meetings.conftest import add_party, make_case

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    from tests.conftest import World

    return World()


def _link_for(address: str) -> str:
    message = next(m for m in mail.outbox if m.to == [address] and "Choose times" in m.subject)
    found = re.search(r"https?://\S+/meeting-times/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_three_times_sent_each_party_picks_and_the_meeting_is_booked(
    page, live_server, people, deliver_outbox, settings
):
    settings.ACCORD_BASE_URL = live_server.url
    today = rules.today_in_england()
    case = make_case(people, la_notified_on=today)
    mediator = people.user(Role.MEDIATOR)
    case.mediator = mediator
    case.save()
    officer = people.user(Role.LA_OFFICER)
    add_party(
        people,
        case,
        PartyRole.LA_OFFICER,
        "Pat Officer",
        officer.email,
        has_authority_to_settle=True,
    )
    diary = Diary.objects.create(
        provider=people.provider, person=mediator, kind="mediator", most_per_day=1, most_per_week=5
    )
    for weekday in range(5):
        WorkingHours.objects.create(diary=diary, weekday=weekday, starts=time(9), ends=time(17))

    sign_in(page, live_server, people.user(Role.COORDINATOR))
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("^Find a time")).click()
    page.wait_for_url(re.compile(r"/meetings/times/"))
    boxes = page.locator("input[name=times]")
    for i in range(3):
        boxes.nth(i).check()
    page.get_by_label("Link to join online").fill("https://meet.example.com/abc")
    screenshot(page, "scheduling", "01-times-chosen")
    page.get_by_role("button", name="Send these times").click()
    assert page.get_by_text("Times sent.").is_visible()
    deliver_outbox()

    # The family, by the link in their email: no account.
    family = page.context.browser.new_context().new_page()
    family.goto(_link_for("jo.parent@example.com"))
    family.locator("input[name=picks]").nth(1).check()
    family.locator("input[name=picks]").nth(2).check()
    screenshot(family, "scheduling", "02-family-picks")
    family.get_by_role("button", name="Send my answer").click()
    assert family.get_by_text("Your answer for case").is_visible()

    # The mediator, by their link.
    family.goto(_link_for(mediator.email))
    for i in range(3):
        family.locator("input[name=picks]").nth(i).check()
    family.get_by_role("button", name="Send my answer").click()
    family.context.close()

    # The LA officer, signed in, from the case page.
    page = page.context.browser.new_context().new_page()
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name="Choose the times you can make").click()
    page.locator("input[name=picks]").nth(2).check()
    screenshot(page, "scheduling", "03-officer-picks")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_url(re.compile(r"/cases/KM-"))

    meeting = Meeting.objects.get(case=case)
    assert meeting.notice_sent_on == today
    assert rules.notice_is_sufficient(today, rules.date_in_england(meeting.starts_at))
    assert meeting.starts_at == case.proposal_rounds.get().times.all()[2].starts_at
    mail.outbox.clear()
    deliver_outbox()
    invited = {m.to[0] for m in mail.outbox if m.attachments}
    assert {"jo.parent@example.com", officer.email, mediator.email} <= invited
    page.reload()
    assert page.get_by_text("Enough notice").is_visible()
    screenshot(page, "scheduling", "04-booked")
