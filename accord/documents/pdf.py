"""The PDFs Accord issues, drawn with ReportLab's platypus (flowing text on A4).

Plain English, clear headings, the service's name and contact on every page. Built from the
same content the confirmation page shows (accord.documents.certificate_content), so what staff
checked is what is printed. `invariant` makes the bytes depend only on the content, so a checksum
means something.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from accord.cases.choices import Route
from accord.rules.wording import long_date, short_date

if TYPE_CHECKING:
    from accord.documents.certificate_content import CertificateContent
    from accord.documents.models import Agreement, AgreementItem

_BASE = getSampleStyleSheet()
BODY = ParagraphStyle(
    "body", parent=_BASE["BodyText"], fontName="Helvetica", fontSize=11, leading=15, spaceAfter=6
)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=9, leading=12, spaceAfter=3)
H1 = ParagraphStyle(
    "h1", parent=_BASE["Heading1"], fontName="Helvetica-Bold", fontSize=22, leading=27, spaceAfter=4
)
H2 = ParagraphStyle(
    "h2",
    parent=_BASE["Heading2"],
    fontName="Helvetica-Bold",
    fontSize=15,
    leading=19,
    spaceBefore=10,
    spaceAfter=6,
)
CAPTION = ParagraphStyle(
    "caption", parent=BODY, textColor=colors.HexColor("#505a5f"), fontSize=12, leading=16
)
DEADLINE = ParagraphStyle(
    "deadline", parent=BODY, fontName="Helvetica-Bold", fontSize=14, leading=19
)
KEY = ParagraphStyle("key", parent=BODY, fontName="Helvetica-Bold", spaceAfter=0)
VALUE = ParagraphStyle("value", parent=BODY, spaceAfter=0)

_GRID = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#b1b4b6")),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]
)
_PANEL = TableStyle(
    [
        ("BOX", (0, 0), (-1, -1), 2, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ]
)
_WIDTH = A4[0] - 40 * mm


def text(value: str, style: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain text (escaped: names may contain '&' or '<')."""
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


def _facts(rows: Sequence[tuple[str, str]]) -> Table:
    data = [[text(key, KEY), text(value, VALUE)] for key, value in rows]
    table = Table(data, colWidths=[55 * mm, _WIDTH - 55 * mm])
    table.setStyle(_GRID)
    return table


def _panel(flowables: list[Any]) -> Table:
    table = Table([[flowables]], colWidths=[_WIDTH])
    table.setStyle(_PANEL)
    return table


def _contact(name: str, email: str, phone: str) -> str:
    ways = [w for w in (phone, email) if w]
    return f"{name}" + (f" — {', '.join(ways)}" if ways else "")


