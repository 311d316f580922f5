"""The provider's seal on signed documents: a PAdES signature made with pyHanko.

A party's own signature is a simple electronic signature (the typed name, the declaration and
the evidence of who signed, Electronic Communications Act 2000 s.7). The seal is the provider's
advanced electronic seal over the finished PDF, evidence page included: any later change to a
byte the seal covers makes it fail validation, so tampering shows (docs/decisions.md, "Signatures
and the provider's seal").

In production the certificate and key are the provider's own, named by ACCORD_SEAL_CERT and
ACCORD_SEAL_KEY (settings refuse to start without them; `check --deploy` checks that they load).
For local use a self-signed pair is made on first use under var/seal/, like the local signing key.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.utils import timezone
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

SEAL_FIELD = "ProviderSeal"
LOCAL_SEAL_NAME = "Accord local sealing certificate (not for live use)"


class SealNotAvailable(Exception):
    """The sealing certificate or key cannot be read."""


@dataclass(frozen=True)
class SealPaths:
    cert: Path
    key: Path
    password: bytes | None = None


def make_local_seal(directory: Path) -> SealPaths:
    """A self-signed certificate and key under `directory`, made once (key readable only by its
    owner). For local use and tests only: production names the provider's own."""
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    if cert_path.exists() and key_path.exists():
        return SealPaths(cert_path, key_path)
    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, LOCAL_SEAL_NAME),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Accord (local installation)"),
        ]
    )
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        descriptor = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return SealPaths(cert_path, key_path)  # another process made it at the same moment
    with os.fdopen(descriptor, "wb") as file:
        file.write(key_bytes)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return SealPaths(cert_path, key_path)


def seal_paths() -> SealPaths:
    """The configured pair, or the local one (made on first use) when none is configured."""
    if settings.ACCORD_SEAL_CERT and settings.ACCORD_SEAL_KEY:
        password = settings.ACCORD_SEAL_KEY_PASSWORD
        return SealPaths(
            Path(settings.ACCORD_SEAL_CERT),
            Path(settings.ACCORD_SEAL_KEY),
            password.encode() if password else None,
        )
    return make_local_seal(Path(settings.ACCORD_SEAL_LOCAL_DIR))


@lru_cache(maxsize=4)
def _signer(paths: SealPaths) -> signers.SimpleSigner:
    try:
        signer = signers.SimpleSigner.load(
            str(paths.key), str(paths.cert), key_passphrase=paths.password
        )
    except (OSError, ValueError) as error:
        raise SealNotAvailable(f"The sealing certificate or key cannot be read: {error}") from None
    if signer is None:
        raise SealNotAvailable("The sealing certificate or key cannot be read.")
    return signer


def check_seal_loads(paths: SealPaths | None = None) -> None:
    """Raises SealNotAvailable if the pair cannot be loaded (for `check --deploy`)."""
    _signer(paths or seal_paths())


def seal_certificate(paths: SealPaths | None = None) -> asn1_x509.Certificate:
    return load_cert_from_pemder(str((paths or seal_paths()).cert))


def seal_pdf(pdf: bytes, *, reason: str, paths: SealPaths | None = None) -> bytes:
    """The PDF with the provider's PAdES seal (PAdES baseline B-B) over every byte."""
    signer = _signer(paths or seal_paths())
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
    )
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


@dataclass(frozen=True)
class SealCheck:
    """What validating the seal found: the bytes are as sealed (intact), the signature is
    cryptographically sound (valid), and the certificate is one we trust (trusted)."""

    found: bool
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.found and self.intact and self.valid and self.trusted and self.covers_whole_file


def verify_seal(pdf: bytes, trusted: list[asn1_x509.Certificate] | None = None) -> SealCheck:
    """Validates the seal with pyHanko, trusting `trusted` (by default the configured seal
    certificate). A PDF that cannot even be read counts as failed, never as an error."""
    roots = trusted if trusted is not None else [seal_certificate()]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        seals = reader.embedded_signatures
        if not seals:
            return SealCheck(False, False, False, False, False, "The PDF carries no seal.")
        status = validate_pdf_signature(
            seals[-1], ValidationContext(trust_roots=roots, allow_fetching=False)
        )
    except Exception as error:  # a damaged file: the seal does not hold
        return SealCheck(True, False, False, False, False, f"The PDF cannot be read: {error}")
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return SealCheck(True, status.intact, status.valid, status.trusted, whole)
