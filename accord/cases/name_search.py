"""The caseload's search by name: one normalised column on the case, kept by the model layer.

`Case.name_search` holds the child's names and every party's name, each folded by
`normalise_name` (lower case, accents folded, apostrophes dropped, other punctuation a space)
and joined with spaces, with a space at each end: " sian obrien mair obrien sen officer ... ".
The search matches each word typed, folded the same way, inside that one column, which one
trigram index answers on PostgreSQL (migration `cases/0018`; docs/decisions.md,
"Search by name").

Names are not encrypted at rest (accord.cases.encrypted), so the column holds nothing the case
does not already hold in clear. It is rewritten whenever a name changes
(`models.refresh_name_search`, called by `ChildOrYoungPerson.save`, `Party.save` and
`Party.delete`) and by the services that change names in bulk (anonymisation), so an erased or
anonymised name is not found either. This module is pure: no database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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
    """What the column must contain for one folded word: a word of a name beginning with it
    (the space before it). "bell" finds Bell and Bellamy, not Campbell or Isabella; "jones"
    finds Smith-Jones. The trigram index answers it whatever the word's length."""
    return f" {word}"
