"""ACCORD_REQUIRE_MFA is on by default in production, off for local use and the demo unless set."""

from __future__ import annotations

import secrets

from cryptography.fernet import Fernet

from tests.config.test_settings import run_manage, seal_env

SHOW = "from django.conf import settings; print('MFA', settings.ACCORD_REQUIRE_MFA)"


def test_production_requires_the_second_factor_by_default():
    result = run_manage(
        "shell",
        "-c",
        SHOW,
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **seal_env(),
    )
    assert result.returncode == 0, result.stderr
    assert "MFA True" in result.stdout


def test_local_use_does_not_unless_asked():
    assert "MFA False" in run_manage("shell", "-c", SHOW).stdout
    assert "MFA True" in run_manage("shell", "-c", SHOW, ACCORD_REQUIRE_MFA="1").stdout


def test_probes_are_not_redirected_to_https_in_production():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECURE_REDIRECT_EXEMPT)",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **seal_env(),
    )
    assert "^healthz$" in result.stdout
    assert "^readyz$" in result.stdout
