"""Supporters, with the family's consent: invited by the family signed in or by staff recording
how consent was given; they sign in with a one-time code, see only what was consented, every
read audited; withdrawing the consent, or its end date passing, ends their access at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accord.cases.models import CaseAccess
from accord.family import supporters
from accord.family.identity import FamilyIdentity
from accord.family.models import SupporterConsent
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.family.conftest import issue_certificate, make_case, parent_of, sign_in

pytestmark = pytest.mark.django_db

ADVISER_EMAIL = "ash.adviser@sendiass.example"


def invite_form(**overrides) -> dict:
    data = {
        "name": "Ash Adviser",
        "email": ADVISER_EMAIL,
        "kind": "sendiass",
        "scope": ["may_see_dates", "may_see_messages"],
        "until": (today_in_england() + timedelta(days=90)).isoformat(),
    }
    data.update(overrides)
    return data


def invite(case, *, until_days: int = 90, **scope) -> SupporterConsent:
    return supporters.invite_supporter(
        case,
        supporters.Invitation(
            name="Ash Adviser",
            email=ADVISER_EMAIL,
            kind="sendiass",
            until=today_in_england() + timedelta(days=until_days),
            **(scope or {"may_see_dates": True}),
        ),
        by=None,
        given_by=parent_of(case),
    )


def test_the_family_invites_a_supporter_who_is_emailed_without_the_childs_name(
    family_client, family_case, deliver_outbox
):
    url = reverse("family:supporters", args=[family_case.reference])
    case_page = family_client.get(reverse("family:case", args=[family_case.reference]))
    assert url in case_page.content.decode()
    response = family_client.post(url, invite_form())
    assert response.status_code == 302
    consent = SupporterConsent.objects.get()
    assert consent.supporter.role == "supporter"
    assert consent.given_by == parent_of(family_case)
    assert consent.given_how == SupporterConsent.GivenHow.ONLINE
    assert (consent.may_see_dates, consent.may_see_documents) == (True, False)
    assert family_case.timeline.filter(kind="supporter_invited").exists()
    sent = [m for m in deliver_outbox() if m.to == [ADVISER_EMAIL]]
    assert len(sent) == 1
    assert family_case.reference in sent[0].body
    assert "Alfie" not in sent[0].body + sent[0].subject
    assert "Zebedee" not in sent[0].body + sent[0].subject


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"scope": []}, "scope"),
        ({"until": "2020-01-01"}, "until"),
        ({"email": ""}, "email"),
    ],
)
def test_a_bad_invitation_is_shown_again_and_saves_nothing(
    family_client, family_case, change, field
):
    url = reverse("family:supporters", args=[family_case.reference])
    response = family_client.post(url, invite_form(**change))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert f'href="#id_{field}' in html
    assert not SupporterConsent.objects.exists()


def test_the_supporter_signs_in_and_sees_only_what_was_consented(world, family_case):
    issue_certificate(family_case, "KM-CERT-2026-0001", by=world.user(Role.ADVISER))
    invite(family_case, may_see_dates=True, may_see_messages=True)
    client = Client()
    sign_in(client, ADVISER_EMAIL)
    cases_page = client.get(reverse("family:cases")).content.decode()
    url = reverse("family:supported_case", args=[family_case.reference])
    assert url in cases_page
    page = client.get(url).content.decode()
    assert "Dates that matter" in page and "What has happened" in page
    assert "KM-CERT-2026-0001" not in page  # documents were not consented
    certificate = family_case.certificates.get()
    download = reverse("family:supported_certificate", args=[family_case.reference, certificate.pk])
    assert client.get(download).status_code == 404
    # Not a family member: the family's own page is not theirs.
    assert client.get(reverse("family:case", args=[family_case.reference])).status_code == 404
    assert CaseAccess.objects.filter(case=family_case, what__startswith="supporter ").exists()


def test_documents_when_consented_and_each_download_is_audited(world, family_case):
    certificate = issue_certificate(family_case, "KM-CERT-2026-0002", by=world.user(Role.ADVISER))
    consent = invite(family_case, may_see_documents=True)
    client = Client()
    sign_in(client, ADVISER_EMAIL)
    page = client.get(reverse("family:supported_case", args=[family_case.reference]))
    assert "KM-CERT-2026-0002" in page.content.decode()
    download = reverse("family:supported_certificate", args=[family_case.reference, certificate.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert CaseAccess.objects.filter(
        case=family_case,
        what=f"supporter {consent.supporter_id} downloaded certificate KM-CERT-2026-0002",
    ).exists()


def test_withdrawing_ends_access_at_once(family_client, family_case):
    consent = invite(family_case)
    supporter = Client()
    sign_in(supporter, ADVISER_EMAIL)
    url = reverse("family:supported_case", args=[family_case.reference])
    assert supporter.get(url).status_code == 200
    withdraw = reverse("family:withdraw_supporter", args=[family_case.reference, consent.pk])
    assert family_client.post(withdraw).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    # The same signed-in session gets "not found" on its very next page.
    assert supporter.get(url).status_code == 404
    assert family_case.timeline.filter(kind="supporter_withdrawn").exists()
    # And no new code is sent to the address.
    mail.outbox.clear()
    Client().post(reverse("family:sign_in"), {"address": ADVISER_EMAIL})
    assert mail.outbox == []


def test_consent_ends_on_its_date(family_case):
    consent = invite(family_case, until_days=10)
    identity = FamilyIdentity(emails=frozenset({ADVISER_EMAIL}))
    today = today_in_england()
    assert supporters.active_consents(identity, today + timedelta(days=10)).exists()
    assert not supporters.active_consents(identity, today + timedelta(days=11)).exists()
    SupporterConsent.objects.filter(pk=consent.pk).update(until=today - timedelta(days=1))
    assert not supporters.has_supported_case(identity)


def test_consent_is_given_for_at_most_a_year(family_case):
    with pytest.raises(supporters.CaseError, match="up to a year"):
        invite(family_case, until_days=400)


def test_another_familys_supporter_cannot_be_withdrawn_through_my_case(
    world, family_client, family_case
):
    theirs = make_case(world, email="other.parent@example.com")
    consent = invite(theirs)
    url = reverse("family:withdraw_supporter", args=[family_case.reference, consent.pk])
    assert family_client.post(url).status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


# --- staff recording the family's consent ----------------------------------------------------


def test_staff_record_how_the_family_consented(world, client_for, family_case):
    url = reverse("supporters:staff", args=[family_case.reference])
    client = client_for(Role.COORDINATOR)
    assert url in client.get(family_case.get_absolute_url()).content.decode()
    refused = client.post(url, invite_form(given_how="", given_note=""))
    assert refused.status_code == 400
    assert 'href="#id_given_how' in refused.content.decode()
    response = client.post(
        url, invite_form(given_how="phone", given_note="Jo Turner agreed on the phone today")
    )
    assert response.status_code == 302
    consent = SupporterConsent.objects.get()
    assert consent.recorded_by == world.user(Role.COORDINATOR)
    assert consent.given_how == "phone"
    withdraw = reverse("supporters:staff_withdraw", args=[family_case.reference, consent.pk])
    assert client.post(withdraw).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SERVICE_MANAGER, 200),
        (Role.COORDINATOR, 200),
        (Role.ADVISER, 200),
        (Role.MEDIATOR, 403),
        (Role.LA_OFFICER, 403),
        (Role.ICB_OFFICER, 403),
        (Role.COMMISSIONER, 403),
    ],
)
def test_role_matrix_for_the_staff_supporters_page(world, client_for, family_case, role, status):
    url = reverse("supporters:staff", args=[family_case.reference])
    assert client_for(role).get(url).status_code == status


# --- correcting their own details -----------------------------------------------------------


def test_the_family_corrects_their_own_details_and_staff_see_it(
    world, client_for, family_client, family_case
):
    url = reverse("family:my_details", args=[family_case.reference])
    assert (
        url
        in family_client.get(reverse("family:case", args=[family_case.reference])).content.decode()
    )
    refused = family_client.post(url, {"preferred_contact": "text", "phone": ""})
    assert refused.status_code == 400
    assert 'href="#id_phone"' in refused.content.decode()
    response = family_client.post(
        url,
        {
            "phone": "07700 900123",
            "preferred_contact": "text",
            "interpreter_language": "Polish",
            "access_needs": "Large print, please",
        },
    )
    assert response.status_code == 302
    parent = parent_of(family_case)
    assert (parent.phone, parent.preferred_contact) == ("07700 900123", "text")
    assert parent.access_needs == "Large print, please"
    event = family_case.timeline.get(kind="contact_details_corrected")
    assert event.actor_label == "Family (online)"
    assert event.changes["preferred_contact"] == ["email", "text"]
    staff_page = client_for(Role.COORDINATOR).get(family_case.get_absolute_url()).content.decode()
    assert "corrected their own details" in staff_page


def test_a_supporter_corrects_their_own_details_while_consented(family_case):
    consent = invite(family_case)
    client = Client()
    sign_in(client, ADVISER_EMAIL)
    url = reverse("family:supporter_details", args=[family_case.reference])
    response = client.post(url, {"phone": "01632 960001", "preferred_contact": "phone"})
    assert response.status_code == 302
    consent.supporter.refresh_from_db()
    assert consent.supporter.phone == "01632 960001"
    assert family_case.timeline.get(kind="contact_details_corrected").actor_label == (
        "Supporter (online)"
    )
    supporters.withdraw_consent(consent, by=None)
    assert client.get(url).status_code == 404


def test_the_certificates_web_page_follows_the_same_consent_and_is_audited(world, family_case):
    certificate = issue_certificate(family_case, "KM-CERT-2026-0003", by=world.user(Role.ADVISER))
    page_url = reverse(
        "family:supported_certificate_page", args=[family_case.reference, certificate.pk]
    )
    consent = invite(family_case, may_see_dates=True)
    client = Client()
    sign_in(client, ADVISER_EMAIL)
    assert client.get(page_url).status_code == 404  # documents were not consented
    consent.may_see_documents = True
    consent.save()
    response = client.get(page_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "KM-CERT-2026-0003" in page
    assert (
        reverse("family:supported_certificate", args=[family_case.reference, certificate.pk])
        in page
    )
    assert CaseAccess.objects.filter(
        case=family_case,
        what=f"supporter {consent.supporter_id} read certificate KM-CERT-2026-0003 online",
    ).exists()
