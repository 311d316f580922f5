"""The errors a meeting's checks raise; each message says what to do."""

from __future__ import annotations

from accord.cases.services import CaseError
from accord.cases.services import NeedsConfirmation as CaseNeedsConfirmation


class MeetingError(CaseError):
    """A booking that the rules do not allow; the message says why and what to do."""


class NeedsConfirmation(MeetingError, CaseNeedsConfirmation):
    """The booking is allowed only if the person booking confirms a warning they have read."""
