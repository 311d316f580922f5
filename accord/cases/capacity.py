"""A young person's capacity for a decision in their case, and who acts for them.

From the date the child becomes a young person (the end of compulsory school age:
`accord.rules.becomes_young_person_on`), the rights are theirs (Children and Families Act 2014
s.83): they are the party. Where they lack capacity for a decision, within the meaning of the
Mental Capacity Act 2005, a representative acts for them: a parent, a deputy appointed by the
Court of Protection, or an attorney under a lasting power of attorney (CFA 2014 s.80; the SEND
Regs 2014 reg 64). Capacity is decision-specific and is presumed (MCA 2005 ss.1(2), 2): each
record says the decision it concerns, who assessed it and when, the outcome, who acts for the
young person and the evidence, and when it is reviewed. A new assessment is a new record.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.encrypted import EncryptedTextField


class CapacityOutcome(models.TextChoices):
    HAS_CAPACITY = "has_capacity", "Has capacity for this decision"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for this decision"


class ActsAs(models.TextChoices):
    # CFA 2014 s.80 and SEND Regs 2014 reg 64: who may act for a young person lacking capacity.
    PARENT = "parent", "Their parent"
    DEPUTY = "deputy", "A deputy appointed by the Court of Protection"
    ATTORNEY = "attorney", "An attorney under a lasting power of attorney"


class CapacityAssessment(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="capacity_assessments"
    )
    decision = models.CharField("the decision it concerns", max_length=300)
    assessed_on = models.DateField("date assessed")
    assessed_by = models.CharField("assessed by", max_length=200)
    outcome = models.CharField(max_length=20, choices=CapacityOutcome.choices)
    # Who acts for them, when they lack capacity for this decision.
    acts_for_them = models.ForeignKey(
        "cases.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acts_as = models.CharField(max_length=20, choices=ActsAs.choices, blank=True)
    evidence = EncryptedTextField("the evidence")
    review_on = models.DateField("date to review it")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="capacity_review_after_assessment",
                condition=models.Q(review_on__gte=models.F("assessed_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"Capacity for {self.decision!r} on {self.case_id}: {self.outcome}"

    @property
    def lacks_capacity(self) -> bool:
        return self.outcome == CapacityOutcome.LACKS_CAPACITY

    def review_is_past(self, today: date) -> bool:
        return self.review_on < today
