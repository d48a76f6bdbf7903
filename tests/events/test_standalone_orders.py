"""A standalone notification order's notifications, sent or failed, are events of its ordering organization alone
(contract §11): its service owners receive them live and replay them with `since`; the notified persons and
organizations, and other service owners, never do."""

from __future__ import annotations

from contextlib import AsyncExitStack
from typing import Any

from correspondence.correspondence.models import Activity
from correspondence.events.hub import EventHub
from correspondence.kit import clock
from correspondence.notification.models import NotificationOrder
from correspondence.registry.models import Contact
from tests.events.support import Connect, GraphQLWebSocket, subscribers_reach
from tests.fixtures.world import World
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, PERSON_A, PERSON_B
from tests.notification.world import drain, ordered_and_sent

ORDER_EVENTS = """
subscription Events($since: ID) {
  correspondenceEvents(since: $since) {
    id type correspondenceId correspondence { id }
    notificationOrder { id sendersReference status notifications { channel address status } }
  }
}"""
# Live, the order is shown as it is when the event is delivered, while its jobs may still run: its id only.
LIVE_ORDER_EVENTS = ORDER_EVENTS.replace(" status notifications { channel address status }", "")

KARI = "kari@example.no"
NO_CONTACT = "E-mail notification failed: no contact details for the channel"


async def subscribed(stack: AsyncExitStack, connect: Connect, token: str, since: str | None = None) -> GraphQLWebSocket:
    ws = await stack.enter_async_context(connect())
    assert (await ws.init(token))["type"] == "connection_ack"
    if since is None:
        await ws.subscribe(query=LIVE_ORDER_EVENTS)
    else:
        await ws.subscribe(query=ORDER_EVENTS, since=since)
    return ws


async def an_order_sent_to_a_and_failed_for_b(world: World, ctx: dict[str, Any]) -> str:
    """Person A has an e-mail address (sent); person B has no contact details at all (failed)."""
    await Contact.create(national_identity_number=PERSON_A, email=KARI, last_confirmed=clock.now())
    recipients = [{"nationalIdentityNumber": PERSON_A}, {"nationalIdentityNumber": PERSON_B}]
    return await ordered_and_sent(world.client, world.agency, ctx, recipients=recipients, sendersReference="ref-so")


async def recorded(order_id: str) -> tuple[Activity, Activity]:
    """The order's two activities: the failure (written when the order is processed), then the e-mail sent."""
    failed, sent = await Activity.filter(notification_order_id=order_id).order_by("id")
    assert (failed.correspondence_id, failed.text) == (None, NO_CONTACT)
    assert (sent.correspondence_id, sent.text) == (None, "E-mail notification sent")  # the channel, never the address
    return failed, sent


def expected_events(order_id: str, failed: Activity, sent: Activity, *, live: bool) -> list[dict[str, Any]]:
    order: dict[str, Any] = {"id": order_id, "sendersReference": "ref-so"}
    if not live:
        order["status"] = "COMPLETED"
        order["notifications"] = [
            {"channel": "EMAIL", "address": None, "status": "FAILED_RECIPIENT_NOT_IDENTIFIED"},
            {"channel": "EMAIL", "address": KARI, "status": "SUCCEEDED"},
        ]
    return [
        {
            "id": str(activity.id),
            "type": type,
            "correspondenceId": None,
            "correspondence": None,
            "notificationOrder": order,
        }
        for activity, type in ((failed, "NOTIFICATION_FAILED"), (sent, "NOTIFICATION_SENT"))
    ]


def by_address(event: dict[str, Any]) -> dict[str, Any]:
    """The event with its order's notifications in a stable order (a missing address first)."""
    order = event["notificationOrder"]
    if order is None or "notifications" not in order:
        return event
    notifications = sorted(order["notifications"], key=lambda n: n["address"] or "")
    return {**event, "notificationOrder": {**order, "notifications": notifications}}


async def test_the_ordering_organization_alone_receives_its_orders_events_live(
    world: World, connect: Connect, hub: EventHub, ctx: dict[str, Any]
) -> None:
    async with AsyncExitStack() as stack:
        as_agency = await subscribed(stack, connect, world.agency)
        as_other_agency = await subscribed(stack, connect, world.tokens.service_owner(ORG_AGENCY_2))
        as_a = await subscribed(stack, connect, world.person(PERSON_A))
        as_b = await subscribed(stack, connect, world.person(PERSON_B))
        as_company_system = await subscribed(stack, connect, world.tokens.system(ORG_COMPANY))
        await subscribers_reach(hub, 5)

        order_id = await an_order_sent_to_a_and_failed_for_b(world, ctx)

        failed, sent = await recorded(order_id)
        events = [await as_agency.next_event() for _ in range(2)]
        assert events == expected_events(order_id, failed, sent, live=True)
        await as_agency.nothing_within(0.3)
        for outsider in (as_other_agency, as_a, as_b, as_company_system):
            await outsider.nothing_within(0.1)


async def test_since_replays_an_orders_events_to_its_ordering_organization_only(
    world: World, connect: Connect, hub: EventHub, ctx: dict[str, Any]
) -> None:
    order_id = await an_order_sent_to_a_and_failed_for_b(world, ctx)
    letter = await world.published_id(recipients=[PERSON_A])  # after the order's events, in the same log
    failed, sent = await recorded(order_id)
    async with AsyncExitStack() as stack:
        as_agency = await subscribed(stack, connect, world.agency, since="0")
        replayed = [by_address(await as_agency.next_event()) for _ in range(3)]
        assert replayed[:2] == expected_events(order_id, failed, sent, live=False)
        assert (replayed[2]["type"], replayed[2]["correspondenceId"]) == ("PUBLISHED", letter)
        assert replayed[2]["notificationOrder"] is None
        assert int(replayed[2]["id"]) > sent.id > failed.id
        await as_agency.nothing_within(0.2)

        as_a = await subscribed(stack, connect, world.person(PERSON_A), since="0")
        assert (await as_a.next_event())["correspondenceId"] == letter  # the letter; never the order's events
        await as_a.nothing_within(0.2)
        for token in (world.tokens.service_owner(ORG_AGENCY_2), world.person(PERSON_B)):
            await (await subscribed(stack, connect, token, since="0")).nothing_within(0.2)


async def test_a_letters_notification_events_show_their_order_to_the_sender_only(
    world: World, connect: Connect, hub: EventHub, ctx: dict[str, Any]
) -> None:
    await Contact.create(national_identity_number=PERSON_A, email=KARI, last_confirmed=clock.now())
    letter = await world.published_id(recipients=[PERSON_A], notification={"channel": "EMAIL"})
    await drain(ctx)
    (order,) = await NotificationOrder.filter(correspondence_id=letter, is_reminder=False)
    async with AsyncExitStack() as stack:
        as_agency = await subscribed(stack, connect, world.agency, since="0")
        published, notified = [await as_agency.next_event() for _ in range(2)]
        assert (published["type"], published["correspondenceId"], published["notificationOrder"]) == (
            "PUBLISHED",
            letter,
            None,
        )
        assert (notified["type"], notified["correspondenceId"], notified["correspondence"]) == (
            "NOTIFICATION_SENT",
            letter,
            {"id": letter},
        )
        assert notified["notificationOrder"] == {
            "id": str(order.id),
            "sendersReference": "ref-1",
            "status": "COMPLETED",
            "notifications": [{"channel": "EMAIL", "address": KARI, "status": "SUCCEEDED"}],
        }
        await as_agency.nothing_within(0.2)
