"""What reports count that no other table holds in a form the database can aggregate.

`CaseClock` keeps, for every statutory clock of every case, the date it started, the date it is
due and the date it was done. The due dates come from `accord.rules` (through
`accord.cases.clocks.deadlines_for`): they are stored here when a case changes, never worked out
again in SQL, so a deadline in a report is the same as on the case page.
"""

from __future__ import annotations

from django.db import models

from accord.cases.models import Case
from accord.organisations.models import Provider


class CaseClock(models.Model):
    """One statutory clock of one case, as it stands after the case's latest change."""

    # The tenant, copied from the case so that a provider's figures need no join to filter.
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clock_rows")
    # The kind of clock (e.g. "certificate_after_mediation", "agreement_action"): reports group
    # by it, so a new kind appears in them without a change here.
    clock = models.CharField(max_length=40)
    # Unique within the case: the clock kind, or e.g. "agreement_item_12" for one agreed action.
    key = models.CharField(max_length=60)
    started_on = models.DateField()
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    # Done after the due date but allowed: the family agreed to shorter notice (SEND Regs 2014
    # reg 37 notice) — counted as in time.
    excused = models.BooleanField(default=False)
    # The family's own clocks (contacting an adviser, appealing) are not the service's to meet.
    for_family = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="one_row_per_case_clock"),
        ]
        indexes = [
            models.Index(fields=["provider", "due_on"], name="caseclock_provider_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.key}: due {self.due_on}, done {self.done_on}"
