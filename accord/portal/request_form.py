"""The questions of the online request for mediation or disagreement resolution.

Each page is a `StepForm`; the answers stay in the session until the family sends the request
from the check-answers page. Nothing is saved to a case here: `services.submit_request` does
that, and only after the family has seen and confirmed every answer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms

from accord.cases.choices import SupporterKind
from accord.govuk.widgets import GovukDateField, HintedRadios
from accord.organisations.models import LocalAuthority, Provider
from accord.portal import plain_words, selectors
from accord.portal.flow import Answers, Flow, Question, StepForm
from accord.portal.models import FAMILY_RELATIONSHIPS, ONLINE_CONTACT_METHODS, RequesterRole
from accord.portal.services import NewRequest

# Radios are easier to use than a drop-down list; past this many councils, use the list.
MAX_COUNCIL_RADIOS = 10
_PHONE = re.compile(r"^\+?[0-9 ()-]+$")


class WhoForm(StepForm):
    requester_role = forms.ChoiceField(
        label="Who is asking for help?",
        choices=RequesterRole.choices,
        widget=HintedRadios(
            hints={
                RequesterRole.YOUNG_PERSON.value: (
                    "From 16, the rights are the young person's own. They can ask for "
                    "mediation themselves."
                ),
                RequesterRole.ON_BEHALF.value: (
                    "For example, a relative, a friend, or an adviser from a SEND information, "
                    "advice and support service (SENDIASS)."
                ),
            },
        ),
        error_messages={"required": "Select who is asking for help"},
    )


class OnBehalfForm(StepForm):
    on_behalf_of = forms.CharField(
        label="Who are you asking for, and how do you know them?",
        help_text="For example, 'my daughter, who is his mother' or 'a family I support'.",
        max_length=300,
        error_messages={"required": "Enter who you are asking for and how you know them"},
    )


def _clean_phone(phone: str) -> str:
    phone = phone.strip()
    if phone and (not _PHONE.match(phone) or len(re.sub(r"\D", "", phone)) < 10):
        raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
    return phone


class FamilyContactForm(StepForm):
    """Who the family is, so that they are a party of their own case and can sign in to it."""

    title = "About the family you are asking for"
    family_name = forms.CharField(
        label="Their name",
        help_text="The parent or carer, or the young person.",
        max_length=200,
        error_messages={"required": "Enter the name of the person you are asking for"},
    )
    family_relationship = forms.ChoiceField(
        label="Who are they?",
        choices=FAMILY_RELATIONSHIPS,
        widget=HintedRadios(),
        error_messages={"required": "Select who the person you are asking for is"},
    )
    family_email = forms.EmailField(
        label="Their email address",
        required=False,
        help_text="We will invite them to see their case with this address.",
        widget=forms.EmailInput(attrs={"spellcheck": "false"}),
        error_messages={
            "invalid": "Enter their email address in the correct format, like name@example.com"
        },
    )
    family_phone = forms.CharField(
        label="Their phone number",
        required=False,
        max_length=40,
        help_text="For example, 01632 960 001 or 07700 900 982",
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    def clean_family_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("family_phone", ""))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "family_email" in data
            and "family_phone" in data
            and not data["family_email"]
            and not data["family_phone"]
        ):
            self.add_error("family_email", "Enter their email address or their phone number")
        return data


class SupporterRoleForm(StepForm):
    title = "How you support them"
    supporter_kind = forms.ChoiceField(
        label="Who are you to them?",
        choices=SupporterKind.choices,
        widget=HintedRadios(),
        error_messages={"required": "Select who you are to the family"},
    )
    family_consent = forms.ChoiceField(
        label="Have they agreed that you may support them and see their case?",
        help_text=(
            "If they have, you can see the case too. They can change this at any time once "
            "they sign in."
        ),
        choices=[("yes", "Yes, they have agreed"), ("no", "No, or I have not asked them")],
        widget=HintedRadios(),
        error_messages={"required": "Select yes if they have agreed that you may see their case"},
    )


class NameForm(StepForm):
    requester_name = forms.CharField(
        label="What is your name?",
        max_length=200,
        # WCAG 2.2 1.3.5: the person's own details can be filled in by the browser.
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your name"},
    )


class ChildForm(StepForm):
    title = "About the child or young person"
    child_first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter their first name"},
    )
    child_last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter their last name"},
    )
    child_date_of_birth = GovukDateField(
        label="Date of birth",
        what="Date of birth",
        help_text="For example, 27 3 2012",
        missing_message="Enter their date of birth",
    )
    child_setting = forms.CharField(
        label="School, college or nursery",
        required=False,
        max_length=200,
        help_text="Leave this blank if they do not go to one.",
    )


class CouncilForm(StepForm):
    local_authority = forms.ModelChoiceField(
        label="Which council is responsible for the child or young person?",
        help_text="This is usually the council for the area where they live.",
        queryset=LocalAuthority.objects.none(),
        empty_label="Choose a council",
        error_messages={"required": "Select a council", "invalid_choice": "Select a council"},
    )

    def prepare(self) -> None:
        councils = selectors.served_local_authorities()
        field: forms.ModelChoiceField[Any] = self.fields["local_authority"]  # type: ignore[assignment]
        field.queryset = councils
        if councils.count() <= MAX_COUNCIL_RADIOS:
            field.empty_label = None
            field.widget = HintedRadios(attrs={"class": "govuk-radios__input"})
            field.widget.choices = field.choices

    def forgets(self) -> tuple[str, ...]:
        # A service chosen for another council may not work with this one: ask again.
        chosen = self.cleaned_data["local_authority"].pk
        return ("provider",) if self.answers.get("local_authority") != chosen else ()


class ServiceForm(StepForm):
    provider = forms.ModelChoiceField(
        label="Which service do you want to ask?",
        help_text="More than one service works with this council. Choose one.",
        queryset=Provider.objects.none(),
        empty_label=None,
        widget=HintedRadios(),
        error_messages={"required": "Select a service", "invalid_choice": "Select a service"},
    )

    def prepare(self) -> None:
        field: forms.ModelChoiceField[Any] = self.fields["provider"]  # type: ignore[assignment]
        field.queryset = selectors.providers_serving(self.answers.get("local_authority"))
        field.widget.choices = field.choices


class DecisionKindForm(StepForm):
    decision_kind = forms.ChoiceField(
        label="What is the disagreement about?",
        help_text="Choose the one that fits best.",
        choices=[(value, label) for value, label, _ in plain_words.DECISION_CHOICES],
        widget=HintedRadios(hints=plain_words.DECISION_HINTS),
        error_messages={"required": "Select what the disagreement is about"},
    )


class LetterDateForm(StepForm):
    decision_letter_date = GovukDateField(
        label="What date is on the decision letter?",
        what="Date on the decision letter",
        required=False,
        help_text=(
            "For example, 27 3 2026. Leave this blank if there is no letter, or if you do not "
            "know the date."
        ),
    )


class AboutForm(StepForm):
    summary = forms.CharField(
        label="What is the disagreement about?",
        help_text="Tell us in your own words. You do not need to use legal words.",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Enter what the disagreement is about",
            "max_length": "What the disagreement is about must be 3000 characters or fewer",
        },
    )


class ContactForm(StepForm):
    title = "How can we contact you?"
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="We will send you a confirmation to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=40,
        help_text="For example, 01632 960 001 or 07700 900 982",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    preferred_contact = forms.ChoiceField(
        label="How would you like us to contact you?",
        choices=ONLINE_CONTACT_METHODS,
        widget=HintedRadios(),
        error_messages={"required": "Select how you would like us to contact you"},
    )

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean_email(self) -> str:
        email: str = self.cleaned_data.get("email", "")
        family_email = str(self.answers.get("family_email") or "")
        if email and family_email and email.strip().lower() == family_email.strip().lower():
            # The family signs in with their own address; the person asking with theirs.
            raise forms.ValidationError(
                "Enter your own email address: the family's is the one you gave for them"
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        preferred = data.get("preferred_contact")
        if "email" in data and "phone" in data and not data["email"] and not data["phone"]:
            self.add_error("email", "Enter an email address or a phone number")
        elif preferred == "email" and "email" in data and not data["email"]:
            self.add_error("email", "Enter an email address, or choose another way to contact you")
        elif preferred in ("phone", "text") and "phone" in data and not data["phone"]:
            self.add_error("phone", "Enter a phone number, or choose another way to contact you")
        return data


class AccessForm(StepForm):
    title = "Do you need any help to take part?"
    interpreter_language = forms.CharField(
        label="If you need an interpreter, which language?",
        required=False,
        max_length=100,
        help_text="This includes British Sign Language.",
    )
    access_needs = forms.CharField(
        label="Is there anything else that would help you?",
        required=False,
        max_length=1000,
        help_text=(
            "For example, large print, easy read, step-free access, a quiet room or more breaks."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "Anything else that would help must be 1000 characters or fewer"
        },
    )


class ConsentForm(StepForm):
    consent = forms.ChoiceField(
        label="Can we share your request with the council?",
        help_text=(
            "The council has to take part in mediation. We need to tell them about your "
            "request to arrange it. We only share what they need to know."
        ),
        choices=[("yes", "Yes"), ("no", "No")],
        widget=HintedRadios(),
        error_messages={"required": "Select yes if we can share your request with the council"},
    )


def _for_someone_else(answers: Answers) -> bool:
    return answers.get("requester_role") == RequesterRole.ON_BEHALF


def _several_services(answers: Answers) -> bool:
    return selectors.providers_serving(answers.get("local_authority")).count() > 1


REQUEST_FLOW = Flow(
    session_key="portal_request",
    questions=(
        Question("who", WhoForm, "Who is asking"),
        Question("asking-for", OnBehalfForm, "Asking for", applies=_for_someone_else),
        Question("the-family", FamilyContactForm, "The family", applies=_for_someone_else),
        Question("your-role", SupporterRoleForm, "How you support them", applies=_for_someone_else),
        Question("your-name", NameForm, "Your name"),
        Question("child", ChildForm, "The child or young person"),
        Question("council", CouncilForm, "Council"),
        Question("service", ServiceForm, "Service", applies=_several_services),
        Question("decision", DecisionKindForm, "What it is about"),
        Question("decision-date", LetterDateForm, "Date on the decision letter"),
        Question("about", AboutForm, "The disagreement in your words"),
        Question("contact", ContactForm, "Contact details"),
        Question("access-needs", AccessForm, "Help to take part"),
        Question("consent", ConsentForm, "Share with the council"),
    ),
    question_url="portal:request_question",
    start_url="portal:request_start",
    end_url="portal:request_check",
)


def summary_rows(answers: Answers) -> list[tuple[str, str, str]]:
    """(question, answer, change URL) for the check-answers page."""
    council = selectors.served_local_authorities().filter(pk=answers.get("local_authority") or 0)
    service = Provider.objects.filter(pk=answers.get("provider") or 0).first()
    birth = answers.get("child_date_of_birth")
    letter = answers.get("decision_letter_date")
    values: dict[str, list[tuple[str, str]]] = {
        "who": [("Who is asking", RequesterRole(answers["requester_role"]).label)],
        "asking-for": [("Asking for", answers.get("on_behalf_of", ""))],
        "the-family": [
            ("Their name", answers.get("family_name", "")),
            (
                "Who they are",
                dict(FAMILY_RELATIONSHIPS).get(str(answers.get("family_relationship")), ""),
            ),
            ("Their email address", answers.get("family_email") or "Not given"),
            ("Their phone number", answers.get("family_phone") or "Not given"),
        ],
        "your-role": [
            ("Who you are to them", _kind_label(answers.get("supporter_kind"))),
            (
                "They agreed you may see their case",
                "Yes" if answers.get("family_consent") == "yes" else "No",
            ),
        ],
        "your-name": [("Your name", answers.get("requester_name", ""))],
        "child": [
            (
                "Child or young person",
                f"{answers.get('child_first_name', '')} {answers.get('child_last_name', '')}",
            ),
            ("Their date of birth", _long(birth)),
            ("Their school, college or nursery", answers.get("child_setting") or "Not given"),
        ],
        "council": [("Council", str(council.first() or ""))],
        "service": [("Service", str(service or ""))],
        "decision": [
            ("What it is about", plain_words.DECISION_LABELS.get(answers["decision_kind"], ""))
        ],
        "decision-date": [
            ("Date on the decision letter", _long(letter) if letter else "Not given")
        ],
        "about": [("The disagreement in your words", answers.get("summary", ""))],
        "contact": [
            ("Email address", answers.get("email") or "Not given"),
            ("Phone number", answers.get("phone") or "Not given"),
            ("Contact me by", dict(ONLINE_CONTACT_METHODS).get(answers["preferred_contact"], "")),
        ],
        "access-needs": [
            ("Interpreter", answers.get("interpreter_language") or "Not needed"),
            ("Other help", answers.get("access_needs") or "None given"),
        ],
        "consent": [("Share with the council", "Yes" if answers.get("consent") == "yes" else "No")],
    }
    rows = []
    for question in REQUEST_FLOW.applicable(answers):
        for label, value in values[question.slug]:
            rows.append((label, value, REQUEST_FLOW.url_for(question, changing=True)))
    return rows


def _kind_label(value: str | None) -> str:
    return str(SupporterKind(value).label) if value in SupporterKind.values else ""


def _long(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%-d %B %Y") if iso else ""


def new_request(answers: Answers) -> NewRequest:
    return NewRequest(
        local_authority_id=int(answers["local_authority"]),
        provider_id=int(answers["provider"]) if answers.get("provider") else None,
        requester_role=answers["requester_role"],
        requester_name=answers["requester_name"],
        on_behalf_of=answers.get("on_behalf_of", ""),
        supporter_kind=answers.get("supporter_kind", ""),
        family_name=answers.get("family_name", ""),
        family_relationship=answers.get("family_relationship", ""),
        family_email=answers.get("family_email", ""),
        family_phone=answers.get("family_phone", ""),
        family_consents_to_supporter=answers.get("family_consent") == "yes",
        child_first_name=answers["child_first_name"],
        child_last_name=answers["child_last_name"],
        child_date_of_birth=date.fromisoformat(answers["child_date_of_birth"]),
        child_setting=answers.get("child_setting", ""),
        decision_kind=answers["decision_kind"],
        decision_letter_date=(
            date.fromisoformat(answers["decision_letter_date"])
            if answers.get("decision_letter_date")
            else None
        ),
        summary=answers["summary"],
        email=answers.get("email", ""),
        phone=answers.get("phone", ""),
        preferred_contact=answers["preferred_contact"],
        interpreter_language=answers.get("interpreter_language", ""),
        access_needs=answers.get("access_needs", ""),
        consent_to_share_with_la=answers.get("consent") == "yes",
    )
