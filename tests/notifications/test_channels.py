"""Each party told by their own channel: the preferred contact method decides, and a method that
cannot be used falls back to one that can."""

from __future__ import annotations

import pytest

from accord.cases.choices import ContactMethod, PartyRole
from accord.notifications.channels import mobile_number, postal_address, route_for
from accord.notifications.models import Channel
from tests.factories import PartyFactory

ADDRESS = "12 High Street\nMaidstone\nME14 1XX"


@pytest.mark.parametrize(
    ("preferred", "channel", "address"),
    [
        (ContactMethod.EMAIL, Channel.EMAIL, "parent@example.com"),
        (ContactMethod.TEXT, Channel.TEXT, "07700900123"),
        (ContactMethod.POST, Channel.LETTER, "A Parent\n12 High Street\nMaidstone\nME14 1XX"),
        # Accord cannot make a phone call: the first channel it holds details for.
        (ContactMethod.PHONE, Channel.EMAIL, "parent@example.com"),
    ],
)
def test_the_preferred_contact_method_chooses_the_channel(make_case, preferred, channel, address):
    party = PartyFactory(
        case=make_case(),
        name="A Parent",
        email="parent@example.com",
        phone="07700 900 123",
        address=ADDRESS,
        preferred_contact=preferred,
    )
    route = route_for(party)
    assert route is not None
    assert (route.channel, route.address) == (channel, address)
    assert route.preferred == (preferred != ContactMethod.PHONE)


def test_a_text_without_a_mobile_number_falls_back_to_a_letter(make_case):
    party = PartyFactory(
        case=make_case(),
        email="",
        phone="01622 123456",  # a landline takes no texts
        address=ADDRESS,
        preferred_contact=ContactMethod.TEXT,
    )
    route = route_for(party)
    assert route is not None
    assert route.channel == Channel.LETTER
    assert route.preferred is False


def test_no_details_at_all_means_no_route(make_case):
    party = PartyFactory(case=make_case(), email="", phone="", address="")
    assert route_for(party) is None


@pytest.mark.parametrize(
    ("phone", "number"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("(07700) 900-123", "07700900123"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("01622 123456", ""),
        ("+44 1622 123456", ""),
        ("not a number", ""),
    ],
)
def test_only_mobile_numbers_take_texts(phone, number):
    assert mobile_number(phone) == number


def test_a_young_persons_letter_does_not_carry_their_name(make_case):
    party = PartyFactory(
        case=make_case(), role=PartyRole.YOUNG_PERSON, name="Zebedee Quartermaine", address=ADDRESS
    )
    lines = postal_address(party)
    assert lines[0] == "Private and confidential"
    assert "Zebedee" not in " ".join(lines)


def test_an_address_without_a_postcode_cannot_take_a_letter(make_case):
    party = PartyFactory(case=make_case(), address="Somewhere\nin Kent")
    assert postal_address(party) == []
