"""Two-factor sign-in (issue 11, section 2): with ACCORD_REQUIRE_MFA on, a password alone reaches
only the second-factor pages; an authenticator app (TOTP) or a single-use recovery code completes
the sign-in; a service manager can reset a colleague's second factor, and the reset is recorded."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.organisations.roles import Role
from accord.organisations.second_factor import devices
from tests.markup import parse

R = Role
PASSWORD = "a-long-test-password"


@pytest.fixture
def mfa_on(settings):
    settings.ACCORD_REQUIRE_MFA = True


def code_for(device: TOTPDevice, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + step_offset * device.step
    return f"{totp.token():06d}"


def signed_in_with_password(user) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def set_up_app(client: Client) -> tuple[TOTPDevice, list[str]]:
    client.get(reverse("second_factor_set_up"))
    device = TOTPDevice.objects.get(user_id=client.session["_auth_user_id"])
    response = client.post(reverse("second_factor_set_up"), {"code": code_for(device)})
    assert response.status_code == 302
    page = client.get(response["Location"])
    listed = parse(page.content).find(class_="accord-recovery-codes")
    codes = [li.text.strip() for li in listed.find_all("li")]
    return device, codes


def with_app(user) -> tuple[TOTPDevice, list[str]]:
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, devices.new_recovery_codes(user)


@pytest.mark.parametrize("role", [R.COORDINATOR, R.LA_OFFICER, R.SERVICE_MANAGER, R.MEDIATOR])
def test_a_password_alone_reaches_only_the_set_up_page_the_first_time(world, mfa_on, role):
    client = signed_in_with_password(world.user(role))
    for page in [reverse("start"), reverse("cases:caseload"), reverse("password_change")]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(reverse("second_factor_set_up"))
    page = client.get(reverse("second_factor_set_up"))
    assert page.status_code == 200
    image = parse(page.content).find("img")
    assert image.get("src").startswith("data:image/svg+xml;base64,")


def test_setting_up_the_app_shows_recovery_codes_once_and_opens_the_service(world, mfa_on):
    client = signed_in_with_password(world.user(R.COORDINATOR))
    device, codes = set_up_app(client)
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=device.user).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:caseload")).status_code == 200
    again = client.get(reverse("second_factor_recovery_codes")).content.decode()
    assert not any(code in again for code in codes)
    assert "10 recovery codes left" in again


def test_a_wrong_set_up_code_is_refused_with_an_error_summary_and_saves_nothing(world, mfa_on):
    client = signed_in_with_password(world.user(R.COORDINATOR))
    client.get(reverse("second_factor_set_up"))
    response = client.post(reverse("second_factor_set_up"), {"code": "000000x"})
    assert response.status_code == 200
    summary = parse(response.content).find(class_="govuk-error-summary")
    assert summary.find("a").get("href") == "#id_code"
    assert "The code is not right" in summary.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticToken.objects.exists()
    assert client.get(reverse("cases:caseload")).status_code == 302


def test_a_later_sign_in_asks_for_the_code_and_returns_to_the_page_asked_for(
    world, mfa_on, settings
):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    user = world.user(R.COORDINATOR)
    device, _ = with_app(user)
    client = signed_in_with_password(user)
    response = client.get(reverse("cases:caseload"))
    assert response["Location"] == reverse("second_factor") + "?next=%2Fcases%2F"
    assert client.get(reverse("second_factor_set_up"))["Location"] == reverse("second_factor")
    wrong = client.post(reverse("second_factor"), {"code": "123", "next": "/cases/"})
    assert "The code is not right" in wrong.content.decode()
    right = client.post(reverse("second_factor"), {"code": code_for(device), "next": "/cases/"})
    assert right["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200


def test_the_next_page_must_be_on_this_site(world, mfa_on):
    user = world.user(R.COORDINATOR)
    device, _ = with_app(user)
    client = signed_in_with_password(user)
    data = {"code": code_for(device), "next": "https://evil.example/"}
    assert client.post(reverse("second_factor"), data)["Location"] == reverse("start")


def test_an_app_code_cannot_be_used_twice(world, mfa_on):
    user = world.user(R.COORDINATOR)
    device, _ = with_app(user)
    code = code_for(device)
    first = signed_in_with_password(user)
    assert first.post(reverse("second_factor"), {"code": code}).status_code == 302
    second = signed_in_with_password(user)
    assert second.post(reverse("second_factor"), {"code": code}).status_code == 200


def test_a_recovery_code_works_once(world, mfa_on):
    user = world.user(R.COORDINATOR)
    _, codes = with_app(user)
    client = signed_in_with_password(user)
    typed = codes[0].upper()[:4] + " " + codes[0].upper()[4:]  # as someone might type it
    response = client.post(reverse("second_factor"), {"code": typed}, follow=True)
    assert "You used a recovery code. You have 9 left" in response.content.decode()
    assert client.get(reverse("cases:caseload")).status_code == 200
    again = signed_in_with_password(user)
    assert again.post(reverse("second_factor"), {"code": codes[0]}).status_code == 200
    assert again.get(reverse("cases:caseload")).status_code == 302


def test_many_wrong_codes_are_throttled(world, mfa_on):
    user = world.user(R.COORDINATOR)
    device, _ = with_app(user)
    client = signed_in_with_password(user)
    for _ in range(3):
        client.post(reverse("second_factor"), {"code": "000000"})
    response = client.post(reverse("second_factor"), {"code": code_for(device)})
    assert response.status_code == 200
    assert "too many wrong codes" in response.content.decode()


def test_public_and_family_pages_stay_open_before_the_second_factor(world, mfa_on):
    client = signed_in_with_password(world.user(R.COORDINATOR))
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("family:sign_in")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_the_django_admin_needs_the_second_factor_too(world, mfa_on):
    user = world.user(R.SERVICE_MANAGER)
    user.is_staff = True
    user.save()
    client = signed_in_with_password(user)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("second_factor_set_up"))


def test_without_the_setting_a_password_is_enough(world, settings):
    settings.ACCORD_REQUIRE_MFA = False
    client = signed_in_with_password(world.user(R.COORDINATOR))
    assert client.get(reverse("cases:caseload")).status_code == 200


def test_new_recovery_codes_replace_the_old_ones(world, mfa_on):
    user = world.user(R.COORDINATOR)
    client = signed_in_with_password(user)
    _, old = set_up_app(client)
    response = client.post(reverse("second_factor_recovery_codes"), follow=True)
    html = response.content.decode()
    new = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == 10
    assert all(code in html for code in new)
    assert not set(old) & set(new)


# --- a service manager resets a colleague's second factor -----------------------------------


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_matrix_for_the_reset_pages(world, client_for, role):
    client = client_for(role)
    colleague = world.user(R.MEDIATOR)
    with_app(colleague)
    listing = client.get(reverse("second_factor_people"))
    reset = client.post(reverse("second_factor_reset", args=[colleague.pk]))
    allowed = role == R.SERVICE_MANAGER
    assert listing.status_code == (200 if allowed else 403)
    assert reset.status_code == (302 if allowed else 403)
    assert devices.has_second_factor(colleague) is (not allowed)


def test_a_reset_is_recorded_and_the_colleague_sets_up_again(world, client_for, mfa_on):
    manager = world.user(R.SERVICE_MANAGER)
    with_app(manager)
    colleague = world.user(R.COORDINATOR)
    device, codes = with_app(colleague)
    colleague_client = signed_in_with_password(colleague)
    colleague_client.post(reverse("second_factor"), {"code": code_for(device)})
    assert colleague_client.get(reverse("cases:caseload")).status_code == 200

    manager_client = client_for(R.SERVICE_MANAGER)
    session = manager_client.session
    session["otp_device_id"] = TOTPDevice.objects.get(user=manager).persistent_id
    session.save()
    response = manager_client.post(reverse("second_factor_reset", args=[colleague.pk]))
    assert response.status_code == 302

    entry = LogEntry.objects.get(object_id=str(colleague.pk))
    assert entry.user == manager
    assert entry.change_message.startswith("Second factor reset")
    assert entry.action_time is not None
    assert not StaticToken.objects.filter(token__in=codes).exists()
    # The colleague's verified session no longer counts: a new app must be set up.
    moved = colleague_client.get(reverse("cases:caseload"))
    assert moved["Location"].startswith(reverse("second_factor_set_up"))
    listing = manager_client.get(reverse("second_factor_people")).content.decode()
    assert f"by {manager}" in listing


def test_a_manager_cannot_reset_someone_of_another_provider_or_themselves(world, client_for):
    manager = world.user(R.SERVICE_MANAGER)
    with_app(manager)
    stranger = world.stranger.user
    with_app(stranger)
    client = client_for(R.SERVICE_MANAGER)
    assert client.post(reverse("second_factor_reset", args=[stranger.pk])).status_code == 404
    assert devices.has_second_factor(stranger)
    own = client.post(reverse("second_factor_reset", args=[manager.pk]), follow=True)
    assert "Another service manager must reset" in own.content.decode()
    assert devices.has_second_factor(manager)
    assert not LogEntry.objects.exists()


def test_the_reset_page_takes_only_a_post(world, client_for):
    colleague = world.user(R.MEDIATOR)
    url = reverse("second_factor_reset", args=[colleague.pk])
    assert client_for(R.SERVICE_MANAGER).get(url).status_code == 405


@pytest.mark.parametrize(("role", "offered"), [(R.SERVICE_MANAGER, True), (R.COORDINATOR, False)])
def test_the_account_page_offers_the_reset_page_only_to_managers(world, mfa_on, role, offered):
    client = signed_in_with_password(world.user(role))
    set_up_app(client)
    html = client.get(reverse("cases:caseload")).content.decode()
    assert reverse("second_factor_recovery_codes") in html
    page = client.get(reverse("second_factor_recovery_codes")).content.decode()
    assert (reverse("second_factor_people") in page) is offered


def test_a_right_code_straight_after_a_wrong_one_at_set_up_is_not_called_wrong(world, mfa_on):
    """django-otp checks nothing for a moment after a wrong code; the set-up page says so
    instead of telling the person their right code is wrong, and saves nothing."""
    client = signed_in_with_password(world.user(R.COORDINATOR))
    client.get(reverse("second_factor_set_up"))
    device = TOTPDevice.objects.get(user_id=client.session["_auth_user_id"])
    client.post(reverse("second_factor_set_up"), {"code": "000000"})
    response = client.post(reverse("second_factor_set_up"), {"code": code_for(device)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "too many wrong codes" in page and "The code is not right" not in page
    device.refresh_from_db()
    assert device.confirmed is False
