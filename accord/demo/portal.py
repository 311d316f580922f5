"""Demo online requests for the intake inbox (fictional people only).

Called as ``extend_demo(provider, users, today)`` by accord.demo.cases once
"accord.portal.demo" is in its list of extensions.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accord.organisations.models import Provider, User
from accord.organisations.roles import Role
from accord.portal.models import OnlineRequest, RequesterRole
from accord.portal.services import new_reference


def extend_demo(provider: Provider, users: dict[Role, User], today: date) -> None:
    if OnlineRequest.objects.filter(provider=provider).exists():
        return
    local_authority = provider.local_authorities.order_by("name").first()
    if local_authority is None:
        return
    examples = [
        # (days ago sent, letter days ago, decision, who is asking)
        (6, 55, "refuse_to_assess", RequesterRole.PARENT_CARER),  # reg 33 window close
        (3, 20, "plan_content", RequesterRole.YOUNG_PERSON),
        (1, None, "non_ehc_disagreement", RequesterRole.ON_BEHALF),
    ]
    for number, (sent_days_ago, letter_days_ago, decision, role) in enumerate(examples, 1):
        request = OnlineRequest.objects.create(
            reference=new_reference(),
            provider=provider,
            local_authority=local_authority,
            requester_role=role,
            requester_name=f"Demo Requester {number}",
            on_behalf_of="A family I support (demo)" if role == RequesterRole.ON_BEHALF else "",
            child_first_name="Demo",
            child_last_name=f"Online{number}",
            child_date_of_birth=today - timedelta(days=365 * (17 if number == 2 else 9)),
            child_setting="Example School (demo)",
            decision_kind=decision,
            decision_letter_date=(
                today - timedelta(days=letter_days_ago) if letter_days_ago else None
            ),
            summary="Demo request: nothing here is about a real person.",
            email=f"online{number}@demo.accord.test",
            preferred_contact="email",
            consent_to_share_with_la=True,
        )
        OnlineRequest.objects.filter(pk=request.pk).update(
            submitted_at=timezone.now() - timedelta(days=sent_days_ago)
        )
