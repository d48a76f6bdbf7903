"""A standalone notification order's notifications, sent or failed, reach its ordering organization's webhooks
(contract §11, §12) as signed CloudEvents without a correspondence; nobody else's. A correspondence's notification
events name their order too."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from standardwebhooks import Webhook

from correspondence.correspondence.models import Activity
from correspondence.kit import clock
from correspondence.notification.models import NotificationOrder
from correspondence.registry.models import Contact
from correspondence.webhook.dispatcher import Dispatcher
from tests.fixtures.webhooks import Receiver
from tests.fixtures.world import RESOURCE, World, urn_org, urn_person
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, ORG_COMPANY, PERSON_A, PERSON_B
from tests.notification.world import drain, ordered_and_sent
from tests.webhook.support import CREATE, DELIVERIES, create_input

AGENCY = urn_org(ORG_AGENCY)


async def _subscribe(world: World, token: str, url: str, **filters: Any) -> tuple[str, str]:
    """(subscription id, secret)"""
    result = await world.client(CREATE, {"input": create_input(url=url, **filters)}, token=token)
    created = result.data["createWebhookSubscription"]
    return created["subscription"]["id"], created["secret"]


def _time(activity: Activity) -> str:
    return activity.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def _only_activity(order_id: str) -> Activity:
    (activity,) = await Activity.filter(notification_order_id=order_id)
    assert activity.correspondence_id is None
    return activity


async def test_a_standalone_orders_outcomes_reach_its_ordering_organizations_webhooks_only(
    world: World, receiver: Receiver, dispatcher: Dispatcher, ctx: dict[str, Any]
) -> None:
    subscription_id, secret = await _subscribe(world, world.agency, receiver.url("/agency"))
    await _subscribe(world, world.agency, receiver.url("/agency-failed"), types=["NOTIFICATION_FAILED"])
    await _subscribe(world, world.agency, receiver.url("/agency-resource"), resourceIds=[RESOURCE])
    await _subscribe(world, world.agency, receiver.url("/agency-other-resource"), resourceIds=["another-resource"])
    await _subscribe(world, world.agency, receiver.url("/agency-b"), parties=[PERSON_B])
    await _subscribe(world, world.tokens.service_owner(ORG_AGENCY_2), receiver.url("/other-agency"))
    await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url("/company"))
    # Person B has no contact details: the order about the resource fails. A raw address names no party.
    about_resource = await ordered_and_sent(
        world.client,
        world.agency,
        ctx,
        idempotencyId="order-b",
        sendersReference="ref-b",
        resourceId=RESOURCE,
        recipients=[{"nationalIdentityNumber": PERSON_B}],
    )
    to_an_address = await ordered_and_sent(
        world.client, world.agency, ctx, idempotencyId="order-mail", sendersReference="ref-mail"
    )
    failed, sent = await _only_activity(about_resource), await _only_activity(to_an_address)
    await dispatcher.drain()

    requests = receiver.at("/agency")
    events = [Webhook(secret).verify(r.body, r.headers) for r in requests]  # signed with the subscription's secret
    assert events == [
        {
            "specversion": "1.0",
            "id": str(failed.id),
            "type": "correspondence.notification_failed",
            "source": "urn:correspondence",
            "time": _time(failed),
            "datacontenttype": "application/json",
            "subject": urn_person(PERSON_B),
            "resourceid": RESOURCE,
            "notificationorderid": about_resource,
            "data": {
                "correspondenceId": None,
                "resourceId": RESOURCE,
                "recipient": urn_person(PERSON_B),
                "sender": AGENCY,
                "sendersReference": "ref-b",
                "status": "COMPLETED",
                "notificationOrderId": about_resource,
            },
        },
        {
            "specversion": "1.0",
            "id": str(sent.id),
            "type": "correspondence.notification_sent",
            "source": "urn:correspondence",
            "time": _time(sent),
            "datacontenttype": "application/json",
            "notificationorderid": to_an_address,
            "data": {
                "correspondenceId": None,
                "resourceId": None,
                "recipient": None,
                "sender": AGENCY,
                "sendersReference": "ref-mail",
                "status": "COMPLETED",
                "notificationOrderId": to_an_address,
            },
        },
    ]
    assert b"someone@example.no" not in requests[1].body  # the address stays in the order, never in an event
    deliveries = (await world.client(DELIVERIES, {"id": subscription_id}, token=world.agency)).data
    shown = [edge["node"] for edge in deliveries["webhookDeliveries"]["edges"]]
    assert sorted((d["eventId"], d["type"], d["status"]) for d in shown) == [
        (str(failed.id), "NOTIFICATION_FAILED", "DELIVERED"),
        (str(sent.id), "NOTIFICATION_SENT", "DELIVERED"),
    ]
    assert {r.headers["webhook-id"] for r in requests} == {d["id"] for d in shown}

    def ids(path: str) -> list[str]:
        return [json.loads(r.body)["id"] for r in receiver.at(path)]

    assert ids("/agency-failed") == [str(failed.id)]  # the types filter
    assert ids("/agency-resource") == [str(failed.id)]  # the order's resource
    assert ids("/agency-other-resource") == []
    assert ids("/agency-b") == [str(failed.id)]  # the party notified
    assert ids("/other-agency") == []
    assert ids("/company") == []
    assert len(receiver.received) == 5


async def test_a_letters_notification_events_name_their_order(
    world: World, receiver: Receiver, dispatcher: Dispatcher, ctx: dict[str, Any]
) -> None:
    _, secret = await _subscribe(world, world.agency, receiver.url("/agency"), types=["NOTIFICATION_SENT"])
    await Contact.create(national_identity_number=PERSON_A, email="kari@example.no", last_confirmed=clock.now())
    letter = await world.published_id(recipients=[PERSON_A], notification={"channel": "EMAIL"})
    await drain(ctx)
    await dispatcher.drain()

    (request,) = receiver.at("/agency")
    event = Webhook(secret).verify(request.body, request.headers)
    (order,) = await NotificationOrder.filter(correspondence_id=letter, is_reminder=False)
    assert (event["type"], event["subject"], event["correspondenceid"]) == (
        "correspondence.notification_sent",
        urn_person(PERSON_A),
        letter,
    )
    assert event["notificationorderid"] == str(order.id)
    assert event["data"] == {
        "correspondenceId": letter,
        "resourceId": RESOURCE,
        "recipient": urn_person(PERSON_A),
        "sender": AGENCY,
        "sendersReference": "ref-1",
        "status": "PUBLISHED",
        "notificationOrderId": str(order.id),
    }
