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
from django.urls import reverse

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Case, ChildView, Party
from accord.cases.services import CaseError, add_child_view
from accord.cases.states import CaseState
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.family import delivery
from accord.family.models import Feedback
from accord.organisations.branding import absolute_link
from accord.organisations.models import Provider, User
from accord.rules import today_in_england

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


def _link(path: str, base_url: str | None, provider: Provider) -> str:
    if base_url:
        return base_url.rstrip("/") + path
    return absolute_link(path, provider)


def feedback_request_message(party: Party, base_url: str | None = None) -> delivery.Message:
    """The email asking one party for feedback. It names the case reference and the service,
    never the child."""
    case = party.case
    service = case.provider.name
    if party.role in FAMILY_ROLES:
        link = _link(reverse("family:sign_in"), base_url, case.provider)
        how = (
            "Sign in with this email address to see your case and answer 3 short questions:\n\n"
            f"{link}"
        )
    else:
        give = reverse("feedback:give", args=[feedback_token(party)])
        link = _link(give, base_url, case.provider)
        how = (
            "Please answer 3 short questions. You do not need an account. The link works once "
            f"and for 60 days:\n\n{link}"
        )
    return delivery.Message(
        "email",
        party.email,
        f"How did we do? Case {case.reference}",
        f"Hello,\n\n"
        f"{service} has closed case {case.reference}. We would like to know how "
        f"it went for you, so that we can get better.\n\n"
        f"{how}\n\n"
        f"Thank you,\n{service}\n",
    )


def request_feedback(case: Case, *, by: User | None = None, base_url: str | None = None) -> int:
    """Emails every party with an email address (who has not already answered) a link to give
    feedback, through the notifications outbox, and records it on the timeline. Returns how
    many were asked."""
    if case.state != CaseState.CLOSED:
        raise CaseError("Ask for feedback once the case is closed.")
    asked = _still_to_ask(case)
    # One request per party per day: asking twice in a day (a double click) sends nothing more.
    today = today_in_england().isoformat()
    with transaction.atomic():
        for party in asked:
            delivery.queue_case_message(
                case,
                feedback_request_message(party, base_url),
                f"family-feedback-request:{case.pk}:{party.pk}:{today}",
                by=by,
            )
        record_event(
            case,
            EventKind.FEEDBACK_REQUESTED,
            f"Feedback asked for from {len(asked)} "
            f"{'person' if len(asked) == 1 else 'people'} by email",
            {"roles": sorted({p.role for p in asked})},
            by=by,
        )
    return len(asked)


def _still_to_ask(case: Case) -> list[Party]:
    """Parties with an email address who have not answered; family parties who share an
    address get one email between them (they sign in with it to answer)."""
    answered = set(Feedback.objects.filter(case=case).values_list("party_id", flat=True))
    family_addresses: set[str] = set()
    found = []
    for party in case.parties.select_related("case__provider").exclude(email="").order_by("pk"):
        if party.pk in answered:
            continue
        if party.role in FAMILY_ROLES:
            if party.email.lower() in family_addresses:
                continue
            family_addresses.add(party.email.lower())
        found.append(party)
    return found
