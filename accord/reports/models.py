"""The reports' summary tables (accord.reports.summary): counts kept up to date as cases change,
so a dashboard reads a few hundred rows instead of aggregating every case. Everything else the
reports show is aggregated in SQL from the stored clock rows (accord.cases.models.CaseClock)
and the other apps' records."""

from __future__ import annotations

from django.db import models

from accord.cases.models import Case
from accord.organisations.models import HealthBody, LocalAuthority, Provider


class CaseTally(models.Model):
    """How many cases of one provider, LA and ICB have one fact on one day: e.g. ("received",
    3 March 2025, route "mediation", decision "refuse_to_assess", channel "phone") — 4 cases.

    `measure` names what is counted (accord.reports.summary.MEASURES); `day` is the day the
    report's period is matched against; `value`, `value2`, `value3` the stored values it is
    grouped by; `number` a number of days (for medians). Each fact is counted twice: by its day
    (`grain` "d") and by its month (`grain` "m", `day` the 1st), so a report reads whole months
    from a row a month and only the days at the ends of its period one by one. Several rows may
    share one key (two changes at once may each add a row): readers always SUM(count)."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    measure = models.CharField(max_length=20)
    grain = models.CharField(max_length=1, default="d")
    day = models.DateField(null=True, blank=True)
    value = models.CharField(max_length=60, blank=True)
    value2 = models.CharField(max_length=60, blank=True)
    value3 = models.CharField(max_length=60, blank=True)
    number = models.IntegerField(null=True, blank=True)
    count = models.IntegerField(default=0)

    class Meta:
        indexes = [
            # Covering (PostgreSQL): a report's sums are read from the index alone.
            models.Index(
                fields=["provider", "measure", "grain", "day"],
                include=[
                    "local_authority",
                    "health_body",
                    "value",
                    "value2",
                    "value3",
                    "number",
                    "count",
                ],
                name="casetally_provider_measure",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.day} {self.value}/{self.value2}/{self.value3}: {self.count}"


class CaseTallied(models.Model):
    """The facts one case last added to the tallies, so a change takes away exactly what the
    case counted before and adds what it counts now."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="+")
    facts = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.case_id}: {len(self.facts)} facts"
