"""Webhook deliveries against a real local HTTP receiver (contract §12): the CloudEvent and its Standard Webhooks
signature, who receives what, retries with the same webhook-id, FAILED and DISABLED, 410 Gone, deletion and lost
access, the URL judged again at every attempt, and one dead endpoint never holding up another."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from prometheus_client import REGISTRY
from standardwebhooks import Webhook

from correspondence.adapters.crypto import load_keyring
from correspondence.correspondence import repository as correspondence_repository
from correspondence.correspondence import timeline
from correspondence.correspondence.statuses import ActivityType
from correspondence.kit import clock, db
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings
from correspondence.webhook.dispatcher import Dispatcher
from correspondence.webhook.models import WebhookDelivery, WebhookSubscription
from tests.fixtures.webhooks import CLOSE, HOLD, Receiver
from tests.fixtures.world import RESOURCE, World, urn_org
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, PERSON_A
from tests.webhook.support import CREATE, DELETE, DELIVERIES, LIST, create_input

PURGE = "mutation Purge($id: ID!) { purgeCorrespondence(id: $id) { status } }"


def delivered_total() -> float:
    return REGISTRY.get_sample_value("correspondence_webhook_attempts_total", {"outcome": "delivered"}) or 0.0


def failed_total() -> float:
    return REGISTRY.get_sample_value("correspondence_webhook_attempts_total", {"outcome": "failed"}) or 0.0


async def _subscribe(world: World, token: str, url: str, **filters: Any) -> tuple[str, str]:
    """(subscription id, secret)"""
    result = await world.client(CREATE, {"input": create_input(url=url, **filters)}, token=token)
    created = result.data["createWebhookSubscription"]
    return created["subscription"]["id"], created["secret"]


async def _deliveries(world: World, token: str, subscription_id: str) -> list[dict[str, Any]]:
    result = await world.client(DELIVERIES, {"id": subscription_id}, token=token)
    return [edge["node"] for edge in result.data["webhookDeliveries"]["edges"]]


async def test_an_event_arrives_as_a_signed_cloudevent(
    world: World, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, secret = await _subscribe(world, system, receiver.url())
    correspondence_id = await world.published_id(recipients=[ORG_COMPANY], sendersReference="ref-77")
    await dispatcher.drain()

    (request,) = receiver.received
    assert request.headers["content-type"] == "application/cloudevents+json"
    # The Standard Webhooks library's own verifier accepts exactly what was sent.
    event = Webhook(secret).verify(request.body, request.headers)
    assert request.headers["webhook-signature"].startswith("v1,")
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert request.headers["webhook-id"] == delivery["id"]
    activity_id = next(
        a["id"] for a in (await world.get(correspondence_id, system))["activities"] if a["type"] == "PUBLISHED"
    )
    assert event == {
        "specversion": "1.0",
        "id": activity_id,
        "type": "correspondence.published",
        "source": "urn:correspondence",
        "subject": urn_org(ORG_COMPANY),
        "time": event["time"],
        "datacontenttype": "application/json",
        "resourceid": RESOURCE,
        "correspondenceid": correspondence_id,
        "data": {
            "correspondenceId": correspondence_id,
            "resourceId": RESOURCE,
            "recipient": urn_org(ORG_COMPANY),
            "sender": urn_org(ORG_AGENCY),
            "sendersReference": "ref-77",
            "status": "PUBLISHED",
        },
    }
    assert event["time"].endswith("Z")
    assert b"Skattemelding" not in request.body  # never the letter's content
    assert delivery["status"] == "DELIVERED"
    assert (delivery["attempt"], delivery["responseStatus"], delivery["eventId"]) == (1, 200, activity_id)


async def test_each_subscriber_receives_what_it_may_see_through_its_filters(
    world: World, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url("/company"))
    await _subscribe(world, world.tokens.system(ORG_OTHER), receiver.url("/other"))
    await _subscribe(world, world.agency, receiver.url("/agency-all"))
    await _subscribe(world, world.agency, receiver.url("/agency-read"), types=["READ"])
    await _subscribe(world, world.agency, receiver.url("/agency-company"), parties=[ORG_COMPANY])
    await _subscribe(world, world.agency, receiver.url("/agency-other-resource"), resourceIds=["another-resource"])
    to_company = await world.published_id(recipients=[ORG_COMPANY])
    to_person = await world.published_id(recipients=[PERSON_A])
    await world.client(
        "mutation Read($id: ID!) { markCorrespondenceRead(id: $id) { status } }",
        {"id": to_person},
        token=world.person(PERSON_A),
    )
    await dispatcher.drain()

    def seen(path: str) -> list[tuple[str, str]]:
        events = [json.loads(r.body) for r in receiver.at(path)]
        return sorted((e["correspondenceid"], e["type"]) for e in events)

    assert seen("/company") == [(to_company, "correspondence.published")]
    assert seen("/other") == []
    assert seen("/agency-all") == sorted(
        [
            (to_company, "correspondence.published"),
            (to_person, "correspondence.published"),
            (to_person, "correspondence.fetched"),  # a first read fetches too
            (to_person, "correspondence.read"),
        ]
    )
    assert seen("/agency-read") == [(to_person, "correspondence.read")]
    assert seen("/agency-company") == [(to_company, "correspondence.published")]
    assert seen("/agency-other-resource") == []


async def test_failures_are_retried_on_the_schedule_with_the_same_webhook_id(
    world: World, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, secret = await _subscribe(world, system, receiver.url())
    delivered_before, failed_before = delivered_total(), failed_total()
    receiver.answer("/hook", "500", "503", HOLD, CLOSE, "307")
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    for pause in (5, 300, 1800, 7200, 18000):  # the default schedule's first five pauses
        (delivery,) = await _deliveries(world, system, subscription_id)
        assert delivery["status"] == "PENDING"
        await dispatcher.drain()  # not due yet: nothing is sent early
        assert len(receiver.received) == delivery["attempt"]
        clock.advance(timedelta(seconds=pause))
        await dispatcher.drain()

    (delivery,) = await _deliveries(world, system, subscription_id)
    assert (delivery["status"], delivery["attempt"], delivery["responseStatus"]) == ("DELIVERED", 6, 200)
    assert {r.headers["webhook-id"] for r in receiver.received} == {delivery["id"]}
    assert [r.path for r in receiver.received] == ["/hook"] * 6  # the redirect was not followed
    for request in receiver.received:
        Webhook(secret).verify(request.body, request.headers)
    attempts = delivery["attemptHistory"]
    assert [(a["number"], a["responseStatus"]) for a in attempts] == [
        (1, 500),
        (2, 503),
        (3, None),
        (4, None),
        (5, 307),
        (6, 200),
    ]
    assert attempts[0]["error"] == "The endpoint answered HTTP 500."
    assert attempts[2]["error"] == "No answer within 1 s."
    assert attempts[3]["error"].startswith("RemoteProtocolError")  # closed without an answer
    assert attempts[4]["error"] == "The endpoint answered HTTP 307."
    assert attempts[5]["error"] is None
    assert delivered_total() == delivered_before + 1
    assert failed_total() == failed_before + 5


async def test_retries_end_failed_and_a_subscription_failing_for_days_is_disabled(
    world: World, receiver: Receiver, settings: Settings
) -> None:
    short = settings.model_copy(update={"webhook_retry_seconds": "60,60", "webhook_disable_after_seconds": 86400})
    dispatcher = Dispatcher(short, load_keyring(short), name="short")
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", *["500"] * 10)
    await world.published_id(recipients=[ORG_COMPANY])
    for _ in range(3):
        await dispatcher.drain()
        clock.advance(timedelta(seconds=61))
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert (delivery["status"], delivery["attempt"], delivery["nextAttemptAt"]) == ("FAILED", 3, None)
    assert len(receiver.received) == 3
    assert (await world.client(LIST, token=system)).data["webhookSubscriptions"][0]["status"] == "ACTIVE"

    clock.advance(timedelta(days=1))  # still failing a day after the first failure
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    (listed,) = (await world.client(LIST, token=system)).data["webhookSubscriptions"]
    assert listed["status"] == "DISABLED"
    assert listed["statusText"] == "Every delivery failed for 1 days."
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    assert len(receiver.received) == 4  # a disabled subscription is sent nothing more


async def test_a_success_ends_the_failing_streak(world: World, receiver: Receiver, settings: Settings) -> None:
    short = settings.model_copy(update={"webhook_retry_seconds": "60", "webhook_disable_after_seconds": 3600})
    dispatcher = Dispatcher(short, load_keyring(short), name="short")
    system = world.tokens.system(ORG_COMPANY)
    await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", "500", "200")
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    clock.advance(timedelta(seconds=61))
    await dispatcher.drain()  # the retry succeeds
    receiver.answer("/hook", "500")
    clock.advance(timedelta(hours=2))
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    (listed,) = (await world.client(LIST, token=system)).data["webhookSubscriptions"]
    assert listed["status"] == "ACTIVE"  # failing since just now, not since two hours ago


async def test_410_gone_disables_the_subscription_at_once(
    world: World, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", "410")
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    (listed,) = (await world.client(LIST, token=system)).data["webhookSubscriptions"]
    assert (listed["status"], listed["statusText"]) == ("DISABLED", "The endpoint answered 410 Gone.")
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert (delivery["status"], delivery["responseStatus"]) == ("FAILED", 410)
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    assert len(receiver.received) == 1


async def test_a_deleted_subscription_is_sent_nothing_more(
    world: World, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", "500")
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    await world.client(DELETE, {"id": subscription_id}, token=system)
    await world.published_id(recipients=[ORG_COMPANY])
    clock.advance(timedelta(hours=1))  # the first event's retry is due
    await dispatcher.drain()
    assert len(receiver.received) == 1
    assert await WebhookDelivery.all().count() == 0  # gone with their subscription


async def test_a_subscription_deleted_during_an_attempt_ends_cleanly(
    world: World, receiver: Receiver, dispatcher: Dispatcher, caplog: pytest.LogCaptureFixture
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", HOLD)
    await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.run_once()
    await receiver.wait_for(1)
    await world.client(DELETE, {"id": subscription_id}, token=system)
    receiver.release()
    await dispatcher.drain()
    assert await WebhookDelivery.all().count() == 0
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_access_is_judged_again_at_delivery(world: World, receiver: Receiver, dispatcher: Dispatcher) -> None:
    """A recipient's PUBLISHED event made while it could see the letter is withdrawn once it cannot (purged)."""
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, receiver.url())
    receiver.answer("/hook", "503")
    correspondence_id = await world.published_id(recipients=[ORG_COMPANY])
    await dispatcher.drain()
    assert (await world.client(PURGE, {"id": correspondence_id}, token=system)).data is not None
    clock.advance(timedelta(seconds=5))
    await dispatcher.drain()
    assert len(receiver.received) == 1
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert (delivery["status"], delivery["attempt"]) == ("FAILED", 1)
    assert delivery["error"] == "Withdrawn: the subscriber may no longer see this event."


