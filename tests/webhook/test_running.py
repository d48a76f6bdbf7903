"""The dispatcher as a worker runs it (contract §12): woken by the event bus, a committed event goes out without
waiting for a tick; lanes stay a while for their subscription's next events, give their place up when another
subscription needs it, and a hung endpoint holds up no other subscription. The ticks here are an hour apart, so
only the wake-up can explain a delivery."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
from arq.connections import ArqRedis

from correspondence.adapters.crypto import load_keyring
from correspondence.settings import Settings
from correspondence.webhook.dispatcher import LANE_LINGER_SECONDS, MAX_LANES, Dispatcher
from correspondence.webhook.models import WebhookSubscription
from tests.fixtures.webhooks import HOLD, Receiver
from tests.fixtures.world import World
from tests.helpers import ORG_COMPANY, ORG_OTHER, PERSON_A
from tests.webhook.support import CREATE, create_input

pytestmark = pytest.mark.dialect_independent  # the bus, the lanes and their scheduling; no SQL of their own

HOUR = 3600.0
PATIENT = 30.0  # seconds an attempt may wait for an answer: a held request stays held throughout a test
Running = Callable[..., Dispatcher]


@pytest.fixture
async def running(settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[Running]:
    """Starts dispatchers that tick once an hour (their first pass at once) and listen to the event bus."""
    started: list[Dispatcher] = []
    patient = settings.model_copy(update={"webhook_attempt_timeout_seconds": PATIENT})

    def start(*, linger_seconds: float = LANE_LINGER_SECONDS, max_lanes: int = MAX_LANES) -> Dispatcher:
        dispatcher = Dispatcher(
            patient,
            load_keyring(patient),
            name=f"running-{len(started)}",
            tick_seconds=HOUR,
            linger_seconds=linger_seconds,
            max_lanes=max_lanes,
        )
        dispatcher.start()
        started.append(dispatcher)
        return dispatcher

    try:
        yield start
    finally:
        for dispatcher in started:
            await dispatcher.stop()


async def _listening(dispatcher: Dispatcher) -> None:
    await asyncio.wait_for(dispatcher.listening.wait(), 30)


async def _subscribe(world: World, token: str, url: str) -> str:
    result = await world.client(CREATE, {"input": create_input(url=url)}, token=token)
    return str(result.data["createWebhookSubscription"]["subscription"]["id"])


async def test_a_committed_event_is_delivered_on_the_wake_up_and_the_lane_stays_for_the_next(
    world: World, receiver: Receiver, running: Running
) -> None:
    subscription_id = await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url())
    dispatcher = running()
    await _listening(dispatcher)
    await world.published_id(recipients=[ORG_COMPANY])
    await receiver.wait_for(1)
    subscription = await WebhookSubscription.get(id=subscription_id)
    assert (
        subscription.lease_owner == dispatcher.name
    )  # the idle lane keeps its lease for the subscription's next events
    # Committed after the first pass had made its deliveries, and no tick due for an hour: the bus woke the fan-out.
    await world.published_id(recipients=[ORG_COMPANY])
    await receiver.wait_for(2)


async def test_a_hung_endpoint_holds_up_no_other_subscription(
    world: World, receiver: Receiver, running: Running
) -> None:
    await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url("/held"))
    await _subscribe(world, world.agency, receiver.url("/fine"))  # the sender's: every event
    receiver.answer("/held", HOLD, HOLD)
    dispatcher = running()
    await _listening(dispatcher)
    await world.published_id(recipients=[ORG_COMPANY])
    await receiver.wait_for(1, "/held")
    await receiver.wait_for(1, "/fine")
    for count in (2, 3):  # events committed while the held request waits are delivered to the other at once
        await world.published_id(recipients=[PERSON_A if count == 2 else ORG_COMPANY])
        await receiver.wait_for(count, "/fine")
    assert len(receiver.at("/held")) == 1  # its lane still waits for the first answer


async def test_an_idle_lane_gives_its_place_to_another_subscription(
    world: World, receiver: Receiver, running: Running
) -> None:
    await _subscribe(world, world.tokens.system(ORG_COMPANY), receiver.url("/company"))
    await _subscribe(world, world.tokens.system(ORG_OTHER), receiver.url("/other"))
    dispatcher = running(max_lanes=1, linger_seconds=HOUR)  # one lane, which would otherwise idle for an hour
    await _listening(dispatcher)
    await world.published_id(recipients=[ORG_COMPANY])
    await receiver.wait_for(1, "/company")
    await world.published_id(recipients=[ORG_OTHER])
    await receiver.wait_for(1, "/other")
