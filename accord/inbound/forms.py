"""Forms of the mail inbox."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import Channel
from accord.cases.forms.enquiry import EnquiryForm
from accord.cases.models import Case
from accord.cases.selectors import cases_for
from accord.govuk.forms import GovukForm
from accord.inbound.models import InboundMail
from accord.organisations.models import Membership
from accord.rules import date_in_england


class FileToCaseForm(GovukForm):
    reference = forms.CharField(
        label="Case reference",
        help_text="Check that the email is about this case: the sender may have typed it wrong.",
        max_length=20,
        error_messages={"required": "Enter the reference of the case to file the email to"},
    )

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        self.membership = membership
        self.case: Case | None = None
        super().__init__(*args, **kwargs)

    def clean_reference(self) -> str:
        reference = " ".join(self.cleaned_data["reference"].split()).upper()
        self.case = cases_for(self.membership).filter(reference=reference).first()
        if self.case is None:
            raise forms.ValidationError("Enter the reference of one of this service's cases")
        return reference


def enquiry_form_for(mail: InboundMail, data: Any = None) -> EnquiryForm:
    """The new-enquiry form, started from what the email says."""
    form = EnquiryForm(data, provider=mail.provider)
    form.initial.update(
        {
            "received_on": date_in_england(mail.received_at),
            "channel": Channel.EMAIL,
            "contact_name": mail.from_name,
            "contact_email": mail.from_address,
            "preferred_contact": "email",
            "summary": mail.body[:2000],
        }
    )
    return form
