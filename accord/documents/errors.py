"""The error a document's service or page raises when a document cannot be issued or changed."""

from __future__ import annotations

from accord.cases.services import CaseError


class DocumentError(CaseError):
    """A document cannot be issued or changed as asked; the message says why."""