async def test_the_resolved_address_is_judged_at_every_attempt(
    world: World, receiver: Receiver, settings: Settings
) -> None:
    system = world.tokens.system(ORG_COMPANY)
    subscription_id, _ = await _subscribe(world, system, f"http://localhost:{receiver.port}/hook")  # dev mode
    strict = settings.model_copy(update={"dev_mode": False, "allow_private_endpoints": False})
    await world.published_id(recipients=[ORG_COMPANY])
    await Dispatcher(strict, load_keyring(settings), name="strict").drain()
    assert receiver.received == []
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert delivery["status"] == "PENDING"
    assert delivery["error"] == "The webhook URL must be an absolute https URL."
    # An https name that resolves to loopback is refused on its resolved address.
    await WebhookSubscription.filter(id=subscription_id).update(url=f"https://localhost:{receiver.port}/hook")
    clock.advance(timedelta(seconds=5))
    await Dispatcher(strict, load_keyring(settings), name="strict").drain()
    assert receiver.received == []
    (delivery,) = await _deliveries(world, system, subscription_id)
    assert delivery["error"] == "The webhook URL resolves to a private or loopback address."


async def test_a_held_endpoint_does_not_hold_up_another_subscription(
    world: World, receiver: Receiver, settings: Settings
) -> None:
    patient = settings.model_copy(update={"webhook_attempt_timeout_seconds": 30})
    dispatcher = Dispatcher(patient, load_keyring(patient), name="patient")
    await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url("/held"))
    await _subscribe(world, world.agency, receiver.url("/fine"))
    receiver.answer("/held", HOLD)
    await world.published_id(recipients=[ORG_COMPANY])
    await world.published_id(recipients=[PERSON_A])
    try:
        await dispatcher.run_once()
        await receiver.wait_for(1, "/held")
        await receiver.wait_for(2, "/fine")  # both of the sender's events, while the held one waits
        assert not receiver.released.is_set()
    finally:
        receiver.release()
        await dispatcher.drain()
        await dispatcher.stop()
    assert len(receiver.at("/held")) == 1


async def test_an_event_committed_after_a_later_one_is_delivered_too(
    world: World, receiver: Receiver, dispatcher: Dispatcher, database: str
) -> None:
    if db.dialect_of(database) == "sqlite":
        pytest.skip("SQLite serialises writers: its transactions cannot commit out of id order")
    await _subscribe(world, world.agency, receiver.url())
    first = await world.published_id(recipients=[ORG_COMPANY])
    holding, release = asyncio.Event(), asyncio.Event()

    async def slow_transaction() -> None:
        async with unit_of_work():
            await timeline.record(await correspondence_repository.lock(UUID(first)), ActivityType.ARCHIVED, None)
            holding.set()
            await release.wait()  # its activity id is taken, its commit still to come

    slow = asyncio.create_task(slow_transaction())
    await holding.wait()
    second = await world.published_id(recipients=[ORG_COMPANY])  # higher ids, committed first
    await dispatcher.drain()
    release.set()
    await slow
    await dispatcher.drain()
    events = sorted((json.loads(r.body)["correspondenceid"], json.loads(r.body)["type"]) for r in receiver.received)
    assert events == sorted(
        [
            (first, "correspondence.published"),
            (first, "correspondence.archived"),
            (second, "correspondence.published"),
        ]
    )
