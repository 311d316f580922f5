"""The family's case page shows a timeline event only when its kind is declared for the family
(accord.cases.timeline): one row per kind."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accord.cases.models import TimelineEvent
from accord.cases.timeline import EventKind, record_event
from accord.family.progress import EVENT_WORDS
from tests.family.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(EventKind), ids=str)
def test_the_family_sees_a_kind_only_when_it_is_declared_for_them(family_case, kind):
    recorded = f"RECORDED-{kind.value.upper()}"
    misfiled = f"MISFILED-{kind.value.upper()}"
    record_event(family_case, kind, recorded, by=None)
    # A row stored as for the family whatever its kind (an old row, or a mistake).
    TimelineEvent.objects.create(
        case=family_case, kind=kind, summary=misfiled, visible_to_family=True
    )
    client = Client()
    sign_in(client)
    html = client.get(reverse("family:case", args=[family_case.reference])).content.decode()
    shown = [EVENT_WORDS[kind]] if kind in EVENT_WORDS else [recorded, misfiled]
    for text in shown:
        assert (escape(text) in html) is kind.audience.family, text
