"""Signing in without a password: the one-time code and the family session.

Security properties (product.md 'no default passwords', 'repeated failed sign-ins are slowed and
then locked'): the page never says whether an address is on a case; a code is 6 digits, hashed,
single use, short-lived and limited in tries; requests are rate limited per address and per IP.
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord.family import session as family_session
from accord.family import signin
from accord.family.models import SignInCode
from tests.family.conftest import PARENT_EMAIL, code_from_outbox, make_case, sign_in

pytestmark = pytest.mark.django_db


def ask_for_code(client: Client, address: str = PARENT_EMAIL, ip: str = "192.0.2.1"):
    return client.post(reverse("family:sign_in"), {"address": address}, REMOTE_ADDR=ip)


def enter(client: Client, code: str, ip: str = "192.0.2.1"):
    return client.post(reverse("family:enter_code"), {"code": code}, REMOTE_ADDR=ip)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


# --- no account enumeration ----------------------------------------------------------------------


def _main_without_tokens(html: str) -> str:
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_the_answer_is_the_same_whether_or_not_the_address_is_on_a_case(family_case):
    known, unknown = Client(), Client()
    on_case = ask_for_code(known, PARENT_EMAIL)
    not_on_case = ask_for_code(unknown, "nobody@example.com")
    assert on_case.status_code == not_on_case.status_code == 302
    assert on_case["Location"] == not_on_case["Location"] == reverse("family:enter_code")
    page_known = known.get(on_case["Location"]).content.decode()
    page_unknown = unknown.get(not_on_case["Location"]).content.decode()
    assert "If we have a case with the email address you gave" in page_known
    assert _main_without_tokens(page_known) == _main_without_tokens(page_unknown)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [PARENT_EMAIL]


def test_a_wrong_code_for_an_unknown_address_looks_like_any_wrong_code(family_case):
    client = Client()
    ask_for_code(client, "nobody@example.com")
    response = enter(client, "123456")
    assert response.status_code == 400
    assert "That code is not right, or it has run out" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sent"),
    [
        ("parent_carer", True),
        ("young_person", True),
        ("representative", True),
        ("supporter", False),
        ("la_officer", False),
        ("school_staff", False),
    ],
)
def test_only_family_roles_are_sent_a_code(world, role, sent):
    case = make_case(world, email="someone@example.com")
    case.parties.filter(email="someone@example.com").update(role=role)
    ask_for_code(Client(), "someone@example.com")
    assert (len(mail.outbox) == 1) is sent


def test_cases_closed_long_ago_do_not_get_a_code(world):
    today = timezone.localdate()
    make_case(world, email="old@example.com", state="closed", closed_on=today - timedelta(200))
    make_case(world, email="recent@example.com", state="closed", closed_on=today - timedelta(20))
    ask_for_code(Client(), "old@example.com")
    assert mail.outbox == []
    ask_for_code(Client(), "recent@example.com")
    assert len(mail.outbox) == 1


def test_the_address_is_matched_without_regard_to_case_or_spaces(world):
    make_case(world, email="Jo.Turner@Example.com")
    ask_for_code(Client(), "  jo.turner@EXAMPLE.com ")
    assert mail.outbox[0].to == ["jo.turner@example.com"]


def test_an_invalid_address_is_shown_again_with_an_error(family_case):
    response = Client().post(reverse("family:sign_in"), {"address": "not an email"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter an email address in the right format" in html
    assert 'value="not an email"' in html  # input kept


# --- the code ------------------------------------------------------------------------------------


def test_the_code_is_six_digits_and_never_stored_in_plain_text(family_case):
    ask_for_code(Client())
    code = code_from_outbox()
    assert len(code) == 6 and code.isdigit()
    row = SignInCode.objects.get()
    stored = " ".join(str(v) for v in SignInCode.objects.values().get().values())
    assert code not in stored
    assert PARENT_EMAIL not in stored
    assert row.expires_at - row.created_at == timedelta(minutes=15)


def test_the_email_never_names_the_child(family_case):
    ask_for_code(Client())
    message = mail.outbox[0]
    for name in ("Alfie", "Zebedee"):
        assert name not in message.subject and name not in message.body


def test_a_right_code_signs_in_and_cannot_be_replayed(family_case):
    client = Client()
    ask_for_code(client)
    code = code_from_outbox()
    assert enter(client, code)["Location"] == reverse("family:cases")
    assert client.get(reverse("family:case", args=[family_case.reference])).status_code == 200
    # Another browser that saw the same code, on the code page for the same address, cannot use
    # it again.
    replay = Client()
    replay_session = replay.session
    replay_session[family_session.PENDING_KEY] = {"channel": "email", "value": PARENT_EMAIL}
    replay_session.save()
    replay.cookies["sessionid"] = replay_session.session_key
    assert enter(replay, code).status_code == 400
    assert replay.get(reverse("family:cases"))["Location"] == reverse("family:sign_in")


def test_the_code_expires_after_15_minutes(family_case):
    client = Client()
    ask_for_code(client)
    code = code_from_outbox()
    SignInCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert enter(client, code).status_code == 400


def test_five_wrong_tries_invalidate_the_code(family_case):
    client = Client()
    ask_for_code(client)
    code = code_from_outbox()
    for _ in range(signin.WRONG_TRIES_PER_CODE):
        assert enter(client, wrong(code)).status_code == 400
    row = SignInCode.objects.get()
    assert row.failed_attempts == 5 and row.revoked_at is not None
    assert enter(client, code).status_code == 400  # the right code no longer works


def test_a_new_code_replaces_the_old_one(family_case):
    client = Client()
    ask_for_code(client)
    first = code_from_outbox()
    ask_for_code(client)
    second = code_from_outbox()
    if first != second:
        assert enter(client, first).status_code == 400
    assert enter(client, second).status_code == 302


def test_codes_per_address_are_rate_limited_whatever_the_address(family_case):
    for address in (PARENT_EMAIL, "nobody@example.com"):
        client = Client()
        for n in range(signin.CODES_PER_ADDRESS.allowed):
            assert ask_for_code(client, address, ip=f"198.51.100.{n}").status_code == 302
        limited = ask_for_code(client, address, ip="198.51.100.99")
        assert limited.status_code == 429
        assert "Please wait before you try again" in limited.content.decode()


def test_codes_per_ip_are_rate_limited(world):
    for n in range(signin.CODES_PER_IP.allowed):
        assert ask_for_code(Client(), f"person{n}@example.com").status_code == 302
    assert ask_for_code(Client(), "another@example.com").status_code == 429


def test_wrong_codes_are_rate_limited_per_address_across_new_codes(family_case):
    """Asking for new codes does not give endless guesses: 10 wrong codes an hour per address."""
    client = Client()
    guesses = 0
    ips = iter(f"203.0.113.{n}" for n in range(50))
    while guesses < signin.WRONG_CODES_PER_ADDRESS.allowed:
        signin.CODES_PER_ADDRESS.reset(PARENT_EMAIL)
        ask_for_code(client, ip=next(ips))
        code = code_from_outbox()
        for _ in range(min(4, signin.WRONG_CODES_PER_ADDRESS.allowed - guesses)):
            assert enter(client, wrong(code), ip=next(ips)).status_code == 400
            guesses += 1
    signin.CODES_PER_ADDRESS.reset(PARENT_EMAIL)
    ask_for_code(client, ip=next(ips))
    assert enter(client, code_from_outbox(), ip=next(ips)).status_code == 429


def test_wrong_codes_are_rate_limited_per_ip(world):
    client = Client()
    ask_for_code(client, "nobody@example.com")
    for n in range(signin.WRONG_CODES_PER_IP.allowed):
        signin.WRONG_CODES_PER_ADDRESS.reset("nobody@example.com")
        assert enter(client, f"{n:06d}").status_code == 400
    assert enter(client, "999999").status_code == 429


# --- the session ---------------------------------------------------------------------------------


def test_signing_in_gives_a_new_session_key_that_ends_with_the_browser(family_case):
    client = Client()
    ask_for_code(client)
    before = client.session.session_key
    enter(client, code_from_outbox())
    assert client.session.session_key != before
    assert client.session.get_expire_at_browser_close()
    assert client.session[family_session.SESSION_KEY]["emails"] == [PARENT_EMAIL]


def test_the_session_ends_after_30_idle_minutes(family_case):
    client = Client()
    sign_in(client)
    session = client.session
    session[family_session.SESSION_KEY]["last_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("family:cases"))
    assert response["Location"] == reverse("family:sign_in")
    assert family_session.SESSION_KEY not in client.session


def test_activity_keeps_the_session_alive(family_case):
    client = Client()
    sign_in(client)
    session = client.session
    session[family_session.SESSION_KEY]["last_seen"] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(reverse("family:cases")).status_code == 200
    assert client.session[family_session.SESSION_KEY]["last_seen"] >= int(time.time()) - 5


def test_sign_out_ends_the_family_session(family_case):
    client = Client()
    sign_in(client)
    response = client.post(reverse("family:sign_out"))
    assert "You have signed out" in response.content.decode()
    assert client.get(reverse("family:cases"))["Location"] == reverse("family:sign_in")


def test_sign_out_needs_post(family_case):
    client = Client()
    sign_in(client)
    assert client.get(reverse("family:sign_out")).status_code == 405


def test_family_pages_are_not_cached(family_case):
    client = Client()
    sign_in(client)
    response = client.get(reverse("family:case", args=[family_case.reference]))
    assert "no-store" in response["Cache-Control"]


def test_a_family_session_is_not_a_staff_sign_in(family_case):
    client = Client()
    sign_in(client)
    assert client.get(reverse("cases:caseload"))["Location"].startswith(reverse("login"))


# --- text messages (a documented option) ---------------------------------------------------------

SENT_TEXTS: list[tuple[str, str]] = []


def fake_sms_sender(phone: str, message: str) -> None:
    SENT_TEXTS.append((phone, message))


def test_without_a_text_sender_only_email_is_offered(family_case):
    response = Client().post(reverse("family:sign_in"), {"address": "07700 900123"})
    assert response.status_code == 400


def test_with_a_text_sender_a_phone_number_on_the_case_gets_a_code(world, settings):
    settings.ACCORD_SMS_SENDER = "tests.family.test_signin.fake_sms_sender"
    SENT_TEXTS.clear()
    case = make_case(world, email="")
    case.parties.filter(role="parent_carer").update(phone="+44 (0)7700 900-123")
    client = Client()
    assert "mobile phone number" in client.get(reverse("family:sign_in")).content.decode()
    ask_for_code(client, "07700900123")
    assert len(SENT_TEXTS) == 1 and SENT_TEXTS[0][0] == "07700900123"
    code = SENT_TEXTS[0][1][:6]
    assert enter(client, code).status_code == 302
    assert client.get(reverse("family:case", args=[case.reference])).status_code == 200
    assert "Alfie" not in SENT_TEXTS[0][1]


@pytest.mark.parametrize(
    ("typed", "national"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700 900123", "07700900123"),
        ("0044 7700 900 123", "07700900123"),
        ("447700900123", "07700900123"),
        ("(01632) 960 001", "01632960001"),
    ],
)
def test_uk_phone_numbers_are_normalised(typed, national):
    from accord.family.identity import normalise_phone

    assert normalise_phone(typed) == national
