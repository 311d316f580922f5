"""Writes from the family's side: the child's views they send, and feedback from every party.

Each validates, writes in a transaction and records the timeline event (style.md #3). Emails go
through accord.family.delivery and never name the child.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Case, ChildView, Party
from accord.cases.services import CaseError, add_child_view
from accord.cases.states import CaseState
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.family.models import Feedback
from accord.organisations.models import User

FAMILY_VIEW_KINDS = (ChildView.Kind.FORM, ChildView.Kind.DRAWING, ChildView.Kind.RECORDING)


# --- the child's or young person's views ---------------------------------------------------------


def send_child_view(
    case: Case, kind: str, text: str = "", upload: UploadedFile | None = None
) -> ChildView:
    """The family sends the child's views: their words, a drawing or a recording. A file is
    checked (size, type by content, the virus scanner) before anything is stored."""
    if case.state == CaseState.CLOSED:
        raise CaseError("This case is closed, so we cannot add anything to it.")
    if kind not in FAMILY_VIEW_KINDS:
        raise CaseError("Choose how you are sending their views.")
    if kind == ChildView.Kind.FORM:
        if not text.strip():
            raise CaseError("Write their views in the box.")
        upload = None
    elif upload is None:
        raise CaseError("Choose a file to send.")
    # add_child_view checks the file (size, type by content, the scanner) before storing it.
    with transaction.atomic():
        # The history names the family (FAMILY_ACTOR_LABEL) as it records the event.
        return add_child_view(case, kind, text, upload, from_family=True, by=None)


# --- feedback ------------------------------------------------------------------------------------

FEEDBACK_SALT = "accord.family.feedback"
FEEDBACK_LINK_LIFETIME = timedelta(days=60)


class InvalidFeedbackLink(Exception):
    """The link is broken, has been changed, or is more than 60 days old."""


@dataclass(frozen=True)
class Scores:
    satisfied: int
    listened_to: int
    would_recommend: int
    comments: str = ""

    def check(self) -> None:
        for value in (self.satisfied, self.listened_to, self.would_recommend):
            if value not in range(1, 6):
                raise CaseError("Choose an answer from 1 to 5 for each question.")


def feedback_token(party: Party) -> str:
    """A signed link token naming one party on one case, valid for 60 days."""
    signer = signing.TimestampSigner(salt=FEEDBACK_SALT)
    return signer.sign_object({"case": party.case_id, "party": party.pk})


def party_for_token(token: str) -> Party:
    """The party a token was made for; InvalidFeedbackLink if it was changed or is too old."""
    signer = signing.TimestampSigner(salt=FEEDBACK_SALT)
    try:
        data = signer.unsign_object(token, max_age=FEEDBACK_LINK_LIFETIME)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidFeedbackLink() from error
    if not isinstance(data, dict):
        raise InvalidFeedbackLink()
    party_id, case_id = data.get("party"), data.get("case")
    if not isinstance(party_id, int) or not isinstance(case_id, int):
        raise InvalidFeedbackLink()
    party = (
        Party.objects.select_related("case", "case__provider")
        .filter(pk=party_id, case_id=case_id)
        .first()
    )
    if party is None:
        raise InvalidFeedbackLink()
    return party


def mediator_feedback_token(case: Case, mediator: User) -> str:
    """The same kind of link for the case's mediator, who is not a party: it names the case and
    the mediator."""
    signer = signing.TimestampSigner(salt=FEEDBACK_SALT)
    return signer.sign_object({"case": case.pk, "mediator": mediator.pk})


@dataclass(frozen=True)
class MediatorRespondent:
    case: Case
    mediator: User


def respondent_for_token(token: str) -> Party | MediatorRespondent:
    """The party, or the case's mediator, a token was made for (InvalidFeedbackLink if it was
    changed, is too old, or the mediator is no longer the case's)."""
    signer = signing.TimestampSigner(salt=FEEDBACK_SALT)
    try:
        data = signer.unsign_object(token, max_age=FEEDBACK_LINK_LIFETIME)
    except (signing.BadSignature, ValueError) as error:
        raise InvalidFeedbackLink() from error
    if isinstance(data, dict) and "mediator" in data and "party" not in data:
        mediator_id, case_id = data.get("mediator"), data.get("case")
        if not isinstance(mediator_id, int) or not isinstance(case_id, int):
            raise InvalidFeedbackLink()
        case = (
            Case.objects.select_related("provider", "mediator")
            .filter(pk=case_id, mediator_id=mediator_id)
            .first()
        )
        if case is None or case.mediator is None:
            raise InvalidFeedbackLink()
        return MediatorRespondent(case, case.mediator)
    return party_for_token(token)


def mediator_has_given_feedback(respondent: MediatorRespondent) -> bool:
    return Feedback.objects.filter(case=respondent.case, mediator=respondent.mediator).exists()


def give_mediator_feedback(respondent: MediatorRespondent, scores: Scores) -> Feedback:
    """The mediator's feedback on the case; one per mediator per case."""
    scores.check()
    case = respondent.case
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                case=case,
                party=None,
                mediator=respondent.mediator,
                respondent_role=Feedback.MEDIATOR,
                satisfied=scores.satisfied,
                listened_to=scores.listened_to,
                would_recommend=scores.would_recommend,
                comments=scores.comments.strip(),
                given_through=Feedback.Route.EMAILED_LINK,
            )
            record_event(
                case,
                EventKind.FEEDBACK_FROM_OTHER_PARTY,
                "Feedback received from the mediator",
                by=None,
            )
    except IntegrityError as error:
        raise CaseError("Feedback has already been given for this case. Thank you.") from error
    return feedback


def has_given_feedback(party: Party) -> bool:
    return Feedback.objects.filter(case_id=party.case_id, party=party).exists()


def give_feedback(party: Party, scores: Scores, *, through: str) -> Feedback:
    """One party's feedback; only one per party per case (a second is refused)."""
    scores.check()
    if through == Feedback.Route.FAMILY_PAGE and party.case.state != CaseState.CLOSED:
        raise CaseError("You can tell us what you think once your case is closed.")
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                case=party.case,
                party=party,
                respondent_role=party.role,
                satisfied=scores.satisfied,
                listened_to=scores.listened_to,
                would_recommend=scores.would_recommend,
                comments=scores.comments.strip(),
                given_through=through,
            )
            from_family = party.role in FAMILY_ROLES
            record_event(
                party.case,
                EventKind.FEEDBACK_FROM_FAMILY
                if from_family
                else EventKind.FEEDBACK_FROM_OTHER_PARTY,
                f"Feedback received from the {party.get_role_display().lower()}",
                by=None,
                label=FAMILY_ACTOR_LABEL if from_family else "",
            )
    except IntegrityError as error:
        raise CaseError("Feedback has already been given for this case. Thank you.") from error
    return feedback
