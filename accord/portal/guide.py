"""The pages of the guide "Mediation and disagreement resolution", in reading order.

Only the page names live here; what each page says is in templates/portal/guide/<slug>.html.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GuidePage:
    slug: str
    title: str

    @property
    def template(self) -> str:
        return f"portal/guide/{self.slug}.html"


GUIDE: tuple[GuidePage, ...] = (
    GuidePage("overview", "What mediation and disagreement resolution are"),
    GuidePage("advice-call", "Talking to a mediation adviser"),
    GuidePage("certificates", "Mediation certificates"),
    GuidePage("who-takes-part", "Who takes part"),
    GuidePage("on-the-day", "What happens on the day"),
    GuidePage("confidentiality", "What stays private"),
    GuidePage("right-to-appeal", "Mediation and your right to appeal"),
    GuidePage("parents-and-carers", "If you are a parent or carer"),
    GuidePage("young-people", "If you are 16 to 25"),
)


def guide_page(slug: str) -> tuple[GuidePage | None, GuidePage | None, GuidePage | None]:
    """(previous, this page, next); this page is None for an unknown slug."""
    for index, page in enumerate(GUIDE):
        if page.slug == slug:
            previous = GUIDE[index - 1] if index > 0 else None
            following = GUIDE[index + 1] if index + 1 < len(GUIDE) else None
            return previous, page, following
    return None, None, None
