"""Notifications of correspondences: the order written with the send, processed once published, the reminder
only while unread, cancellation by a sender's purge, confidential rules, and the timeline activities."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from correspondence.correspondence.models import Activity, ActivityType
from correspondence.kit import clock
from correspondence.notification.enums import NotificationOrderStatus
from correspondence.notification.models import NotificationOrder
from correspondence.registry.models import (
    AddressType,
    Contact,
    OrganizationNotificationAddress,
    UserNotificationAddress,
)
from correspondence.settings import Settings
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import SmsGatewayStub
from tests.fixtures.world import CONFIDENTIAL, World
from tests.helpers import ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B
from tests.notification.world import drain

pytestmark = pytest.mark.usefixtures("inside_sms_hours")  # SMS goes out only 09-17 in Oslo

ORDERS = """
query One($id: ID!) {
  correspondence(id: $id) {
    id status
    notificationOrders {
      id status isReminder requestedSendTime recipientLookup { status isReserved missingContact }
      notifications { channel address status }
    }
    activities { type text }
  }
}"""

GENERIC_EMAIL = {"channel": "EMAIL", "sendReminder": True}


async def _contacts() -> None:
    confirmed = clock.now() - timedelta(days=10)
    await Contact.create(
        national_identity_number=PERSON_A, email="kari@example.no", mobile="91234567", last_confirmed=confirmed
    )
    await Contact.create(national_identity_number=PERSON_B, email="ola@example.no", last_confirmed=confirmed)


async def _orders(world: World, correspondence_id: str) -> list[dict[str, Any]]:
    data = (await world.client(ORDERS, {"id": correspondence_id}, world.agency)).data["correspondence"]
    return list(data["notificationOrders"])


async def test_order_waits_for_publish_then_notifies_and_reminds_while_unread(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, settings: Settings
) -> None:
    await _contacts()
    publish_at = clock.now() + timedelta(hours=2)
    unread, read = await world.sent_ids(
        recipients=[PERSON_A, PERSON_B], requestedPublishTime=publish_at.isoformat(), notification=GENERIC_EMAIL
    )
    orders = await _orders(world, unread)
    assert [(o["status"], o["isReminder"]) for o in orders] == [("REGISTERED", False), ("REGISTERED", True)]
    assert orders[0]["recipientLookup"] == {"status": "SUCCESS", "isReserved": [], "missingContact": []}

    await drain(ctx)  # nothing is due before the correspondence is published
    assert smtp_sink.messages == []

    clock.advance(timedelta(hours=2, minutes=1))
    for correspondence_id in (unread, read):
        assert await world.publish(correspondence_id) == "PUBLISHED"
    await drain(ctx)
    assert sorted(m["To"] for m in smtp_sink.messages) == ["kari@example.no", "ola@example.no"]
    kari = smtp_sink.to("kari@example.no")[0]
    assert kari["Subject"] == "Ny melding fra Skatteetaten"
    assert "«Skattemelding 2026»" in kari.get_content()  # the generic nb template, its placeholders resolved
    main, reminder = await _orders(world, unread)
    assert main["status"] == "COMPLETED"
    assert main["notifications"] == [{"channel": "EMAIL", "address": "kari@example.no", "status": "SUCCEEDED"}]
    delay = timedelta(seconds=settings.reminder_delay_seconds)
    published = (await NotificationOrder.get(id=main["id"])).requested_send_time
    assert (await NotificationOrder.get(id=reminder["id"])).requested_send_time == published + delay

    await world.client(
        "mutation($id: ID!) { markCorrespondenceRead(id: $id) { id } }", {"id": read}, world.person(PERSON_B)
    )
    clock.advance(delay)
    await drain(ctx)
    reminders = [m for m in smtp_sink.messages if m["Subject"].startswith("Påminnelse")]
    assert [m["To"] for m in reminders] == ["kari@example.no"]  # Ola read his: no reminder
    read_reminder = (await _orders(world, read))[1]
    assert read_reminder["status"] == "SEND_CONDITION_NOT_MET"
    activities = [
        a["type"]
        for a in (await world.client(ORDERS, {"id": unread}, world.agency)).data["correspondence"]["activities"]
    ]
    assert activities.count("NOTIFICATION_SENT") == 2  # the notification and the reminder


async def test_sender_purge_cancels_the_orders(world: World, ctx: dict[str, Any], smtp_sink: SmtpSink) -> None:
    await _contacts()
    (correspondence_id,) = await world.sent_ids(
        requestedPublishTime=(clock.now() + timedelta(days=1)).isoformat(), notification=GENERIC_EMAIL
    )
    purged = await world.client(
        "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }", {"id": correspondence_id}, world.agency
    )
    assert purged.data["purgeCorrespondence"]["status"] == "PURGED_BY_ALTINN"
    orders = await NotificationOrder.filter(correspondence_id=correspondence_id)
    assert {o.status for o in orders} == {NotificationOrderStatus.CANCELLED}
    assert len(orders) == 2
    clock.advance(timedelta(days=10))
    await drain(ctx)
    assert smtp_sink.messages == []


async def test_custom_texts_sms_and_custom_recipients(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, sms_gateway: SmsGatewayStub
) -> None:
    await _contacts()
    correspondence_id = await world.published_id(
        notification={
            "template": "CUSTOM_MESSAGE",
            "channel": "SMS_PREFERRED",
            "emailSubject": "Til $recipientName$",
            "emailBody": "Om $resourceName$: $messageTitle$",
            "smsBody": "Hei $recipientName$, ny melding: $messageTitle$",
            "customRecipients": [{"emailAddress": "revisor@example.no"}],
        }
    )
    await drain(ctx)
    assert [m["to"] for m in sms_gateway.received] == ["+4791234567"]  # Kari's mobile is preferred
    assert sms_gateway.received[0]["body"] == "Hei Kari Nordmann, ny melding: Skattemelding 2026"
    (mail,) = smtp_sink.messages
    assert mail["To"] == "revisor@example.no"
    assert mail.get_content().strip() == "Om Brev fra Skatteetaten: Skattemelding 2026"
    (order,) = await _orders(world, correspondence_id)
    assert order["status"] == "COMPLETED"


async def test_confidential_notifies_only_persons_with_access_and_never_the_title(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await OrganizationNotificationAddress.create(
        organization_number=ORG_COMPANY, address_type=AddressType.EMAIL, address="post@bedrift.no"
    )
    for pid, email in ((PERSON_A, "kari@bedrift.no"), (PERSON_B, "ola@bedrift.no")):  # A: REGN, B: DAGL
        await UserNotificationAddress.create(national_identity_number=pid, organization_number=ORG_COMPANY, email=email)
    correspondence_id = await world.published_id(
        resourceId=CONFIDENTIAL,
        recipients=[ORG_COMPANY],
        isConfidential=True,
        notification={
            "template": "CUSTOM_MESSAGE",
            "channel": "EMAIL",
            "emailSubject": "Ny melding: $messageTitle$",
            "emailBody": "Tittel: $messageTitle$.",
        },
    )
    await drain(ctx)
    (mail,) = smtp_sink.messages
    assert mail["To"] == "ola@bedrift.no"  # the DAGL; not the REGN holder, not the business address
    assert "Skattemelding" not in mail["Subject"] and "Skattemelding" not in mail.get_content()
    assert mail.get_content().strip() == "Tittel: ."
    (order,) = await _orders(world, correspondence_id)
    assert [n["address"] for n in order["notifications"]] == ["ola@bedrift.no"]


async def test_failures_are_on_the_timeline(world: World, ctx: dict[str, Any], smtp_sink: SmtpSink) -> None:
    correspondence_id = await world.published_id(recipients=[ORG_OTHER], notification={"channel": "EMAIL"})
    await drain(ctx)
    (order,) = await _orders(world, correspondence_id)
    assert order["recipientLookup"]["missingContact"] == [ORG_OTHER]
    assert [n["status"] for n in order["notifications"]] == ["FAILED_RECIPIENT_NOT_IDENTIFIED"]
    failed = await Activity.filter(correspondence_id=correspondence_id, type=ActivityType.NOTIFICATION_FAILED)
    assert len(failed) == 1


async def test_recipients_do_not_see_the_orders(world: World, ctx: dict[str, Any]) -> None:
    await _contacts()
    correspondence_id = await world.published_id(notification={"channel": "EMAIL"})
    seen = (await world.client(ORDERS, {"id": correspondence_id}, world.person(PERSON_A))).data["correspondence"]
    assert seen["notificationOrders"] == []
    assert len(await _orders(world, correspondence_id)) == 1


async def test_notification_settings_are_validated_with_the_send(world: World) -> None:
    result = await world.send(
        notification={
            "template": "CUSTOM_MESSAGE",
            "channel": "EMAIL_AND_SMS",
            "emailSubject": "Emne",
            "sendReminder": True,
            "reminderSmsBody": "x" * 2145,
            "overrideRegisteredContactInformation": True,
        },
        content={"language": "nb", "messageTitle": "", "messageBody": "Hei"},
    )
    assert set(result.fields) == {
        "input.content.messageTitle",
        "input.notification.emailBody",
        "input.notification.smsBody",
        "input.notification.reminderEmailBody",
        "input.notification.reminderSmsBody",
        "input.notification.overrideRegisteredContactInformation",
    }
    assert await NotificationOrder.all().count() == 0


async def test_each_letter_of_a_send_keeps_its_own_recipient_lookup(world: World) -> None:
    # The send looks its recipients up together; each letter's order still tells only its own recipient's result.
    await Contact.create(national_identity_number=PERSON_A, email="kari@example.no", last_confirmed=clock.now())
    to_a, to_b, to_other = await world.sent_ids(
        recipients=[PERSON_A, PERSON_B, ORG_OTHER], notification={"channel": "EMAIL"}
    )

    lookups = [(await _orders(world, letter))[0]["recipientLookup"] for letter in (to_a, to_b, to_other)]

    assert lookups == [
        {"status": "SUCCESS", "isReserved": [], "missingContact": []},
        {"status": "FAILED", "isReserved": [], "missingContact": [PERSON_B]},
        {"status": "FAILED", "isReserved": [], "missingContact": [ORG_OTHER]},
    ]
