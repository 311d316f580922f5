"""Accord's one settings module.

Every value comes from an environment variable with a safe default for local use (SQLite, console
email, no debug unless asked). Production sets ACCORD_ENV=production and real secrets; see
docs/deploy.md.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from accord.config.signing_key import local_signing_key
from accord.ops.error_reporting import init_error_reporting

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("ACCORD_ENV", "local") == "production"
DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
    # Local use: a key made for this installation and kept under var/ (accord.config.signing_key).
    SECRET_KEY = local_signing_key(
        Path(env("ACCORD_SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret_key")))
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_q",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accord.govuk",
    "accord.organisations",
    "accord.cases",
    "accord.meetings",
    "accord.documents",
    "accord.portal",
    "accord.family",
    "accord.notifications",
    "accord.reminders",
    "accord.reports",
    "accord.api",
    "accord.inbound",
    "accord.imports",
    "accord.ops",
    "accord.privacy",
    "accord.demo",
]

MIDDLEWARE = [
    "accord.ops.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "accord.organisations.branding.RequestAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accord.organisations.middleware.IdleTimeoutMiddleware",
    "axes.middleware.AxesMiddleware",
    "accord.organisations.second_factor.middleware.SecondFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "accord.ops.headers.PrivacyHeadersMiddleware",
]

ROOT_URLCONF = "accord.config.urls"
WSGI_APPLICATION = "accord.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "accord" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.organisations.context_processors.service",
                "accord.organisations.context_processors.navigation",
            ],
        },
    },
]

# Django's own form renderer, with selects drawn in Python (accord.govuk.renderers).
FORM_RENDERER = "accord.govuk.renderers.GovukFormRenderer"

# Database: SQLite file by default; PostgreSQL (production) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'accord.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )


PREPARE_AFTER = 5  # runs of a statement on one connection; psycopg's own default
# Every run of a prepared statement planned for its own values: PostgreSQL's generic plans were
# measured up to five times slower for one large provider (docs/performance.md).
CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan"


def prepared_statements(database: dj_database_url.DBConfig) -> None:
    """DATABASE_PREPARED_STATEMENTS=1: statements prepared on each connection (docs/performance.md,
    "Prepared statements and rows drawn once"). With server-side binding psycopg prepares a
    statement after its fifth run on a connection, so PostgreSQL parses and analyses it once per
    connection, not per request; each run is still planned for its own values (CUSTOM_PLANS).
    Off by default: measured at 1,000,000 cases it made no difference beyond the machine's noise,
    and it asks more of a pooler in front of the database (docs/deploy.md)."""
    if database["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", default=False
    ):
        options = database.setdefault("OPTIONS", {})
        # Django turns psycopg's preparing off unless asked (for poolers): asked here.
        options.update({"server_side_binding": True, "prepare_threshold": PREPARE_AFTER})
        options["options"] = " ".join(filter(None, [options.get("options"), CUSTOM_PLANS]))


prepared_statements(DATABASES["default"])


def one_process_per_query(database: dj_database_url.DBConfig) -> None:
    """DATABASE_PARALLEL_WORKERS (default 0): how many extra processes PostgreSQL may start to
    run one query. Off by default: on a 2-core machine shared by the web workers, the processes
    a parallel plan starts cost more than they save, for a deep caseload page three times its
    plain plan (docs/performance.md, "One process per query"). A database server with cores to
    spare can allow some."""
    if database["ENGINE"] == "django.db.backends.postgresql":
        workers = int(env("DATABASE_PARALLEL_WORKERS", "0"))
        options = database.setdefault("OPTIONS", {})
        setting = f"-c max_parallel_workers_per_gather={workers}"
        options["options"] = " ".join(filter(None, [options.get("options"), setting]))


one_process_per_query(DATABASES["default"])

# A read replica for reports (docs/deploy.md, "Scaling beyond one machine"): when
# DATABASE_REPLICA_URL is set, report selectors read from it (accord.reports.routing); every
# write and all casework stay on the primary. In tests it mirrors the default database.
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    prepared_statements(DATABASES["replica"])
    one_process_per_query(DATABASES["replica"])
DATABASE_ROUTERS = ["accord.reports.routing.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisations.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's password check; the person read with their memberships (one query a request).
    "accord.organisations.backends.PasswordAndMemberships",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-ins (django-axes, accord.organisations.sign_in_limits): an account from an address is
# locked after 5 for 30 minutes; an address across accounts is slowed after 10, blocked after 30.
ACCORD_LOGIN_FAILURE_LIMIT = int(env("ACCORD_LOGIN_FAILURE_LIMIT", "5"))
ACCORD_LOGIN_ADDRESS_FAILURE_LIMIT = int(env("ACCORD_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
ACCORD_LOGIN_ADDRESS_SLOW_AFTER = int(env("ACCORD_LOGIN_ADDRESS_SLOW_AFTER", "10"))
ACCORD_LOGIN_ADDRESS_SLOW_SECONDS = float(env("ACCORD_LOGIN_ADDRESS_SLOW_SECONDS", "2"))
AXES_FAILURE_LIMIT = "accord.organisations.sign_in_limits.failure_limit"
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# The sign-in form's field is "username" (holding the email address); axes would otherwise look
# for the user model's USERNAME_FIELD ("email"), find nothing, and lock no one by name.
AXES_USERNAME_FORM_FIELD = "username"
# Cleared by accord.organisations.sign_in_limits for the account alone, not the whole address.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("ACCORD_AXES_ENABLED", default=True)

# Two-factor sign-in (accord.organisations.second_factor, docs/deploy.md "Two-factor sign-in"):
# on, a staff or officer account signed in with a password alone reaches only the second-factor
# pages. On by default in production; off for the demo and local use unless set.
ACCORD_REQUIRE_MFA = env_bool("ACCORD_REQUIRE_MFA", default=PRODUCTION)
ACCORD_RECOVERY_CODES = int(env("ACCORD_RECOVERY_CODES", "10"))
OTP_TOTP_ISSUER = env("ACCORD_SERVICE_NAME", "Accord")

# Staff sessions end after 30 idle minutes and when the browser closes.
ACCORD_IDLE_TIMEOUT_SECONDS = int(env("ACCORD_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "accord" / "static"]
# Locally, WhiteNoise serves straight from the app folders; production runs collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = Path(env("ACCORD_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# Uploaded and issued files: the local disk by default; S3-compatible object storage
# (django-storages) when several machines serve Accord: ACCORD_MEDIA_STORAGE=s3 with
# AWS_STORAGE_BUCKET_NAME, and AWS_S3_ENDPOINT_URL / AWS_S3_REGION_NAME as the provider needs.
# Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
ACCORD_MEDIA_STORAGE = env("ACCORD_MEDIA_STORAGE", "filesystem")
if ACCORD_MEDIA_STORAGE == "s3":
    MEDIA_STORAGE: dict[str, object] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env("AWS_S3_REGION_NAME") or None,
            # Files are private: downloads go through views that check access; any URL the
            # storage hands out is signed and expires after 5 minutes.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }
elif ACCORD_MEDIA_STORAGE == "filesystem":
    # Files encrypted at rest with ACCORD_ENCRYPTION_KEYS (docs/data-protection.md); in S3 the
    # bucket's server-side encryption does it.
    MEDIA_STORAGE = {"BACKEND": "accord.cases.encrypted_storage.EncryptedFileSystemStorage"}
else:
    raise ImproperlyConfigured("ACCORD_MEDIA_STORAGE must be 'filesystem' or 's3'")
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Cache: in each process by default; shared by every web process when several run:
# ACCORD_CACHE_URL=redis://host:6379/0 (needs the redis package) or ACCORD_CACHE_URL=db
# (a table made by `manage.py createcachetable`). Sessions are in the database already.
ACCORD_CACHE_URL = env("ACCORD_CACHE_URL")
CACHES: dict[str, dict[str, Any]]
if ACCORD_CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ACCORD_CACHE_URL,
        }
    }
elif ACCORD_CACHE_URL == "db":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "accord_cache",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Forms drawn once and kept in each process's memory (accord.govuk.forms.drawing_key): only
# markup that follows from the form's own values and choices, never a person's data beyond them.
CACHES["drawn_forms"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "drawn-forms",
    "TIMEOUT": 3600,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Accord <no-reply@accord.localhost>")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
# GOV.UK Notify (docs/notifications.md): texts and letters always go through it once the key is
# set (without a key they are written to the console, as local email is); email goes through it
# when ACCORD_EMAIL_VIA=notify, else through EMAIL_BACKEND (SMTP, the console).
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY")
GOVUK_NOTIFY_BASE_URL = env("GOVUK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = env("GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID")
GOVUK_NOTIFY_PLAIN_TEXT_TEMPLATE_ID = env("GOVUK_NOTIFY_PLAIN_TEXT_TEMPLATE_ID")
# A template of its own for a kind of message and a channel: "kind:channel=template-id", comma
# separated (e.g. certificate_issued:text=…); a kind without one uses the plain template.
GOVUK_NOTIFY_TEMPLATE_IDS: dict[str, str] = dict(
    item.strip().split("=", 1) for item in env_list("GOVUK_NOTIFY_TEMPLATE_IDS") if "=" in item
)
GOVUK_NOTIFY_EMAIL_REPLY_TO_ID = env("GOVUK_NOTIFY_EMAIL_REPLY_TO_ID")
# The bearer token Notify sends with each delivery receipt to /messages/notify/callback/ (set the
# same in Notify's API integration settings); empty: the callback refuses every request and the
# statuses are polled instead.
GOVUK_NOTIFY_CALLBACK_TOKEN = env("GOVUK_NOTIFY_CALLBACK_TOKEN")
ACCORD_EMAIL_VIA = env("ACCORD_EMAIL_VIA", "django")  # "django" (EMAIL_BACKEND) or "notify"
if ACCORD_EMAIL_VIA not in {"django", "notify"}:
    raise ImproperlyConfigured("ACCORD_EMAIL_VIA must be 'django' or 'notify'")

# Notifications (accord.notifications): the outbox, its retries, reminders and digests.
ACCORD_BASE_URL = env("ACCORD_BASE_URL", "http://127.0.0.1:8000")  # links in messages
ACCORD_EMAIL_ATTACHMENTS = env_bool("ACCORD_EMAIL_ATTACHMENTS", default=True)
ACCORD_OUTBOX_MAX_ATTEMPTS = int(env("ACCORD_OUTBOX_MAX_ATTEMPTS", "5"))
ACCORD_OUTBOX_RETRY_SECONDS = int(env("ACCORD_OUTBOX_RETRY_SECONDS", "60"))  # doubles each time
# Deadline reminders go this many working days before each clock falls due (0: on the day).
ACCORD_REMINDER_WORKING_DAYS_BEFORE = [
    int(n) for n in env_list("ACCORD_REMINDER_WORKING_DAYS_BEFORE", "2,0")
]
ACCORD_REMINDERS_FROM_HOUR = int(env("ACCORD_REMINDERS_FROM_HOUR", "7"))  # local time
# A request that queues a message asks a worker to send it once the change is saved; off, messages
# wait for the outbox's schedule (every minute).
ACCORD_OUTBOX_SEND_PROMPTLY = env_bool("ACCORD_OUTBOX_SEND_PROMPTLY", default=True)

# The API (accord.api, docs/api.md): bearer tokens of API clients only (no session, so no CSRF),
# JSON in and out, errors as problem documents, a rate per client.
ACCORD_API_RATE = env("ACCORD_API_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["accord.api.auth.ClientTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["accord.api.auth.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["accord.api.auth.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_client": ACCORD_API_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "accord.api.problems.handle_exception",
    # The type is chosen by the Accept header only (no ?format=).
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Accord API",
    "DESCRIPTION": "Referrals in; cases, clocks, certificates, agreed actions, meetings and "
    "events out, for the councils and ICBs that are parties (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"RouteEnum": "accord.cases.choices.Route"},
}
# Webhook deliveries: tried this many times, waiting this long (doubling) between tries.
ACCORD_WEBHOOK_MAX_ATTEMPTS = int(env("ACCORD_WEBHOOK_MAX_ATTEMPTS", "8"))
ACCORD_WEBHOOK_RETRY_SECONDS = int(env("ACCORD_WEBHOOK_RETRY_SECONDS", "60"))
# Only for local development and tests: a webhook address may be plain http.
ACCORD_WEBHOOKS_ALLOW_HTTP = env_bool("ACCORD_WEBHOOKS_ALLOW_HTTP")
# Webhooks go only to public internet addresses (accord.api.addresses); outside production a
# receiver on this machine or the local network is allowed.
ACCORD_WEBHOOKS_ALLOW_PRIVATE = env_bool("ACCORD_WEBHOOKS_ALLOW_PRIVATE", default=not PRODUCTION)

# Background work: django-q2 (docs/decisions.md, docs/deploy.md "The background worker"). Tasks
# wait in the database by default (the ORM broker: SQLite for `make run`, PostgreSQL in
# production); ACCORD_TASK_BROKER=redis with REDIS_URL (and the redis package) moves the queue to
# Redis. Schedules and results stay in the database either way.
ACCORD_TASK_BROKER = env("ACCORD_TASK_BROKER", "orm")
ACCORD_TASK_TIMEOUT = int(env("ACCORD_TASK_TIMEOUT", str(60 * 60)))  # seconds, then stopped
Q_CLUSTER: dict[str, object] = {
    "name": "accord",
    "label": "Background tasks",
    "workers": int(env("ACCORD_WORKERS", "2")),  # processes per `manage.py run_worker`
    "timeout": ACCORD_TASK_TIMEOUT,
    # A task not finished this long after a worker took it is handed out again (a worker died),
    # so it must be longer than the timeout or a running task would start a second time.
    "retry": ACCORD_TASK_TIMEOUT + 5 * 60,
    "max_attempts": 3,  # then the task is recorded as failed (admin: Background tasks)
    # After a stop, a periodic job runs once rather than once for every period missed.
    "catch_up": False,
    "poll": 1,  # seconds between looks at an empty ORM queue
    "save_limit": 250,  # successful results kept; failures are always kept
    # Every task runs inline in the process that queues it: for debugging (the tests do this).
    "sync": env_bool("ACCORD_TASKS_SYNC"),
}
if ACCORD_TASK_BROKER == "orm":
    Q_CLUSTER["orm"] = "default"
elif ACCORD_TASK_BROKER == "redis":
    if not env("REDIS_URL"):
        raise ImproperlyConfigured("ACCORD_TASK_BROKER=redis needs REDIS_URL")
    Q_CLUSTER["redis"] = env("REDIS_URL")
else:
    raise ImproperlyConfigured("ACCORD_TASK_BROKER must be 'orm' or 'redis'")

# One-off bank holidays announced after the `holidays` package release in use, as ISO dates
# separated by commas, e.g. ACCORD_EXTRA_BANK_HOLIDAYS=2027-06-07. Read by accord.rules.
ACCORD_EXTRA_BANK_HOLIDAYS: list[date] = [
    date.fromisoformat(d) for d in env_list("ACCORD_EXTRA_BANK_HOLIDAYS")
]

ACCORD_SERVICE_NAME = env("ACCORD_SERVICE_NAME", "Accord")
ACCORD_PHASE = env("ACCORD_PHASE", "beta")
ACCORD_DEMO = env_bool("ACCORD_DEMO", default=False)

# Family access (accord.family): the dotted path of a callable that scans each uploaded file and
# returns its verdict; the dotted path of a callable that sends a text message (GOV.UK Notify,
# for example) — empty: families sign in by email only.
ACCORD_UPLOAD_SCANNER = env("ACCORD_UPLOAD_SCANNER", "accord.cases.uploads.accept_without_scanning")

# The provider's seal on signed statements and agreements (a PAdES signature, accord.documents
# .sealing): the certificate and its private key, PEM files. In production they are the
# provider's own and must be given; for local use a self-signed pair is made on first use under
# var/seal/ (never committed).
ACCORD_SEAL_CERT = env("ACCORD_SEAL_CERT")
ACCORD_SEAL_KEY = env("ACCORD_SEAL_KEY")
ACCORD_SEAL_KEY_PASSWORD = env("ACCORD_SEAL_KEY_PASSWORD")
ACCORD_SEAL_LOCAL_DIR = BASE_DIR / "var" / "seal"
ACCORD_SMS_SENDER = env("ACCORD_SMS_SENDER")

# Mail in (accord.inbound): the SMTP receiver (`manage.py run_mail_receiver`) listens here; each
# email Accord sends has the reply address reply+<token>@ACCORD_INBOUND_DOMAIN (default: the
# domain of DEFAULT_FROM_EMAIL). A hosted mailbox is polled over IMAP (SSL) every
# ACCORD_IMAP_POLL_MINUTES when ACCORD_IMAP_HOST is set.
ACCORD_MAIL_RECEIVER_HOST = env("ACCORD_MAIL_RECEIVER_HOST", "127.0.0.1")
ACCORD_MAIL_RECEIVER_PORT = int(env("ACCORD_MAIL_RECEIVER_PORT", "8025"))
ACCORD_INBOUND_DOMAIN = env(
    "ACCORD_INBOUND_DOMAIN", DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
)
ACCORD_INBOUND_MAX_MESSAGE_BYTES = int(env("ACCORD_INBOUND_MAX_MESSAGE_BYTES", str(30 * 2**20)))
ACCORD_INBOUND_MAX_ATTACHMENT_BYTES = int(
    env("ACCORD_INBOUND_MAX_ATTACHMENT_BYTES", str(10 * 2**20))
)
ACCORD_IMAP_HOST = env("ACCORD_IMAP_HOST")
ACCORD_IMAP_PORT = int(env("ACCORD_IMAP_PORT", "993"))
ACCORD_IMAP_USER = env("ACCORD_IMAP_USER")
ACCORD_IMAP_PASSWORD = env("ACCORD_IMAP_PASSWORD")
ACCORD_IMAP_MAILBOX = env("ACCORD_IMAP_MAILBOX", "INBOX")
ACCORD_IMAP_POLL_MINUTES = int(env("ACCORD_IMAP_POLL_MINUTES", "2"))


def _local_encryption_key() -> str:
    """Local use only: a key made once per checkout and kept under var/ (never committed)."""
    path = BASE_DIR / "var" / "encryption.key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(Fernet.generate_key())
        path.chmod(0o600)
    return path.read_text().strip()


# Special-category free text is encrypted at rest (accord.cases.encrypted, docs/data-protection.md):
# Fernet keys, comma-separated; the first encrypts, all decrypt (rotation: `manage.py rotate_keys`).
ACCORD_ENCRYPTION_KEYS = env_list("ACCORD_ENCRYPTION_KEYS")
if not ACCORD_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("ACCORD_ENCRYPTION_KEYS must be set in production")
    ACCORD_ENCRYPTION_KEYS = [_local_encryption_key()]

if PRODUCTION and not (ACCORD_SEAL_CERT and ACCORD_SEAL_KEY):
    raise ImproperlyConfigured("ACCORD_SEAL_CERT and ACCORD_SEAL_KEY must be set in production")

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Load balancers probe over plain HTTP inside the network (accord.ops).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only,
# no inline script or style; images may also be data: URIs (the two-factor set-up QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
ACCORD_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# /readyz (accord.ops) answers 503 past these limits (docs/deploy.md "Health, metrics and logs").
ACCORD_READY_WORKER_SECONDS = int(env("ACCORD_READY_WORKER_SECONDS", str(5 * 60)))
ACCORD_READY_OUTBOX_BACKLOG = int(env("ACCORD_READY_OUTBOX_BACKLOG", "500"))
ACCORD_READY_OUTBOX_OLDEST_SECONDS = int(env("ACCORD_READY_OUTBOX_OLDEST_SECONDS", str(30 * 60)))
# /metrics: a scraper sends "Authorization: Bearer <token>"; without a token, loopback only.
ACCORD_METRICS_TOKEN = env("ACCORD_METRICS_TOKEN")

# Errors to Sentry (or a compatible service) when its DSN is set; no personal data is sent.
SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    init_error_reporting(
        SENTRY_DSN,
        environment=env("ACCORD_ENV", "local"),
        traces_sample_rate=float(env("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# Logs: JSON lines with the request id by default in production; plain text locally.
ACCORD_LOG_FORMAT = env("ACCORD_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "accord.ops.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "accord.ops.logs.JsonLinesFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if ACCORD_LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": env("ACCORD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint reports each step of every document it lays out at INFO: only problems.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
