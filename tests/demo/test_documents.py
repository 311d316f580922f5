"""The demo shows documents at each stage: a certificate issued after the family declined, two
still due, a partial agreement being followed up, and a case closed after full agreement."""

from __future__ import annotations

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
from accord.documents.models import Agreement, Certificate
from accord.documents.selectors import item_status
from accord.rules import today_in_england


def test_demo_documents(db):
    today = today_in_england()
    load_demo_data(today)
    declined = Certificate.objects.get(kind="information_given")
    assert declined.case.state == CaseState.FOLLOW_UP
    # Still due: mediation that cannot be held in time (reg 37), and a family that chose
    # mediation and then stopped replying (reg 34, "fails to pursue").
    still_due = Case.objects.filter(state=CaseState.CERTIFICATE_DUE)
    assert still_due.count() == 2
    assert not Certificate.objects.filter(case__in=still_due).exists()
    not_pursued = still_due.get(mediation_not_pursued_on__isnull=False)
    assert (not_pursued.not_pursued_how, not_pursued.not_pursued_attempts) == ("no_reply", 3)

    partial = Agreement.objects.get(outcome="partial")
    assert partial.is_issued and partial.case.state == CaseState.FOLLOW_UP
    assert partial.case.certificates.filter(kind="after_mediation").exists()
    statuses = [item_status(i, today).label for i in partial.items.order_by("position")]
    assert statuses.count("Done in time") == 1
    assert statuses.count("Overdue") == 1
    assert all(i.due_on for i in partial.items.all())

    full = Agreement.objects.get(outcome="full")
    assert full.case.state == CaseState.CLOSED and full.case.outcome == "full"
    assert all(i.done_on for i in full.items.all())
    assert full.case.certificates.filter(kind="after_mediation").exists()
