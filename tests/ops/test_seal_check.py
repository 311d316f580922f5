"""`check --deploy` holds the provider's seal: named, and loading as a certificate and its key."""

from __future__ import annotations

from accord.documents.sealing import make_local_seal
from accord.ops.checks import check_seal


def test_no_sealing_pair_named_is_an_error(settings):
    settings.ACCORD_SEAL_CERT = settings.ACCORD_SEAL_KEY = ""
    assert [m.id for m in check_seal()] == ["accord.E002"]


def test_a_pair_that_does_not_load_is_an_error(settings, tmp_path):
    paths = make_local_seal(tmp_path / "seal")
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    settings.ACCORD_SEAL_CERT, settings.ACCORD_SEAL_KEY = str(paths.cert), str(broken)
    assert [m.id for m in check_seal()] == ["accord.E003"]


def test_the_providers_pair_passes(settings, tmp_path):
    paths = make_local_seal(tmp_path / "seal")
    settings.ACCORD_SEAL_CERT, settings.ACCORD_SEAL_KEY = str(paths.cert), str(paths.key)
    assert check_seal() == []


def test_the_local_pair_is_made_once_with_a_key_only_its_owner_reads(tmp_path):
    first = make_local_seal(tmp_path / "seal")
    assert first.key.stat().st_mode & 0o777 == 0o600
    cert = first.cert.read_bytes()
    assert make_local_seal(tmp_path / "seal").cert.read_bytes() == cert
