"""Recipient lookup: reservation, missing and stale contact details, channel fallback, duplicates, user-registered
addresses of persons with access, confidential correspondences, and a second lookup at send time."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from correspondence.kit import clock
from correspondence.kit.identifiers import organization_urn
from correspondence.notification.enums import NotificationChannel, NotificationResult
from correspondence.notification.lookup import LookupRequest, Recipient, lookup
from correspondence.registry.models import Contact, Delegation, Person, Role, UserNotificationAddress
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import SmsGatewayStub
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B, PERSON_C, GraphQLClient, Tokens
from tests.notification.world import CREATE, ORDER, drain, order_input, seed_world


async def _order(client: GraphQLClient, tokens: Tokens, **overrides: Any) -> dict[str, Any]:
    result = await client(CREATE, {"input": order_input(**overrides)}, tokens.service_owner(ORG_AGENCY))
    return dict(result.data["createNotificationOrder"])


async def _shown(client: GraphQLClient, tokens: Tokens, order_id: str) -> dict[str, Any]:
    return dict((await client(ORDER, {"id": order_id}, tokens.service_owner(ORG_AGENCY))).data["notificationOrder"])


async def test_reserved_person_is_not_notified_unless_the_order_ignores_reservation(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    await Contact.filter(national_identity_number=PERSON_A).update(reserved=True)
    order = await _order(client, tokens, recipients=[{"nationalIdentityNumber": PERSON_A}])
    assert order["recipientLookup"] == {"status": "FAILED", "isReserved": [PERSON_A], "missingContact": []}
    ignoring = await _order(
        client,
        tokens,
        idempotencyId="order-2",
        ignoreReservation=True,
        recipients=[{"nationalIdentityNumber": PERSON_A}],
    )
    assert ignoring["recipientLookup"]["status"] == "SUCCESS"

    await drain(ctx)

    shown = await _shown(client, tokens, order["id"])
    assert shown["status"] == "COMPLETED"
    assert [(n["status"], n["address"]) for n in shown["notifications"]] == [("FAILED_RECIPIENT_RESERVED", None)]
    assert [m["To"] for m in smtp_sink.messages] == ["kari@example.no"]  # only the order that ignores reservation


async def test_organization_without_addresses_and_unknown_person_are_missing_contact(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    order = await _order(
        client,
        tokens,
        recipients=[
            {"organizationNumber": ORG_OTHER},
            {"nationalIdentityNumber": PERSON_C},
            {"organizationNumber": ORG_COMPANY},
        ],
    )
    assert order["recipientLookup"] == {
        "status": "PARTIAL_SUCCESS",
        "isReserved": [],
        "missingContact": [ORG_OTHER, PERSON_C],
    }
    await drain(ctx)
    shown = await _shown(client, tokens, order["id"])
    results = sorted((n["status"], n["address"] or "") for n in shown["notifications"])
    assert results == [
        ("FAILED_RECIPIENT_NOT_IDENTIFIED", ""),
        ("FAILED_RECIPIENT_NOT_IDENTIFIED", ""),
        ("SUCCEEDED", "post@bedrift.no"),
    ]
    assert shown["status"] == "COMPLETED"


async def test_stale_contact_details_are_used_only_when_the_order_allows(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world(confirmed=clock.now() - timedelta(days=19 * 31))
    strict = await _order(client, tokens, recipients=[{"nationalIdentityNumber": PERSON_A}])
    assert strict["recipientLookup"]["missingContact"] == [PERSON_A]
    lenient = await _order(
        client,
        tokens,
        idempotencyId="order-2",
        useStaleContactInformation=True,
        recipients=[{"nationalIdentityNumber": PERSON_A}],
    )
    assert lenient["recipientLookup"]["status"] == "SUCCESS"
    await drain(ctx)
    assert [m["To"] for m in smtp_sink.messages] == ["kari@example.no"]


async def test_preferred_channel_falls_back_and_both_channels_reach_both(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, sms_gateway: SmsGatewayStub
) -> None:
    await seed_world()
    await Contact.filter(national_identity_number=PERSON_A).update(mobile=None)
    preferred = await _order(
        client,
        tokens,
        channel="SMS_PREFERRED",
        sendingTimePolicy="ANYTIME",
        recipients=[{"nationalIdentityNumber": PERSON_A}, {"nationalIdentityNumber": PERSON_B}],
    )
    await Contact.filter(national_identity_number=PERSON_A).update(mobile="91234567")
    both = await _order(
        client,
        tokens,
        idempotencyId="order-2",
        channel="EMAIL_AND_SMS",
        sendingTimePolicy="ANYTIME",
        recipients=[{"nationalIdentityNumber": PERSON_A}],
    )
    await Contact.filter(national_identity_number=PERSON_A).update(mobile=None)  # gone again before the first is sent
    await drain(ctx)
    first = {(n["channel"], n["address"]) for n in (await _shown(client, tokens, preferred["id"]))["notifications"]}
    assert first == {("EMAIL", "kari@example.no"), ("SMS", "+4741234567")}
    second = {(n["channel"], n["address"]) for n in (await _shown(client, tokens, both["id"]))["notifications"]}
    assert second == {("EMAIL", "kari@example.no")}  # looked up again at send time: the mobile is gone


async def test_duplicates_are_removed(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, sms_gateway: SmsGatewayStub
) -> None:
    await seed_world()
    order = await _order(
        client,
        tokens,
        channel="EMAIL_AND_SMS",
        sendingTimePolicy="ANYTIME",
        recipients=[
            {"nationalIdentityNumber": PERSON_A},  # kari@example.no and registry mobile 91234567
            {"emailAddress": "Kari@Example.NO", "mobileNumber": "0047 912 34 567"},
            {"mobileNumber": "+47 91234567"},
            {"nationalIdentityNumber": PERSON_A},
        ],
    )
    await drain(ctx)
    shown = await _shown(client, tokens, order["id"])
    assert sorted((n["channel"], n["address"].lower()) for n in shown["notifications"]) == [
        ("EMAIL", "kari@example.no"),
        ("SMS", "+4791234567"),
    ]
    assert len(smtp_sink.messages) == 1
    assert len(sms_gateway.received) == 1


async def test_user_registered_addresses_of_persons_with_access_to_the_resource(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    await Person.create(national_identity_number=PERSON_C, name="Per Utenforstående")
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    await Delegation.create(
        national_identity_number=PERSON_B, organization_number=ORG_COMPANY, resource_id="tax-letter"
    )
    for pid, email in ((PERSON_A, "kari@bedrift.no"), (PERSON_B, "ola@bedrift.no"), (PERSON_C, "per@bedrift.no")):
        await UserNotificationAddress.create(national_identity_number=pid, organization_number=ORG_COMPANY, email=email)
    with_resource = await _order(
        client, tokens, resourceId="tax-letter", recipients=[{"organizationNumber": ORG_COMPANY}]
    )
    without = await _order(client, tokens, idempotencyId="order-2", recipients=[{"organizationNumber": ORG_COMPANY}])
    await drain(ctx)
    addresses = {n["address"] for n in (await _shown(client, tokens, with_resource["id"]))["notifications"]}
    assert addresses == {"post@bedrift.no", "kari@bedrift.no", "ola@bedrift.no"}  # not PERSON_C: no access
    assert {n["address"] for n in (await _shown(client, tokens, without["id"]))["notifications"]} == {"post@bedrift.no"}
    kari = smtp_sink.to("kari@bedrift.no")[0]
    assert kari["Subject"] == "Hei Kari Nordmann"  # the person, not the organization, is addressed


async def test_confidential_lookup_notifies_only_persons_with_access(settings: Any) -> None:
    await seed_world()
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="DAGL")
    await Role.create(national_identity_number=PERSON_B, organization_number=ORG_COMPANY, role_code="REGN")
    for pid, email in ((PERSON_A, "kari@bedrift.no"), (PERSON_B, "ola@bedrift.no")):
        await UserNotificationAddress.create(national_identity_number=pid, organization_number=ORG_COMPANY, email=email)
    company = organization_urn(ORG_COMPANY)
    found = await lookup(
        LookupRequest(
            [
                Recipient(organization_number=ORG_COMPANY),
                Recipient(email_address="custom@example.no"),
                Recipient(national_identity_number=PERSON_B),
            ],
            NotificationChannel.EMAIL,
            clock.now(),
            resource_id="tax-letter",
            confidential_for=company,
        )
    )
    # Not the business address, not the raw address, not the REGN holder: only the DAGL, who may read it.
    assert [(t.address, t.result) for t in found.targets] == [("kari@bedrift.no", NotificationResult.NEW)]
    open_lookup = await lookup(
        LookupRequest(
            [Recipient(organization_number=ORG_COMPANY)],
            NotificationChannel.EMAIL,
            clock.now(),
            resource_id="tax-letter",
        )
    )
    assert {t.address for t in open_lookup.targets} == {"post@bedrift.no", "kari@bedrift.no", "ola@bedrift.no"}


async def test_reservation_after_the_order_counts_at_send_time(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    order = await _order(client, tokens, recipients=[{"nationalIdentityNumber": PERSON_A}])
    assert order["recipientLookup"]["status"] == "SUCCESS"
    await Contact.filter(national_identity_number=PERSON_A).update(reserved=True)
    await drain(ctx)
    shown = await _shown(client, tokens, order["id"])
    assert [n["status"] for n in shown["notifications"]] == ["FAILED_RECIPIENT_RESERVED"]
    assert shown["recipientLookup"]["isReserved"] == [PERSON_A]
    assert smtp_sink.messages == []
