"""Extension point: a case opened from a request someone made on a family's behalf.

The portal (floor 6) accepts an online request made by a SENDIASS adviser, an advocate or a
relative for a family; the case then holds both the family (the party) and the person who asked
(their supporter). What follows belongs to accord.family (on the same floor as the portal, so
neither imports the other): the consent the family gave through the person who asked, and the
family's own invitation to sign in. The portal calls `asked_on_behalf`; the family app registers
the handler in its AppConfig.ready() (docs/architecture.md, "Extension points").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from accord.cases.models import Case, Party
from accord.organisations.models import User


@dataclass(frozen=True)
class AskedOnBehalf:
    case: Case
    family: Party
    supporter: Party
    supporter_kind: str  # accord.cases.choices.SupporterKind
    # The person who asked says the family agreed they may support them and see the case.
    family_consented: bool
    how_consent_was_given: str


Handler = Callable[..., object]

_handlers: dict[str, Handler] = {}


def register_asked_on_behalf(name: str, handler: Handler) -> None:
    """`handler(asked: AskedOnBehalf, *, by: User | None)`, run inside the accepting transaction
    (what it writes stands or falls with the new case). The same name again replaces it."""
    _handlers[name] = handler


def asked_on_behalf(asked: AskedOnBehalf, *, by: User | None) -> None:
    for handler in list(_handlers.values()):
        handler(asked, by=by)
