"""Where a webhook may be sent: only to addresses on the public internet.

A body's client chooses its webhook address, and Accord's worker then posts to it from inside
the provider's network. An address that is, or resolves to, a loopback, private, link-local or
otherwise reserved address (127.0.0.1, 10.x, 169.254.169.254 …) would let a client make Accord
call its own internal services, so it is refused when the webhook is registered and checked
again before each delivery (a name can be made to resolve elsewhere later). Local development
and the tests deliver to 127.0.0.1: `ACCORD_WEBHOOKS_ALLOW_PRIVATE` (on outside production)
allows it.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def refused_address(url: str) -> str:
    """Why the worker must not post to `url`, or "" when it may."""
    if settings.ACCORD_WEBHOOKS_ALLOW_PRIVATE:
        return ""
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        return "The address has no host name."
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError, UnicodeError):
        return f"The host {host} could not be found."
    for *_rest, address in found:
        ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            return (
                f"The host {host} is not on the public internet ({ip}): webhooks go only to "
                "public addresses."
            )
    return ""
