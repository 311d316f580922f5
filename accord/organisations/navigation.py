"""The service navigation, built from the access rules the views declare.

Each item names a page by its URL name only. Who sees it is not written here: it is read from
the view that URL resolves to (its `roles(...)` declaration, accord.organisations.access), and
asked the same question that view asks before it runs (`membership_allowed`). So the menu cannot
offer a page the view would refuse, and changing who may use a page changes the menu with it.

Who sees what:
- a signed-in person sees each role-guarded page that one of their roles in the provider they
  work in may open;
- a visitor who is not signed in sees the public pages;
- family pages have their own menu (accord.family, signed in with a one-time code).

The items are listed here, by URL name, rather than registered by each app in its
AppConfig.ready(): the order of the menu is one design decision, best read in one place, and a
URL name is a string, so naming a higher app's page here imports nothing from it (the layers in
docs/architecture.md still hold: organisations imports no app above it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, resolve, reverse

from accord.organisations.access import AccessRule, access_rule_of, membership_allowed
from accord.organisations.second_factor.middleware import needs_second_factor


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str


# In the order they are shown.
NAVIGATION: tuple[NavItem, ...] = (
    NavItem("Caseload", "cases:caseload"),
    NavItem("New enquiry", "cases:new"),
    NavItem("Your actions", "follow_up:my_actions"),
    NavItem("Online requests", "portal:inbox"),
    NavItem("Mail in", "inbound:inbox"),
    NavItem("Messages", "notifications:outbox"),
    NavItem("Complaints", "complaints:list"),
    NavItem("Diaries", "diaries:list"),
    NavItem("Fees and expenses", "fees:list"),
    NavItem("Reports", "reports:index"),
    NavItem("Your accreditations", "setup:my_accreditations"),
    NavItem("Set up the service", "setup:people"),
    NavItem("Data protection", "privacy:audit"),
    NavItem("Help with a disagreement", "portal:home"),
    NavItem("Staff sign in", "login"),
)


@dataclass(frozen=True)
class NavLink:
    """One item as shown: `current` on its own page (aria-current="page"), `active` anywhere
    in its section (aria-current="true"), as the GOV.UK service navigation does."""

    label: str
    url: str
    current: bool = False
    active: bool = False


def declared_rule(item: NavItem) -> AccessRule:
    """The access rule of the view the item's URL resolves to."""
    return _address_and_rule(item, get_urlconf(), get_script_prefix())[1]


@lru_cache(maxsize=256)
def _address_and_rule(
    item: NavItem, urlconf: str | None, script_prefix: str
) -> tuple[str, AccessRule]:
    """The item's address and its view's rule: fixed for a URLconf (and the prefix the site is
    served under), so worked out once, not reversed and resolved again on every page."""
    url = reverse(item.url_name, urlconf=urlconf)
    rule = access_rule_of(resolve(url, urlconf=urlconf).func)
    if rule is None:
        raise ImproperlyConfigured(f"{item.url_name} declares no access rule")
    return url, rule


@receiver(setting_changed)
def _forget_addresses(*, setting: str, **kwargs: object) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLconf
        _address_and_rule.cache_clear()


def offered(request: HttpRequest, rule: AccessRule) -> bool:
    if needs_second_factor(request):
        # A password alone opens none of these pages: offer none until the code is given.
        return False
    if request.user.is_authenticated:
        return membership_allowed(request, rule) is not None
    return rule.kind == "public"


def navigation_for(request: HttpRequest) -> list[NavLink]:
    """The items this request's user may open, with the one for the current page marked."""
    urlconf, prefix = get_urlconf(), get_script_prefix()
    shown = []
    for item in NAVIGATION:
        url, rule = _address_and_rule(item, urlconf, prefix)
        if offered(request, rule):
            shown.append((item, url))
    path = request.path
    # The deepest item whose address starts the current one marks the section ("/cases/new/"
    # is New enquiry, not Caseload). The home page "/" marks only itself.
    section = max(
        (url for _, url in shown if url == path or (url != "/" and path.startswith(url))),
        key=len,
        default=None,
    )
    return [
        NavLink(item.label, url, current=url == path, active=url == section) for item, url in shown
    ]
