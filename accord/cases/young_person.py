"""Who the family is, for messages, documents and the family's own pages: the young person as
the party (Children and Families Act 2014 s.83).

Before the child becomes a young person (`accord.rules.becomes_young_person_on`: the end of
compulsory school age), their parents or carers are the family: every family party. From that
date the rights are the young person's own. Their messages and documents go to them, and a
parent or carer goes on taking part only

- with the young person's recorded consent (`Party.young_person_consented_on`), or
- where the young person lacks capacity for the decision (Mental Capacity Act 2005) and that
  parent acts for them (CFA 2014 s.80; accord.cases.capacity): the latest assessment says so.

A representative (a deputy, an attorney) is always included: they are on the case to act for
the young person. Until the young person's own contact details are on the case (no party with
the young person's role), the parents stay the family, and the case page asks staff to add the
young person: nobody would be told otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from accord import rules
from accord.cases.capacity import CapacityAssessment
from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.rules import today_in_england


def young_person_is_the_party(case: Case, today: date | None = None) -> bool:
    return rules.is_young_person(case.child.date_of_birth, today or today_in_england())


def latest_capacity(case: Case) -> CapacityAssessment | None:
    return case.capacity_assessments.select_related("acts_for_them").first()


def parent_may_take_part(party: Party, case: Case, today: date | None = None) -> bool:
    """Whether a family party still receives the case's messages and sees its pages."""
    if party.role not in FAMILY_ROLES:
        return False
    if party.role != PartyRole.PARENT_CARER or not young_person_is_the_party(case, today):
        return True
    if not any(p.role == PartyRole.YOUNG_PERSON for p in case.parties.all()):
        return True  # no young person to tell yet: see the module's docstring
    if party.young_person_consented_on is not None:
        return True
    capacity = latest_capacity(case)
    return bool(capacity and capacity.lacks_capacity and capacity.acts_for_them_id == party.pk)


def family_recipients(
    case: Case, parties: Iterable[Party] | None = None, today: date | None = None
) -> list[Party]:
    """The family parties the case's messages and documents go to, in the order given."""
    chosen = case.parties.order_by("pk") if parties is None else parties
    return [p for p in chosen if p.role in FAMILY_ROLES and parent_may_take_part(p, case, today)]


def without_parents_left_out(case: Case, parties: Iterable[Party]) -> list[Party]:
    """`parties` (of every role) less the parents who no longer take part."""
    return [p for p in parties if p.role not in FAMILY_ROLES or parent_may_take_part(p, case)]
