"""Settings for more than one machine: replica, object storage and shared cache by environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _settings(**env: str) -> dict:
    script = (
        "import json, accord.config.settings as s;"
        "print(json.dumps({'storage': s.STORAGES['default'], 'cache': s.CACHES['default'],"
        " 'databases': sorted(s.DATABASES), 'replica': s.DATABASES.get('replica', {}),"
        " 'default_options': s.DATABASES['default'].get('OPTIONS', {}),"
        " 'routers': s.DATABASE_ROUTERS}, default=str))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DATABASE_"))}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_local_defaults():
    found = _settings()
    # Files encrypted at rest on the local file system (accord.cases.encrypted_storage).
    assert (
        found["storage"]["BACKEND"] == "accord.cases.encrypted_storage.EncryptedFileSystemStorage"
    )
    assert found["cache"]["BACKEND"].endswith("LocMemCache")
    assert found["databases"] == ["default"]
    assert found["routers"] == ["accord.reports.routing.ReplicaRouter"]


def test_a_replica_url_adds_the_replica_alias():
    found = _settings(
        DATABASE_URL="postgres://accord@primary:5432/accord",
        DATABASE_REPLICA_URL="postgres://accord@replica:5432/accord",
    )
    assert found["databases"] == ["default", "replica"]
    assert found["replica"]["HOST"] == "replica"
    assert found["replica"]["TEST"] == {"MIRROR": "default"}


@pytest.mark.parametrize(
    ("switch", "prepared"),
    [
        ({}, False),
        ({"DATABASE_PREPARED_STATEMENTS": "0"}, False),
        ({"DATABASE_PREPARED_STATEMENTS": "1"}, True),
    ],
)
def test_postgresql_prepares_repeated_statements_when_turned_on(switch, prepared):
    # Server-side binding: psycopg prepares a statement after its fifth run on a connection
    # (docs/performance.md, "Prepared statements and rows drawn once"); off by default.
    found = _settings(
        DATABASE_URL="postgres://accord@primary:5432/accord",
        DATABASE_REPLICA_URL="postgres://accord@replica:5432/accord",
        **switch,
    )
    assert found["default_options"].get("server_side_binding", False) is prepared
    assert found["default_options"].get("prepare_threshold") == (5 if prepared else None)
    assert ("plan_cache_mode=force_custom_plan" in found["default_options"].get("options", "")) is (
        prepared
    )
    assert found["replica"].get("OPTIONS", {}).get("server_side_binding", False) is prepared


def test_options_given_in_the_url_are_kept_beside_custom_plans():
    found = _settings(
        DATABASE_URL="postgres://accord@primary:5432/accord?options=-c%20search_path%3Daccord",
        DATABASE_PREPARED_STATEMENTS="1",
    )
    assert found["default_options"]["options"] == (
        "-c search_path=accord -c plan_cache_mode=force_custom_plan"
        " -c max_parallel_workers_per_gather=0"
    )


def test_parallel_workers_are_off_unless_allowed():
    url = "postgres://accord@primary:5432/accord"
    assert _settings(DATABASE_URL=url)["default_options"]["options"] == (
        "-c max_parallel_workers_per_gather=0"
    )
    allowed = _settings(DATABASE_URL=url, DATABASE_PARALLEL_WORKERS="2")
    assert allowed["default_options"]["options"] == "-c max_parallel_workers_per_gather=2"


def test_sqlite_has_no_server_side_binding():
    assert "server_side_binding" not in _settings()["default_options"]


def test_object_storage_for_media():
    found = _settings(
        ACCORD_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="accord-files",
        AWS_S3_ENDPOINT_URL="https://objects.example.net",
    )
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["bucket_name"] == "accord-files"
    assert found["storage"]["OPTIONS"]["default_acl"] == "private"


def test_the_s3_backend_can_be_built(settings):
    from storages.backends.s3 import S3Storage

    storage = S3Storage(bucket_name="accord-files", endpoint_url="http://127.0.0.1:9")
    assert storage.bucket_name == "accord-files"


@pytest.mark.parametrize(
    ("url", "backend"),
    [("redis://cache:6379/0", "RedisCache"), ("db", "DatabaseCache"), ("", "LocMemCache")],
)
def test_shared_cache(url, backend):
    assert _settings(ACCORD_CACHE_URL=url)["cache"]["BACKEND"].endswith(backend)


def test_an_unknown_storage_is_refused():
    script = "import accord.config.settings"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "ACCORD_MEDIA_STORAGE": "floppy"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ACCORD_MEDIA_STORAGE" in result.stderr
