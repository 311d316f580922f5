"""Steps for the case's details: the risk assessment, the date of the decision letter,
confidential notes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accord.cases import selectors, services
from accord.cases.cross_checks import current_certificates_for
from accord.cases.forms.details import DecisionDateForm, NoteForm, RiskForm
from accord.cases.models import Case
from accord.cases.steps import ReadFirst, StepWarning, shown_version, step_form
from accord.cases.views import actor_of, late_letter_warning, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import STAFF, Role
from accord.rules import today_in_england


@roles(STAFF)
def risk_assessment(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        # A new dated record each time; the earlier ones are kept as they were.
        services.record_risk_assessment(
            case,
            assessed_on=d["risk_assessed_on"],
            level=d["risk_level"],
            risks=d["risks"],
            mitigations=d["mitigations"],
            expected_version=shown_version(d),
            by=actor_of(request),
        )

    case = selectors.case_for(membership_of(request), reference)
    return step_form(
        request,
        reference,
        RiskForm,
        "Risk assessment",
        act,
        done="Risk assessment recorded",
        section="safeguarding",
        initial={"risk_level": case.risk_level, "risk_assessed_on": today_in_england()},
        hint="Each assessment is kept as a dated record: earlier ones stay as they were.",
    )


LATE_LETTER_SEEN = "late_letter_seen"


@roles(STAFF)
def decision_date(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        sent = d["decision_notice_sent_on"]
        late = late_letter_warning(sent, case.received_on)
        seen = request.POST.get(LATE_LETTER_SEEN) == sent.isoformat()
        if late and not seen and sent != case.decision_notice_sent_on:
            raise ReadFirst(
                StepWarning(f"{late} Check the date on the letter. If it is right, save it again."),
                (LATE_LETTER_SEEN, sent.isoformat()),
            )
        services.update_case_details(
            case,
            {"decision_notice_sent_on": sent},
            shown_version(d),
            by=actor_of(request),
            confirm_certificate_dates=d.get("confirm_certificate_dates", False),
        )

    case = selectors.case_for(membership_of(request), reference)
    certificates = current_certificates_for(case)
    warnings = []
    if certificates:
        warnings.append(
            StepWarning(
                "A certificate has been issued. It states the date of the decision letter and "
                "the last day to appeal worked out from it. If you change the date, issue a "
                "corrected certificate after saving, so the family has the right appeal date.",
                items=tuple(
                    (
                        f"After saving: issue a corrected certificate to replace {c.number}",
                        reverse(
                            "documents:correct_certificate",
                            args=[case.reference, c.certificate_id],
                        ),
                    )
                    for c in certificates
                ),
            )
        )
    return step_form(
        request,
        reference,
        DecisionDateForm,
        "Change the date of the decision letter",
        act,
        done="Date of the decision letter changed",
        section="deadlines",
        form_kwargs={"certificates": [c.number for c in certificates]},
        initial={"decision_notice_sent_on": case.decision_notice_sent_on},
        hint="Every deadline that depends on it is worked out again.",
        warnings=warnings,
    )


@roles(STAFF | {Role.MEDIATOR})
def add_note(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_note(case, d["text"], by=actor_of(request))

    return step_form(
        request,
        reference,
        NoteForm,
        "Add a confidential note",
        act,
        done="Confidential note added",
        section="notes",
    )
