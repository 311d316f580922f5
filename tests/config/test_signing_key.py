"""The signing key (issue 11, section 6): made per installation for local use, never a fixed
string; `check --deploy` fails on a known or weak key."""

from __future__ import annotations

import secrets
import stat

import pytest
from cryptography.fernet import Fernet

from accord.config.signing_key import local_signing_key
from accord.ops.checks import check_signing_key, is_weak
from tests.config.test_settings import run_manage, seal_env


def test_a_local_key_is_made_once_readable_only_by_its_owner(tmp_path):
    path = tmp_path / "var" / "secret_key"
    first = local_signing_key(path)
    assert len(first) >= 80
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_signing_key(path) == first
    assert local_signing_key(tmp_path / "other" / "secret_key") != first
    assert not is_weak(first)


def test_local_settings_use_the_installation_key_not_a_fixed_string(tmp_path):
    path = tmp_path / "secret_key"
    shown = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_manage("shell", "-c", shown, ACCORD_SECRET_KEY_FILE=str(path))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1] == path.read_text().strip()
    assert "local-development-only" not in first.stdout
    again = run_manage("shell", "-c", shown, ACCORD_SECRET_KEY_FILE=str(path))
    assert again.stdout == first.stdout


@pytest.mark.parametrize(
    "key",
    [
        "local-development-only-not-secret-" + "x" * 40,
        "django-insecure-" + secrets.token_urlsafe(40),
        "short",
        "ab" * 40,
    ],
)
def test_a_known_or_weak_key_is_an_error(settings, key):
    settings.SECRET_KEY = key
    assert [m.id for m in check_signing_key()] == ["accord.E001"]


def test_check_deploy_fails_on_the_old_fixed_key():
    result = run_manage(
        "check",
        "--deploy",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY="local-development-only-not-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **seal_env(),
    )
    assert result.returncode != 0
    assert "accord.E001" in result.stderr + result.stdout
