"""Settings come from the environment with safe local defaults (style.md #8)."""

from __future__ import annotations

import functools
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet

from accord.documents.sealing import make_local_seal

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def seal_env() -> dict[str, str]:
    """A sealing certificate and key, as the provider's own would be named in production."""
    paths = make_local_seal(Path(tempfile.mkdtemp(prefix="accord-seal-")))
    return {"ACCORD_SEAL_CERT": str(paths.cert), "ACCORD_SEAL_KEY": str(paths.key)}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "ACCORD_", "DATABASE_", "EMAIL_"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_check_with_real_secrets():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        **seal_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_the_sealing_certificate_and_key():
    result = run_manage(
        "check",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode != 0
    assert "ACCORD_SEAL_CERT and ACCORD_SEAL_KEY must be set in production" in result.stderr


def test_check_deploy_fails_on_a_sealing_key_that_cannot_be_read(tmp_path):
    missing = tmp_path / "nothing.pem"
    result = run_manage(
        "check",
        "--deploy",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="accord.example.org",
        ACCORD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ACCORD_SEAL_CERT=seal_env()["ACCORD_SEAL_CERT"],
        ACCORD_SEAL_KEY=str(missing),
    )
    assert result.returncode != 0
    assert "accord.E003" in result.stderr + result.stdout


def test_production_refuses_to_start_without_encryption_keys():
    result = run_manage(
        "check",
        ACCORD_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="x.example",
    )
    assert result.returncode != 0
    assert "ACCORD_ENCRYPTION_KEYS must be set in production" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", ACCORD_ENV="production", DJANGO_ALLOWED_HOSTS="x.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_local_defaults_need_no_server_and_send_no_email():
    result = run_manage("diffsettings", "--all")
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.sqlite3" in result.stdout
    assert "django.core.mail.backends.console.EmailBackend" in result.stdout
    assert "DEBUG = False" in result.stdout
