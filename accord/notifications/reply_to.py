"""The Reply-To of each email the outbox sends: an extension point for the app that receives
replies (accord.inbound registers in its AppConfig.ready, so notifications imports nothing above
it).

A resolver is given the outbox row and the one recipient the email is for and returns the
address that recipient's reply should go to, or None to leave it to the next resolver; without
one, the row's own `reply_to` is used.
"""

from __future__ import annotations

from collections.abc import Callable

from accord.notifications.models import OutboxMessage

ReplyToResolver = Callable[[OutboxMessage, str], str | None]

_resolvers: dict[str, ReplyToResolver] = {}


def register_reply_to(name: str, resolver: ReplyToResolver) -> None:
    """Registers `resolver` under a unique `name` (the same name again replaces it)."""
    _resolvers[name] = resolver


def reply_to_for(message: OutboxMessage, recipient: str) -> list[str] | None:
    for resolver in _resolvers.values():
        address = resolver(message, recipient)
        if address:
            return [address]
    return [message.reply_to] if message.reply_to else None
