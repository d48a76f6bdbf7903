"""Readers of a letter never learn where its notifications went (contract §10): not in the timeline, not in the
status history, not in the orders, not in live events; the sender still sees the addresses in its orders.
Timeline entries written before migration 3 lose their addresses in it."""

from __future__ import annotations

import importlib.util
import json
from contextlib import AsyncExitStack
from typing import Any

import pytest
from tortoise import connections

from correspondence.correspondence.models import Activity, ActivityType
from correspondence.events.hub import EventHub
from correspondence.kit import clock, db
from correspondence.notification.activity import timeline_text
from correspondence.notification.enums import DeliveryChannel, NotificationResult
from correspondence.registry.models import AddressType, OrganizationNotificationAddress, UserNotificationAddress
from correspondence.settings import Settings
from tests.events.support import EVENTS, Connect, subscribers_reach
from tests.fixtures.mail import SmtpSink
from tests.fixtures.world import World
from tests.helpers import ORG_COMPANY, PERSON_A, PERSON_B
from tests.notification.world import drain

BUSINESS_EMAIL, BUSINESS_MOBILE = "post@bedrift.no", "92345678"
KARI_EMAIL, KARI_MOBILE = "kari@bedrift.no", "98765432"  # Kari (REGN) registered these for the company

EVERYTHING = """
query One($id: ID!) {
  correspondence(id: $id) {
    statusHistory { status statusText actor }
    activities { type actor text }
    notificationOrders {
      recipientLookup { isReserved missingContact }
      notifications { channel address status statusReason attempts { outcome reason messageId gatewayId } }
    }
  }
}"""

READER_EVENTS = EVENTS.replace(
    "correspondence { id recipient sender status content { messageTitle } }",
    "correspondence { id statusHistory { statusText actor } activities { type actor text }"
    " notificationOrders { notifications { address statusReason } } }",
)


def assert_no_contact_details(seen: Any) -> None:
    text = json.dumps(seen)
    assert "@" not in text, text
    assert BUSINESS_MOBILE not in text and KARI_MOBILE not in text, text


async def notified_letter(world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, channel: str) -> str:
    """A letter to the company, notified at its business addresses and at Kari's; one e-mail is refused by the
    relay, so the timeline holds a failure too."""
    for address_type, address in ((AddressType.EMAIL, BUSINESS_EMAIL), (AddressType.SMS, BUSINESS_MOBILE)):
        await OrganizationNotificationAddress.create(
            organization_number=ORG_COMPANY, address_type=address_type, address=address
        )
    await UserNotificationAddress.create(
        national_identity_number=PERSON_A, organization_number=ORG_COMPANY, email=KARI_EMAIL, mobile=KARI_MOBILE
    )
    correspondence_id = await world.published_id(recipients=[ORG_COMPANY], notification={"channel": channel})
    smtp_sink.script.append(550)
    await drain(ctx)
    return correspondence_id


