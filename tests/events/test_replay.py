"""`since` replays from the activity log, then continues live: in order, no gaps, no duplicates."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import cast

import pytest

from correspondence.access.actor import actor_from_claims
from correspondence.adapters import event_bus
from correspondence.correspondence.models import Activity, ActivityType, Correspondence
from correspondence.events.audience import Audience
from correspondence.events.hub import EventHub
from correspondence.events.stream import stream
from correspondence.kit import clock
from tests.events.support import Connect, subscribers_reach
from tests.fixtures.world import World
from tests.helpers import PERSON_A

PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"


async def published_event_ids() -> list[int]:
    ids = await Activity.filter(type=ActivityType.PUBLISHED).order_by("id").values_list("id", flat=True)
    return cast("list[int]", ids)  # Tortoise types flat values as tuples


async def test_since_replays_what_was_missed_then_goes_live(world: World, connect: Connect, hub: EventHub) -> None:
    sent = [await world.published_id(sendersReference=f"ref-{n}") for n in range(3)]
    first, *missed = await published_event_ids()
    async with connect() as ws:
        await ws.init(world.person(PERSON_A))
        await ws.subscribe(since=str(first))
        replayed = [await ws.next_event(), await ws.next_event()]
        assert [int(e["id"]) for e in replayed] == missed
        assert [e["correspondenceId"] for e in replayed] == sent[1:]
        live = await world.published_id(sendersReference="ref-live")
        event = await ws.next_event()
        assert event["correspondenceId"] == live
        assert int(event["id"]) > missed[-1]
        await ws.nothing_within(0.3)


async def test_since_after_the_newest_event_is_live_only(world: World, connect: Connect, hub: EventHub) -> None:
    await world.published_id()
    (newest,) = await published_event_ids()
    async with connect() as ws:
        await ws.init(world.person(PERSON_A))
        await ws.subscribe(since=str(newest))
        await subscribers_reach(hub, 1)
        live = await world.published_id(sendersReference="ref-live")
        assert (await ws.next_event())["correspondenceId"] == live
        await ws.nothing_within(0.2)


async def test_the_seam_skips_what_the_replay_already_gave(world: World, hub: EventHub) -> None:
    for n in range(3):
        await world.published_id(sendersReference=f"ref-{n}")
    first, second, third = await published_event_ids()
    actor = actor_from_claims({"pid": PERSON_A, "scope": "altinn:correspondence.read"})
    events = stream(hub, Audience(actor), first, None)

    assert (await anext(events)).id == second  # replaying; the subscriber is registered and buffering
    # Events published while the replay reads arrive live as well: the second and third again, and a new one.
    row = await Activity.get(id=second).prefetch_related("correspondence")
    correspondence = row.correspondence
    assert correspondence is not None
    late = event_bus.EventMessage(
        id=second,
        type="PUBLISHED",
        occurred_at=clock.now().isoformat(),
        correspondence_id=str(correspondence.id),
        recipient=correspondence.recipient,
        sender=correspondence.sender,
        resource_id=correspondence.resource_id,
        is_confidential=False,
    )
    await hub.dispatch(late)
    await hub.dispatch(dataclasses.replace(late, id=third))
    await hub.dispatch(dataclasses.replace(late, id=first))  # older than `since`: the client has it
    await hub.dispatch(dataclasses.replace(late, id=third + 100))

    assert [(await anext(events)).id for _ in range(2)] == [third, third + 100]
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(anext(events), 0.3)
    assert hub.subscriber_count == 0  # the cancelled stream unregistered itself


async def test_recipients_replay_no_purged_letter_but_its_sender_does(
    world: World, connect: Connect, hub: EventHub
) -> None:
    kept = await world.published_id(sendersReference="kept")
    purged = await world.published_id(sendersReference="purged")
    assert not (await world.client(PURGE, {"id": purged}, token=world.person(PERSON_A))).errors
    async with connect() as as_a, connect() as as_sender:
        await as_a.init(world.person(PERSON_A))
        await as_a.subscribe(since="0")
        assert (await as_a.next_event())["correspondenceId"] == kept
        await as_a.nothing_within(0.2)

        await as_sender.init(world.agency)
        await as_sender.subscribe(since="0")
        seen = [await as_sender.next_event() for _ in range(3)]
        assert [(e["type"], e["correspondenceId"]) for e in seen] == [
            ("PUBLISHED", kept),
            ("PUBLISHED", purged),
            ("PURGED_BY_RECIPIENT", purged),
        ]
        assert seen[2]["correspondence"]["status"] == "PURGED_BY_RECIPIENT"


async def test_a_lost_bus_connection_is_caught_up_from_the_database(
    world: World, connect: Connect, hub: EventHub
) -> None:
    async with connect() as ws:
        await ws.init(world.agency)
        await ws.subscribe()
        await subscribers_reach(hub, 1)
        correspondence_id = await world.published_id()
        assert (await ws.next_event())["type"] == "PUBLISHED"

        # An event recorded while the bus was away never reaches pub/sub; the database has it.
        correspondence = await Correspondence.get(id=correspondence_id)
        missed = await Activity.create(
            correspondence=correspondence, type=ActivityType.NEVER_READ, occurred_at=clock.now(), actor=None
        )
        await hub.handle(event_bus.Disconnected("test"))
        assert not hub.listening
        await hub.handle(event_bus.Subscribed())
        event = await ws.next_event()
        assert (event["id"], event["type"]) == (str(missed.id), "NEVER_READ")
        await ws.nothing_within(0.2)


async def test_shutdown_completes_every_subscription(world: World, connect: Connect, hub: EventHub) -> None:
    async with connect() as ws:
        await ws.init(world.person(PERSON_A))
        await ws.subscribe("a")
        await ws.subscribe("b", parties=[PERSON_A])
        await subscribers_reach(hub, 2)
        await hub.stop()
        completed = {(await ws.receive())["id"], (await ws.receive())["id"]}
        assert completed == {"a", "b"}
        assert hub.subscriber_count == 0
