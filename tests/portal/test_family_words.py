"""Families read words meant for them (issue 14, section 5): the route finder's answer and the
deadline calculator speak to the family, never give staff instructions, keep citations behind
"The law behind this answer" and name no court cases; nor do the family's pages or the
certificate. The easy read pages: short sentences, one idea a line, a picture beside each, linked
from the family's pages."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accord import rules
from accord.documents import services as document_services
from accord.organisations.roles import Role
from accord.portal.family_answer import family_answer
from accord.portal.guide import EASY_READ
from accord.rules.wording import for_family
from tests.documents.conftest import ISSUED_ON, make_case
from tests.documents.helpers import key
from tests.family.conftest import sign_in

ROOT = Path(settings.BASE_DIR) / "accord"
# How staff are told what to do; a family is spoken to as "you".
STAFF_INSTRUCTIONS = re.compile(
    r"\b(Tell|Ask|Remind|Record|Check with|Send|Give) the (family|parents?|young person)\b"
    r"|\bRecord (which|the|that)\b|\bArrange a meeting\b",
    re.IGNORECASE,
)
# The name of a judgment ("Dodds v Walker"), a law report ("[1981] 1 WLR 1027"), a neutral
# citation ("[2019] UKUT 123 (AAC)").
CASE_LAW = re.compile(
    r"\b[A-Z][A-Za-z'-]+ v\.? [A-Z][A-Za-z'-]+\b|\[(19|20)\d\d\]|\b(UKUT|UKSC|UKHL|EWCA|EWHC|WLR)\b"
)

FAMILY_TEMPLATES = [
    *(ROOT / "portal/templates/portal").rglob("*.html"),
    *(ROOT / "family/templates/family").glob("*.html"),
    *(ROOT / "documents/templates/documents/print").glob("*.html"),
    ROOT / "documents/templates/documents/document_page.html",
    ROOT / "documents/templates/documents/certificate_by_link.html",
    ROOT / "documents/templates/documents/agreement_by_link.html",
]
# Pages for staff that live beside the family's: the online request inbox, the staff page that
# records a family's consent to a supporter, and the family section of the staff case page.
STAFF_TEMPLATES = {"inbox", "staff_supporters.html", "case_section.html"}


def _for_family(path: Path) -> bool:
    return not ({path.name, path.parent.name} & STAFF_TEMPLATES)


def assert_for_family(text: str, where: str) -> None:
    words = html.unescape(re.sub(r"<[^>]+>", " ", text))
    instruction = STAFF_INSTRUCTIONS.search(words)
    assert instruction is None, f"{where}: a staff instruction: {instruction.group(0)!r}"
    judgment = CASE_LAW.search(words)
    assert judgment is None, f"{where}: a court case named: {judgment.group(0)!r}"


def test_the_scan_finds_what_it_looks_for():
    with pytest.raises(AssertionError):
        assert_for_family("<p>Tell the family the date and place.</p>", "sample")
    with pytest.raises(AssertionError):
        assert_for_family("<dt>Dodds v Walker [1981] 1 WLR 1027 (HL)</dt>", "sample")
    assert_for_family("<p>We tell you the date. Your council must take part.</p>", "sample")


@pytest.mark.parametrize(
    "path", [p for p in FAMILY_TEMPLATES if _for_family(p)], ids=lambda p: str(p.name)
)
def test_no_family_template_gives_staff_instructions_or_names_a_court_case(path):
    assert_for_family(path.read_text(), str(path.relative_to(ROOT)))


def _every_finder_answer():
    for decision in rules.DecisionKind:
        if decision == rules.DecisionKind.PLAN_CONTENT:
            for sections in (["B"], ["F"], ["I"], ["G"], ["H1"], ["B", "G"], ["E"]):
                yield [
                    ("about", {"decision": decision.value}),
                    ("plan-sections", {"sections": sections}),
                ]
        elif decision == rules.DecisionKind.NON_EHC_DISAGREEMENT:
            for who in rules.DisagreementWith:
                yield [
                    ("about", {"decision": decision.value}),
                    ("who-with", {"who_with": who.value}),
                ]
        else:
            yield [("about", {"decision": decision.value})]


@pytest.mark.django_db
def test_every_route_finder_answer_speaks_to_the_family():
    shown = 0
    for answers in _every_finder_answer():
        client = Client()
        for slug, data in answers:
            response = client.post(reverse("portal:route_question", args=[slug]), data)
            assert response.status_code == 302
        page = client.get(reverse("portal:route_result"))
        assert page.status_code == 200
        text = page.content.decode()
        assert_for_family(text, f"route finder {answers}")
        main = text.split('id="summary">', 1)[1].split("</p>", 1)[0]
        assert re.search(r"\b(you|your)\b", main, re.IGNORECASE), main
        # The citations sit in the details component, after the answer in plain words.
        assert text.index("The law behind this answer") > text.index('id="next-steps"')
        shown += 1
    assert shown > 10


def test_the_family_answer_follows_the_rules_engine():
    # CFA 2014 s.55(3): no certificate for an appeal only about the placement (section I).
    placement = family_answer(rules.triage("plan_content", ["I"]))
    assert "do not need a mediation certificate" in placement.summary
    needs = family_answer(rules.triage("refuse_to_assess"))
    assert "must talk to a mediation adviser and get a mediation certificate" in needs.summary
    # SEND Regs reg 33: within 2 months of the decision letter.
    assert any("within 2 months" in step for step in needs.next_steps)
    health = family_answer(rules.triage("plan_content", ["B", "G"]))
    assert "the ICB" in health.summary


@pytest.mark.django_db
def test_the_deadline_calculator_keeps_the_law_behind_its_details():
    response = Client().get(
        reverse("portal:deadlines"),
        {"decision_letter_date-day": "2", "decision_letter_date-month": "3",
         "decision_letter_date-year": "2026"},
    )  # fmt: skip
    text = response.content.decode()
    assert response.status_code == 200
    assert "The law behind this answer" in text
    details = text.split("The law behind this answer", 1)[1]
    assert "HESC Rules r.20(1)(c)" in details
    assert "HESC Rules r.20(1)(c)" not in text.split("The law behind this answer", 1)[0]
    assert_for_family(text, "deadline calculator")


def test_the_certificate_names_who_issued_it_and_no_court_case(world):
    case = make_case(world, "declined")
    adviser = world.user(Role.ADVISER)
    certificate = document_services.issue_certificate(
        case, "information_given", ISSUED_ON, idempotency_key=key(), by=adviser
    )
    issued_by = f"{adviser.full_name}, mediation adviser, for {case.provider.name}"
    assert issued_by in html.unescape(certificate.html)  # a name such as O'Brien is escaped
    assert "Why you have this certificate" in certificate.html
    assert "you must first hear about mediation from a mediation adviser" in certificate.html
    assert_for_family(certificate.html, "certificate")
    # The appeal deadline's working still cites the tribunal's rule (HESC Rules r.20(1)(c)).
    assert "HESC Rules r.20(1)(c)" in certificate.html
    assert "Dodds" in certificate.appeal_deadline_basis  # kept for staff, not printed


@pytest.mark.django_db
@pytest.mark.parametrize("page", EASY_READ, ids=lambda p: p.slug)
def test_each_easy_read_page_has_short_lines_each_with_a_picture(page):
    assert len(page.lines) >= 8
    for picture, sentence in page.lines:
        assert (ROOT / "static/accord/easy-read" / f"{picture}.svg").is_file(), picture
        assert len(sentence.split()) <= 12, sentence
        assert sentence.count(".") + sentence.count("?") == 1, sentence  # one idea a line
    response = Client().get(reverse("portal:easy_read", args=[page.slug]))
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert text.count('class="accord-easy-read__picture"') == len(page.lines)
    for _, sentence in page.lines:
        assert sentence in text
    assert "OpenMoji" in text and "CC BY-SA 4.0" in text
    assert_for_family(text, page.slug)


@pytest.mark.django_db
def test_the_easy_read_pages_are_linked_from_the_family_pages(world):
    case = make_case(world, "declined")
    client = Client()
    sign_in(client, "parent@example.com")
    page = client.get(reverse("family:case", args=[case.reference])).content.decode()
    for easy in EASY_READ:
        assert reverse("portal:easy_read", args=[easy.slug]) in page
    guide = Client().get(reverse("portal:guide", args=["overview"])).content.decode()
    assert reverse("portal:easy_read_start") in guide
    assert Client().get(reverse("portal:easy_read", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("letter", "certificate"),
    [
        (date(2026, 3, 2), None),  # 2 May 2026 is a Saturday (HESC Rules r.12(2))
        (date(2026, 10, 25), None),  # runs past Christmas (HESC Rules r.12(3))
        (date(2026, 3, 2), date(2026, 4, 20)),  # the later certificate limb (r.20(1)(c)(ii))
    ],
)
def test_each_step_is_said_to_the_family_without_its_citation(letter, certificate):
    steps = [
        *rules.explain_adviser_contact(letter).steps,
        *rules.explain_appeal_deadline(letter, certificate).steps,
    ]
    said = [for_family(step) for step in steps]
    assert any("(HESC Rules" in step or "(SEND Regs" in step for step in steps)
    for step in said:
        assert "(HESC Rules" not in step and "(SEND Regs" not in step, step
        assert "The family" not in step and "limb" not in step, step
        assert step.count("(") == step.count(")"), step
    assert any(step.startswith("Your appeal must reach the tribunal by 5pm") for step in said)
    assert any(step.startswith("You must contact a mediation adviser by") for step in said)