@pytest.mark.usefixtures("inside_sms_hours")  # SMS goes out only 09-17 in Oslo
async def test_colleagues_and_systems_see_channel_and_outcome_only(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    correspondence_id = await notified_letter(world, ctx, smtp_sink, "EMAIL_AND_SMS")
    for token in (world.person(PERSON_A), world.person(PERSON_B), world.tokens.system(ORG_COMPANY)):
        seen = (await world.client(EVERYTHING, {"id": correspondence_id}, token)).data["correspondence"]
        assert seen["notificationOrders"] == []
        assert_no_contact_details(seen)
        notes = sorted(a["text"] for a in seen["activities"] if a["type"].startswith("NOTIFICATION_"))
        assert notes == [
            "E-mail notification failed",
            "E-mail notification sent",
            "SMS notification sent",
            "SMS notification sent",
        ]

    sender = (await world.client(EVERYTHING, {"id": correspondence_id}, world.agency)).data["correspondence"]
    (order,) = sender["notificationOrders"]
    assert {n["address"] for n in order["notifications"]} == {
        BUSINESS_EMAIL,
        KARI_EMAIL,
        f"+47{BUSINESS_MOBILE}",
        f"+47{KARI_MOBILE}",
    }
    # The sender alone sees every attempt, the relay's refusal with its own words.
    refused = [a for n in order["notifications"] for a in n["attempts"] if a["outcome"] == "FAILED"]
    assert len(refused) == 1 and "550" in refused[0]["reason"]
    assert all(n["attempts"] for n in order["notifications"])
    assert_no_contact_details(sender["activities"])


async def test_live_events_carry_no_contact_details(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, connect: Connect, hub: EventHub
) -> None:
    async with AsyncExitStack() as stack:
        sender = await stack.enter_async_context(connect())
        await sender.init(world.agency)
        await sender.subscribe(query=EVENTS.replace("status content { messageTitle }", "activities { text }"))
        await subscribers_reach(hub, 1)
        # E-mail only: SMS would wait for Oslo's daytime, and a moved clock expires the websocket's token.
        correspondence_id = await notified_letter(world, ctx, smtp_sink, "EMAIL")
        events = [await sender.next_event() for _ in range(3)]  # PUBLISHED, then the two notifications
        assert {e["type"] for e in events[1:]} == {"NOTIFICATION_SENT", "NOTIFICATION_FAILED"}
        assert_no_contact_details(events)

        # A colleague who connects later replays the letter's publication, the letter as it is now.
        colleague = await stack.enter_async_context(connect())
        await colleague.init(world.person(PERSON_B))
        await colleague.subscribe(query=READER_EVENTS, since="0")
        event = await colleague.next_event()
        assert event["correspondence"]["id"] == correspondence_id
        assert len(event["correspondence"]["activities"]) > 2
        assert_no_contact_details(event)


def _migration(dialect: str) -> Any:
    """Migration 3 of the dialect under test, loaded as aerich loads it."""
    (path,) = db.MIGRATIONS_ROOT.joinpath(dialect, "models").glob("3_*_notification_activity_addresses.py")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SENT = (NotificationResult.SUCCEEDED, NotificationResult.ACCEPTED, NotificationResult.DELIVERED)
FAILED = [result for result in NotificationResult if result.value.startswith("FAILED")]
OLD_TEXTS = [
    (channel, status, f"{channel.value} to {address}: {status.value}" + (" (550 <x@y.no> unknown)" if fail else ""))
    for channel, address in ((DeliveryChannel.EMAIL, "kari@example.no"), (DeliveryChannel.SMS, "+4791234567"))
    for status, fail in [*((result, False) for result in SENT), *((result, True) for result in FAILED)]
]


async def test_migration_rewrites_old_timeline_entries_without_addresses(world: World, settings: Settings) -> None:
    correspondence_id = await world.published_id()

    async def entry(type: ActivityType, text: str) -> int:
        activity = await Activity.create(
            correspondence_id=correspondence_id, type=type, occurred_at=clock.now(), text=text
        )
        return int(activity.id)

    old = {
        await entry(
            ActivityType.NOTIFICATION_SENT if status in SENT else ActivityType.NOTIFICATION_FAILED, text
        ): timeline_text(channel, status)
        for channel, status, text in OLD_TEXTS
    }
    cut = await entry(ActivityType.NOTIFICATION_SENT, "EMAIL to " + "k" * 998 + "@example.no: SUCC")  # cut at 1024
    other = await entry(ActivityType.READ, "EMAIL to me")

    dialect = db.dialect_of(settings.effective_database_url)
    connection = connections.get(dialect)
    await connection.execute_script(await _migration(dialect).upgrade(connection))

    rows = {a.id: a.text for a in await Activity.filter(correspondence_id=correspondence_id)}
    assert {key: rows[key] for key in old} == old
    assert rows[cut] == "E-mail notification sent"
    assert rows[other] == "EMAIL to me"  # not a notification entry
    assert not any("@" in text or "91234567" in text for key, text in rows.items() if key != other and text)
