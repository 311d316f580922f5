"""Plain-English wording shared by the explanations ("steps") of every clock."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_name(d: date) -> str:
    """'Monday' etc., independent of the process locale."""
    return _DAY_NAMES[d.weekday()]


def month_name(month: int) -> str:
    return _MONTH_NAMES[month - 1]


def long_date(d: date) -> str:
    """'Monday 1 March 2027', the GOV.UK style with the day of the week."""
    return f"{day_name(d)} {d.day} {month_name(d.month)} {d.year}"


def short_date(d: date) -> str:
    """'1 March 2027'."""
    return f"{d.day} {month_name(d.month)} {d.year}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: 'Refusal to issue an EHC plan' -> 'refusal to
    issue an EHC plan' (only the first letter changes, so 'EHC' stays)."""
    return label[:1].lower() + label[1:]


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def as_predicate(reason: str) -> str:
    """Turn a non-working reason into words after 'is': 'Sunday' -> 'a Sunday',
    'Easter Monday bank holiday' -> 'the Easter Monday bank holiday', 'Good Friday' -> 'Good
    Friday'."""
    if reason.split(" ", 1)[0] in _DAY_NAMES:
        return f"a {reason}"
    if reason.lower().endswith("bank holiday"):
        return f"the {reason}"
    return reason


# --- the same steps, said to the family --------------------------------------------------------
# The steps are written for the case record ("The family must contact the mediation adviser by
# ... (SEND Regs reg 33)"). A family reads them as "you", with the citations left to the list of
# the law behind the answer.

_CITATION = re.compile(
    r"\s*\((?:HESC Rules|SEND Regs|CFA|Children and Families Act)[^()]*(?:\([^()]*\)[^()]*)*\)"
)
_TO_THE_FAMILY = (
    ("The decision notice was sent on", "Your council's decision letter was sent on"),
    (
        "No mediation certificate date is recorded, so only the 2-month limb applies. If a "
        "certificate is issued later, the deadline becomes 1 month after it when that is later",
        "You have not given a mediation certificate date, so the 2 months from the letter count. "
        "If you get a certificate later, your deadline becomes 1 month after it, if that is later",
    ),
    ("The mediation certificate was issued on", "Your mediation certificate was issued on"),
    ("This case's first mediation certificate was", "Your first mediation certificate was"),
    ("The family must contact the mediation adviser by", "You must contact a mediation adviser by"),
    ("The appeal must reach the tribunal by", "Your appeal must reach the tribunal by"),
    ("after the decision notice", "after the decision letter"),
    ("Both limbs end on", "Both dates are"),
    (
        "Nothing in regulation 33 moves a due date off a non-working day, so it stays; act by "
        "the working day before to be safe.",
        "This date does not move, even though it is not a working day. To be safe, act by the "
        "working day before.",
    ),
)


def for_family(step: str) -> str:
    """One step of an explanation as the family reads it: to "you", without its citations."""
    for said, to_family in _TO_THE_FAMILY:
        step = step.replace(said, to_family)
    return _CITATION.sub("", step)
