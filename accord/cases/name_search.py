"""The caseload's search by name: one normalised column on the case, kept by the model layer.

`Case.name_search` holds the child's names and every party's name, each folded by
`normalise_name` (lower case, accents folded, apostrophes dropped, other punctuation a space)
and joined with spaces, with a space at each end: " sian obrien mair obrien sen officer ... ".
The search matches each word typed, folded the same way, inside that one column, which one
trigram index answers on PostgreSQL (migration `cases/0018`; docs/decisions.md,
"Search by name").

Names are not encrypted at rest (accord.cases.encrypted), so the column holds nothing the case
does not already hold in clear; it is rewritten whenever a name changes (`refresh_name_search`,
called by `ChildOrYoungPerson.save`, `Party.save` and `Party.delete`) and by the services that
change names in bulk (anonymisation), so an erased or anonymised name is not found either.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accord.cases.models import Case

# Letters NFKD does not split into a base letter and an accent.
_FOLDED = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ı": "i",
    }
)
# Straight and curly apostrophes, the modifier letter and the backtick and acute used for them:
# "O'Brien", "O’Brien" and "OBrien" are one name.
_APOSTROPHES = re.compile(r"['’‘ʼ`´]")
# Anything else that is not a letter or a digit (hyphens, full stops, commas) separates words.
_SEPARATORS = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    """A name as the search compares it: "Siân O’Brien-Jones" -> "sian obrien jones"."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_FOLDED))
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    bare = _APOSTROPHES.sub("", bare)
    return _SEPARATORS.sub(" ", bare).strip()


def search_words(query: str) -> list[str]:
    """The words of a search, folded as the names are ("O'Brien-Jones" -> obrien, jones)."""
    return normalise_name(query).split()


def name_search_text(names: Iterable[str]) -> str:
    """The column's value for these names (child's first and last, then each party's)."""
    words = " ".join(w for w in (normalise_name(n) for n in names) if w)
    return f" {words} "


def name_fragment(word: str) -> str:
    """What the column must contain for one folded word: the word anywhere in a name from three
    letters on (as the parties' names were matched); a shorter word only at the start of a name
    (the space before it), which the trigram index can still answer: an infix of one or two
    letters has no trigram to look up, and would read the whole index."""
    return f" {word}" if len(word) < 3 else word


def refresh_name_search(case_ids: Iterable[int]) -> None:
    """Rewrites the column of these cases from their child's and parties' names as stored."""
    from accord.cases.models import Case, Party

    ids = sorted(set(case_ids))
    if not ids:
        return
    names: dict[int, list[str]] = {}
    for case_id, first, last in Case.objects.filter(pk__in=ids).values_list(
        "pk", "child__first_name", "child__last_name"
    ):
        names[case_id] = [first, last]
    for case_id, name in (
        Party.objects.filter(case_id__in=ids).order_by("pk").values_list("case_id", "name")
    ):
        names[case_id].append(name)
    for case_id, case_names in names.items():
        Case.objects.filter(pk=case_id).update(name_search=name_search_text(case_names))


def initial_name_search(case: Case) -> str:
    """A new case's column: its child's names (its parties are added after it)."""
    child = case.child
    return name_search_text([child.first_name, child.last_name])
