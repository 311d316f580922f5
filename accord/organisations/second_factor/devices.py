"""The second factor of one person: an authenticator app and a set of recovery codes.

django-otp keeps the devices and checks the codes (with its own throttling after wrong codes);
this module decides how Accord uses them: one app per person, ten single-use recovery codes made
when the app is confirmed, and a reset by a service manager that is recorded.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.organisations.models import Provider, User

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RESET_MESSAGE = "Second factor reset"


def has_second_factor(user: User) -> bool:
    """Whether the person has set up an authenticator app (a confirmed TOTP device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def unconfirmed_app(user: User) -> TOTPDevice:
    """The app being set up: made once, so the QR code stays the same if the page is reloaded."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for people who type it instead of scanning."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The set-up QR code as an inline SVG image: drawn here, never by an outside service."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def normalise(code: str) -> str:
    """Codes as typed: spaces and hyphens dropped, letters in lower case."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def confirm_app(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirms the app if the code is right, and makes a fresh set of recovery codes (returned
    to be shown once); None if the code is wrong. Nothing is saved on a wrong code."""
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Any other app left half set up goes: one app per person.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replaces the person's recovery codes with a new set; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.ACCORD_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def check_code(user: User, code: str) -> Device | None:
    """The device that accepts this code: the app first, then a recovery code (used up by the
    check). django-otp throttles each device after wrong codes."""
    token = normalise(code)
    if not token:
        return None
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]
    for device in devices:
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def is_throttled(user: User) -> bool:
    """Whether wrong codes have made django-otp refuse to check the app for now."""
    app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return app is not None and not app.verify_is_allowed()[0]


@transaction.atomic
def reset_second_factor(person: User, *, by: User, provider: Provider) -> LogEntry:
    """A service manager removes a colleague's app and recovery codes (a lost phone): the
    colleague sets up a new app at their next sign-in. Recorded with who, when and for whom."""
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    return LogEntry.objects.create(
        user=by,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person)[:200],
        action_flag=CHANGE,
        change_message=f"{RESET_MESSAGE} (provider: {provider.name})",
    )


def last_resets(people: list[User]) -> dict[int, LogEntry]:
    """The latest reset of each person's second factor, by person id."""
    entries = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_id__in=[str(p.pk) for p in people],
            change_message__startswith=RESET_MESSAGE,
        )
        .select_related("user")
        .order_by("action_time")
    )
    return {int(entry.object_id or 0): entry for entry in entries}
