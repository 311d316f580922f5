"""Letters as PDFs for GOV.UK Notify's precompiled letters, drawn with ReportLab.

Notify prints and posts a PDF it is given if it meets its letter specification. The basics kept
here: A4 portrait; every font embedded (Bitstream Vera, which ReportLab ships, rather than the
standard PDF fonts, which are not embedded); the address, 3 to 7 lines, inside Notify's address
block (24.6 mm from the left, 39.5 mm from the top, 95 mm wide and 26.8 mm high) so it shows in
the envelope window; nothing printed in the area Notify keeps for its own mark at the top left;
the text inside 15 mm side margins and clear of the top and bottom 5 mm.

    letter_pdf(address_lines, heading, body, service) -> bytes
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

PAGE_WIDTH, PAGE_HEIGHT = A4
ADDRESS_LEFT = 24.6 * mm
ADDRESS_TOP = 39.5 * mm
ADDRESS_WIDTH = 95.0 * mm
ADDRESS_HEIGHT = 26.8 * mm
SIDE_MARGIN = 15 * mm
# The first page's text starts below the address block and the date beside it.
FIRST_PAGE_TEXT_TOP = 95 * mm
LATER_PAGE_TEXT_TOP = 20 * mm
BOTTOM_MARGIN = 20 * mm

_FONTS = Path(reportlab.__file__).parent / "fonts"
REGULAR = "AccordVera"
BOLD = "AccordVera-Bold"


def _register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(_FONTS / "VeraBd.ttf")))


def _styles() -> tuple[ParagraphStyle, ParagraphStyle]:
    body = ParagraphStyle("letter", fontName=REGULAR, fontSize=11, leading=15, spaceAfter=6)
    heading = ParagraphStyle(
        "letter-heading", parent=body, fontName=BOLD, fontSize=13, leading=17, spaceAfter=8
    )
    return body, heading


def _draw_address(canvas: Canvas, lines: Sequence[str], service: str, on: date) -> None:
    canvas.saveState()
    canvas.setFont(REGULAR, 10)
    leading = ADDRESS_HEIGHT / 7
    top = PAGE_HEIGHT - ADDRESS_TOP
    for number, line in enumerate(lines):
        canvas.drawString(ADDRESS_LEFT, top - (number + 1) * leading + 1 * mm, line[:60])
    right = PAGE_WIDTH - SIDE_MARGIN
    canvas.drawRightString(right, top - leading, service[:60])
    canvas.drawRightString(right, top - 2 * leading, f"{on:%A} {on.day} {on:%B %Y}")
    canvas.restoreState()


def letter_pdf(
    address_lines: Sequence[str], heading: str, body: str, *, service: str, on: date
) -> bytes:
    """A letter of one or more pages: the address and date on the first, then the heading and
    the body's paragraphs (blank lines separate them; a line starting '- ' is a list item)."""
    if not 3 <= len(address_lines) <= 7:
        raise ValueError("A letter's address needs 3 to 7 lines.")
    _register_fonts()
    text_width = PAGE_WIDTH - 2 * SIDE_MARGIN
    first = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        text_width,
        PAGE_HEIGHT - FIRST_PAGE_TEXT_TOP - BOTTOM_MARGIN,
        id="first",
    )
    later = Frame(
        SIDE_MARGIN,
        BOTTOM_MARGIN,
        text_width,
        PAGE_HEIGHT - LATER_PAGE_TEXT_TOP - BOTTOM_MARGIN,
        id="later",
    )
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=heading,
        author=service,
        creator="Accord",
        invariant=True,
        # Else the canvas starts in Helvetica, a font that is not embedded.
        initialFontName=REGULAR,
        initialFontSize=11,
    )
    document.addPageTemplates(
        [
            PageTemplate(
                id="First",
                frames=[first],
                onPage=lambda canvas, _doc: _draw_address(canvas, address_lines, service, on),
                autoNextPageTemplate="Later",
            ),
            PageTemplate(id="Later", frames=[later]),
        ]
    )
    body_style, heading_style = _styles()
    story: list[Paragraph | Spacer] = [Paragraph(escape(heading), heading_style)]
    for paragraph in body.strip().split("\n\n"):
        lines = [escape(line.strip()) for line in paragraph.splitlines() if line.strip()]
        if lines:
            story.append(Paragraph("<br/>".join(lines), body_style))
    document.build(story)
    return buffer.getvalue()
