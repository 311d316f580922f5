"""The guide to mediation and disagreement resolution: every page is public, linked from the
contents, says what the brief asks it to say, and is written in short, plain sentences."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from accord.portal.guide import GUIDE

PAGES = {page.slug: page for page in GUIDE}


def _page(slug: str) -> str:
    response = Client().get(reverse("portal:guide", args=[slug]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _blocks(page: str) -> list[str]:
    """The text of each paragraph, list item and heading of the page itself: after the
    contents list, before the pagination."""
    body = page.split('aria-label="Pages in this guide"', 1)[1].split("</nav>", 1)[1]
    body = body.split('class="govuk-pagination', 1)[0]
    body = re.sub(r"<(?!/?(a|strong|span)\b)[^>]+>", "\n", body)
    body = re.sub(r"<[^>]+>", "", body)
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def _body_text(page: str) -> str:
    return " ".join(_blocks(page))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(PAGES))
def test_every_page_is_public_and_in_the_contents(slug):
    page = _page(slug)
    assert f'<h1 class="govuk-heading-xl">{PAGES[slug].title}</h1>' in page
    assert '<span aria-current="page">' + PAGES[slug].title in page
    for other in GUIDE:
        if other.slug != slug:
            assert f'href="{reverse("portal:guide", args=[other.slug])}"' in page
    assert 'class="govuk-details"' in page  # extra detail is folded away


@pytest.mark.django_db
def test_the_guide_starts_at_the_overview_and_pages_link_in_order():
    start = Client().get(reverse("portal:guide_start"))
    assert start.status_code == 200
    assert GUIDE[0].title in start.content.decode()
    middle = _page(GUIDE[1].slug)
    assert f'href="{reverse("portal:guide", args=[GUIDE[0].slug])}" rel="prev"' in middle
    assert f'href="{reverse("portal:guide", args=[GUIDE[2].slug])}" rel="next"' in middle
    assert 'rel="prev"' not in _page(GUIDE[0].slug)
    assert 'rel="next"' not in _page(GUIDE[-1].slug)


@pytest.mark.django_db
def test_an_unknown_page_is_not_found():
    assert Client().get(reverse("portal:guide", args=["nothing-here"])).status_code == 404


# What each page must tell a family (product.md, rules.md).
MUST_SAY = [
    (
        "overview",
        [
            "Mediation is a meeting",
            "Disagreement resolution",
            "council must take part",
            "Everyone must agree to take part",
            "EHC plan is an education, health and care plan",
        ],
    ),
    (
        "advice-call",
        [
            "about 20 minutes",
            "mediation information and advice",
            "within 2 months of the date on the council's decision letter",
            "You do not have to go to mediation",
        ],
    ),
    (
        "certificates",
        [
            "within 3 working days",
            "A working day is a weekday",
            "1 month from the date on the certificate",
            "section I",
        ],
    ),
    (
        "who-takes-part",
        [
            "someone from the council who can make decisions",
            "bring a friend",
            "health service",
            "what the child or young person thinks",
        ],
    ),
    (
        "on-the-day",
        [
            "about 4 to 5 hours",
            "break at any time",
            "separate room",
            "at least 5 working days before",
        ],
    ),
    (
        "confidentiality",
        [
            "private",
            "Nobody can use what was said in mediation at the tribunal",
            "safeguarding",
            "seriously worried",
            "agreement is shared",
        ],
    ),
    (
        "right-to-appeal",
        [
            "does not stop you appealing",
            "keep your right to appeal",
            "August",
            "25 December and 1 January",
            "tribunal decides",
        ],
    ),
    ("parents-and-carers", ["under 16", "school year in which your child turns 16", "SENDIASS"]),
    (
        "young-people",
        [
            "over 16 and under 25",
            "the rights are yours",
            "appeal yourself",
            "take part in your own mediation",
        ],
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "phrases"), MUST_SAY, ids=[s for s, _ in MUST_SAY])
def test_each_page_says_what_a_family_needs_to_know(slug, phrases):
    text = _body_text(_page(slug))
    for phrase in phrases:
        assert phrase in text, phrase


def _syllables(word: str) -> int:
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(1, count)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", list(PAGES))
def test_sentences_are_short_and_words_are_everyday(slug):
    """A rough guard for a reading age of about 9 to 11: no long sentences, and a Flesch
    reading ease that stays 'fairly easy' or easier even with the words the law makes us use
    (mediation, certificate, tribunal), each of which the pages explain."""
    blocks = _blocks(_page(slug))
    text = " ".join(blocks)
    sentences = [
        s for block in blocks for s in re.split(r"(?<=[.!?])\s+", block) if re.search(r"\w", s)
    ]
    words = re.findall(r"[A-Za-z']+", text)
    longest = max(sentences, key=lambda s: len(s.split()))
    assert len(longest.split()) <= 22, longest
    ease = (
        206.835
        - 1.015 * len(words) / len(sentences)
        - 84.6 * sum(map(_syllables, words)) / len(words)
    )
    assert ease >= 65, f"{slug}: reading ease {ease:.0f}"
