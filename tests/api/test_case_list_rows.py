"""The case list writes its rows from plain values (accord.api.serializers.case_out), not
through CaseOut: each row must be exactly what CaseOut, the documented schema, gives."""

from __future__ import annotations

from datetime import date

from accord.api.serializers import CaseOut
from accord.cases.models import Case
from accord.rules import today_in_england
from tests.factories import CaseFactory


def test_each_row_is_what_case_out_gives(world, make_caller):
    shared = today_in_england()
    CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        health_body=world.icb,
        shared_with_bodies_on=shared,
        route="mediation",
        suggested_route="mediation",
        state="arranging",
        next_deadline_on=date(2026, 12, 14),
        next_deadline_clock="mediation_arranged",
    )
    CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        shared_with_bodies_on=shared,
        decision_notice_sent_on=None,
    )
    rows = make_caller("la").get("/api/v1/cases/").json()["results"]
    cases = Case.objects.select_related("local_authority", "health_body").order_by("-pk")
    assert rows == [dict(CaseOut(case).data) for case in cases]
    assert [row["health_body"] for row in rows] == [None, world.icb.code]
    assert rows[1]["next_deadline_on"] == "2026-12-14"
    assert rows[0]["decision_notice_sent_on"] is None
