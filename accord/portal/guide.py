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


# --- the easy read version of the key pages ------------------------------------------------
# Short sentences, one idea a line, a picture beside each (OpenMoji, CC BY-SA 4.0: the pictures
# and their licence are in accord/static/accord/easy-read/). Each line is (picture, sentence).


@dataclass(frozen=True)
class EasyReadPage:
    slug: str
    title: str
    full_version: str  # the guide page it is the easy read of
    lines: tuple[tuple[str, str], ...]


EASY_READ: tuple[EasyReadPage, ...] = (
    EasyReadPage(
        "what-mediation-is",
        "What mediation is",
        "overview",
        (
            ("people-dialogue", "Mediation is a meeting."),
            ("family-adult-child", "You and the council meet to talk."),
            ("handshake", "You try to agree on the help your child needs."),
            ("person-raising-hand", "A mediator runs the meeting."),
            ("balance-scale", "The mediator does not take sides."),
            ("check-mark-button", "Mediation is free for you."),
            ("thumbs-up", "You choose if you want mediation."),
            ("telephone", "First you talk to a mediation adviser."),
            ("page-facing-up", "The adviser can give you a mediation certificate."),
        ),
    ),
    EasyReadPage(
        "your-right-to-appeal",
        "Your right to appeal",
        "right-to-appeal",
        (
            ("judge", "The tribunal is a kind of court."),
            ("balance-scale", "It can change some decisions your council makes."),
            ("page-facing-up", "Before you appeal, you usually need a mediation certificate."),
            ("telephone", "Talk to a mediation adviser to get one."),
            ("calendar", "Do this within 2 months of the council's letter."),
            ("thumbs-up", "You do not have to go to mediation."),
            ("hourglass-not-done", "Mediation does not stop you appealing."),
            ("school", "If it is only about the school, you need no certificate."),
            ("alarm-clock", "Your appeal has a last day."),
            ("stop-sign", "Do not wait until the last day."),
        ),
    ),
    EasyReadPage(
        "on-the-day",
        "What happens on the day",
        "on-the-day",
        (
            ("spiral-calendar", "We tell you where and when, 5 working days before or more."),
            ("house", "The meeting can be in a room."),
            ("laptop", "Or it can be online."),
            ("busts-in-silhouette", "You, the council and the mediator will be there."),
            ("raising-hands", "You can bring someone to support you."),
            ("speaking-head", "Everyone gets a turn to speak."),
            ("chair", "You can ask for a break at any time."),
            ("writing-hand", "The mediator writes down what you agree."),
            ("envelope", "You get a copy of what you agreed."),
            ("memo", "You get your mediation certificate within 3 working days."),
        ),
    ),
)


def easy_read_page(slug: str) -> EasyReadPage | None:
    return next((page for page in EASY_READ if page.slug == slug), None)