def _build(story: list[Any], *, title: str, footer: str) -> bytes:
    buffer = io.BytesIO()

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#505a5f"))
        canvas.drawString(20 * mm, 12 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=title,
        author=footer,
        invariant=True,
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


# --- the mediation certificate -------------------------------------------------------------


def render_certificate(
    content: CertificateContent,
    number: str,
    *,
    replaces: tuple[str, date, str] | None = None,
) -> bytes:
    """The certificate as PDF bytes. `replaces` is (number, issued_on, reason) for a correction."""
    wording = content.wording
    story: list[Any] = [
        text(content.provider_name, CAPTION),
        text("Mediation certificate", H1),
        text(wording.title.split(": ", 1)[1].capitalize(), CAPTION),
        Spacer(1, 4 * mm),
    ]
    if replaces is not None:
        old_number, old_issued_on, reason = replaces
        story += [
            _panel(
                [
                    text("This is a corrected certificate", KEY),
                    text(
                        f"It replaces certificate {old_number}, issued on "
                        f"{short_date(old_issued_on)}, which must no longer be used. "
                        f"Reason for the correction: {reason}",
                        VALUE,
                    ),
                ]
            ),
            Spacer(1, 4 * mm),
        ]
    story += [
        _facts(
            [
                ("Certificate number", number),
                ("Date of issue", long_date(content.issued_on)),
                ("Parent or young person", content.family_names),
                ("Child or young person", content.child_name),
                ("Local authority", content.local_authority_name),
                ("Decision", content.decision_description),
                ("Date the decision notice was sent", long_date(content.decision_notice_sent_on)),
                ("Kind of certificate", f"{content.kind_label} ({wording.section})"),
                ("Our case reference", content.case_reference),
            ]
        ),
        Spacer(1, 5 * mm),
        _panel(
            [
                text("Your appeal deadline", KEY),
                text(
                    f"If you want to appeal, your appeal must reach the tribunal by "
                    f"5pm on {long_date(content.appeal_deadline)}.",
                    DEADLINE,
                ),
            ]
        ),
        text("What this certificate confirms", H2),
        text(content.statement),
        text(
            f"It is issued under {wording.section} and {wording.regulation}. You need it to "
            "appeal to the First-tier Tribunal (Special Educational Needs and Disability) "
            "about this decision."
        ),
        KeepTogether(
            [
                text("How your appeal deadline was worked out", H2),
                *[text(f"•  {step}", SMALL) for step in content.appeal_steps],
                text(f"Legal basis: {content.appeal_basis}.", SMALL),
            ]
        ),
        text("What to do next", H2),
        text(
            "If you want to appeal, send a copy of this certificate with your appeal form "
            "(form SEND35) to the tribunal before the deadline above. Do not wait until the "
            "last day."
        ),
        text(
            "Your local SEND Information, Advice and Support Service (SENDIASS) can give you "
            "free, impartial advice about appealing."
        ),
        text(
            "If anything on this certificate is wrong, contact us at once: "
            + _contact(content.provider_name, content.provider_email, content.provider_phone)
            + f", quoting {content.case_reference}."
        ),
    ]
    footer = f"{number} · " + _contact(
        content.provider_name, content.provider_email, content.provider_phone
    )
    return _build(story, title=f"Mediation certificate {number}", footer=footer)


# --- the written agreement -----------------------------------------------------------------


def render_agreement(
    agreement: Agreement,
    items: Sequence[AgreementItem],
    parties: Sequence[tuple[str, str]],
    *,
    number: str,
    kind_title: str,
    due_texts: dict[int, tuple[str, str]],
) -> bytes:
    """The written agreement. `parties` are (name, role); `due_texts` maps an item's id to
    (by when, why that date) as worked out by the service."""
    case = agreement.case
    provider = case.provider
    contact = _contact(provider.name, provider.email, provider.phone)
    story: list[Any] = [
        text(provider.name, CAPTION),
        text(kind_title, H1),
        text(agreement.outcome_label, CAPTION),
        Spacer(1, 4 * mm),
        _facts(
            [
                ("Agreement number", number),
                ("Date of the agreement", long_date(agreement.concluded_on)),
                ("Child or young person", case.child.full_name),
                ("Local authority", case.local_authority.name),
                *([("Health body (ICB)", case.health_body.name)] if case.health_body else []),
                ("Parties", "\n".join(f"{name} ({role})" for name, role in parties)),
                ("Our case reference", case.reference),
            ]
        ),
    ]
    if agreement.summary:
        story += [text("Summary", H2), text(agreement.summary)]
    story.append(text("What was agreed", H2))
    if not items:
        story.append(text("No agreement was reached on the issues discussed."))
    for item in items:
        due, why = due_texts.get(item.pk, ("", ""))
        rows = [
            ("What was decided", item.decided),
            ("What will happen", item.action),
            ("Who is responsible", item.responsible),
            ("By when", due + (f"\n{why}" if why else "")),
        ]
        if item.review:
            rows.append(("How it will be reviewed", item.review))
        story.append(
            KeepTogether([text(f"Point {item.position}", KEY), _facts(rows), Spacer(1, 4 * mm)])
        )
    if case.route != Route.DISAGREEMENT_RESOLUTION:  # reg 42 covers mediation agreements
        story += [
            text("Timescales", H2),
            text(
                "Where this agreement settles something the family could have appealed to the "
                "tribunal, the local authority must carry it out within the time limits in "
                "regulation 44 of the SEND Regulations 2014, as if it were an order of the "
                "tribunal (regulation 42(2)). Anything else the local authority or health body "
                "agreed to do must be done within 2 weeks (regulation 42(3)), unless the "
                "parties agreed a different timescale in writing (regulation 42(5))."
            ),
        ]
    story += [
        text("Confidentiality", H2),
        text(
            "What was said in the meeting is confidential and cannot be used at the tribunal. "
            "This written agreement is shared with everyone who took part."
        ),
        text(f"Questions about this agreement: {contact}, quoting {case.reference}."),
    ]
    return _build(story, title=f"{kind_title} {number}", footer=f"{number} · {contact}")
