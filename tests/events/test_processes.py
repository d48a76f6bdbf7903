"""Real API processes: fan-out over Redis between them, a slow client on a real socket, a clean shutdown."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import signal
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as websockets_connect
from websockets.exceptions import ConnectionClosed
from websockets.frames import Close
from websockets.typing import Subprotocol

from correspondence.adapters import event_bus, queue
from correspondence.correspondence.models import Activity, ActivityType, Correspondence
from correspondence.kit import clock
from tests.events.support import PROTOCOL, GraphQLWebSocket
from tests.fixtures.processes import ApiProcess, ready, start_api
from tests.fixtures.world import World, urn_org, urn_person
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, PERSON_A, PERSON_B, GraphQLClient, Tokens

QUEUE_SIZE = 64
BATCH = 32
BURST = 640


@pytest.fixture(scope="session")
def environment(database: str, redis_url: str, data_dir: Path) -> dict[str, str]:
    return {
        "CORRESPONDENCE_DATABASE_URL": database,
        "CORRESPONDENCE_REDIS_URL": redis_url,
        "CORRESPONDENCE_DATA_DIR": str(data_dir),
        "CORRESPONDENCE_EVENT_QUEUE_SIZE": str(QUEUE_SIZE),
    }


@pytest.fixture(scope="session")
async def apis(environment: dict[str, str], data_dir: Path) -> AsyncIterator[tuple[ApiProcess, ApiProcess]]:
    started = [start_api(environment, data_dir, name) for name in ("a", "b")]
    try:
        for api in started:
            await ready(api)
        yield started[0], started[1]
    finally:
        for api in started:
            api.stop()


@asynccontextmanager
async def subscription(api: ApiProcess, token: str, **variables: Any) -> AsyncIterator[GraphQLWebSocket]:
    async with (
        httpx.AsyncClient() as http,
        aconnect_ws(f"{api.url}/graphql", http, subprotocols=[PROTOCOL], session_class=AsyncWebSocketSession) as ws,
    ):
        client = GraphQLWebSocket(ws)
        assert (await client.init(token))["type"] == "connection_ack"
        await client.subscribe(**variables)
        yield client


async def events_of(ws: GraphQLWebSocket, count: int) -> list[tuple[str, str]]:
    events = [await ws.next_event() for _ in range(count)]
    await ws.nothing_within(0.3)
    return [(e["type"], e["correspondence"]["recipient"]) for e in events]


async def test_events_caused_through_one_process_reach_subscribers_on_both(
    world: World, tokens: Tokens, apis: tuple[ApiProcess, ApiProcess]
) -> None:
    a, b = apis
    async with httpx.AsyncClient(base_url=b.url) as http_b, httpx.AsyncClient(base_url=a.url) as http_a:
        through_b = World(GraphQLClient(http_b), tokens)
        through_a = World(GraphQLClient(http_a), tokens)
        async with AsyncExitStack() as stack:
            kari_on_a = await stack.enter_async_context(subscription(a, tokens.person(PERSON_A)))
            ola_on_a = await stack.enter_async_context(subscription(a, tokens.person(PERSON_B)))
            other_sender_on_a = await stack.enter_async_context(subscription(a, tokens.service_owner(ORG_AGENCY_2)))
            sender_on_b = await stack.enter_async_context(subscription(b, through_b.agency))
            kari_own_on_b = await stack.enter_async_context(
                subscription(b, tokens.person(PERSON_A), parties=[PERSON_A])
            )
            await a.subscribers_reach(3)
            await b.subscribers_reach(2)

            own, company = await through_b.sent_ids(recipients=[PERSON_A, ORG_COMPANY])
            for correspondence_id in (own, company):
                assert await through_b.publish(correspondence_id) == "PUBLISHED"  # the job, run here

            published = "PUBLISHED"
            kari, org = urn_person(PERSON_A), urn_org(ORG_COMPANY)
            assert await events_of(kari_on_a, 2) == [(published, kari), (published, org)]
            assert await events_of(ola_on_a, 1) == [(published, org)]
            assert await events_of(kari_own_on_b, 1) == [(published, kari)]
            assert await events_of(sender_on_b, 2) == [(published, kari), (published, org)]

            read = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status } }"
            assert not (await through_a.client(read, {"id": own}, token=tokens.person(PERSON_A))).errors
            assert await events_of(sender_on_b, 2) == [("FETCHED", kari), ("READ", kari)]
            await kari_on_a.nothing_within(0.1)
            await other_sender_on_a.nothing_within(0.1)


async def close_frame(ws: ClientConnection) -> Close | None:
    """Read until the server closes; its close frame."""
    try:
        while True:
            await asyncio.wait_for(ws.recv(), 10)
    except ConnectionClosed as closed:
        return closed.rcvd


HEAVY = "subscription { correspondenceEvents { id correspondence { activities { type text } } } }"


async def test_a_slow_subscriber_is_dropped_without_slowing_the_others(
    world: World, tokens: Tokens, apis: tuple[ApiProcess, ApiProcess]
) -> None:
    a, _ = apis
    correspondence_id = await world.published_id()
    # A long timeline makes each event large for the slow subscriber, so its socket buffers fill quickly.
    correspondence = await Correspondence.get(id=correspondence_id)
    await Activity.bulk_create(
        Activity(correspondence=correspondence, type=ActivityType.FETCHED, occurred_at=clock.now(), text="x" * 1000)
        for _ in range(100)
    )
    template = event_bus.EventMessage(
        id=0,
        type="READ",
        occurred_at=clock.now().isoformat(),
        correspondence_id=correspondence_id,
        recipient=correspondence.recipient,
        sender=correspondence.sender,
        resource_id=correspondence.resource_id,
        is_confidential=False,
    )
    init = json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {world.agency}"}})
    subscribe = json.dumps({"id": "slow", "type": "subscribe", "payload": {"query": HEAVY}})
    async with (
        websockets_connect(
            a.ws_url, subprotocols=[Subprotocol(PROTOCOL)], max_queue=1, max_size=2**20, compression=None
        ) as slow,
        subscription(a, world.agency) as fast,
    ):
        await slow.send(init)
        assert json.loads(await slow.recv())["type"] == "connection_ack"
        await slow.send(subscribe)
        await a.subscribers_reach(2)

        # The slow client reads nothing from here on, so the server's writes to it block once the socket
        # buffers are full. The fast one keeps up: it reads each small batch before the next is published.
        pool = queue.pool()
        channel = event_bus.channel(event_bus.EVENTS, pool.connection_pool.connection_kwargs["db"])
        received: list[int] = []
        for start in range(1, BURST + 1, BATCH):
            async with pool.pipeline(transaction=False) as pipe:
                for n in range(start, start + BATCH):
                    pipe.publish(channel, dataclasses.replace(template, id=n).encode())
                await pipe.execute()
            received += [int((await fast.next_event())["id"]) for _ in range(BATCH)]
        assert received == list(range(1, BURST + 1))  # every event, in order, while the other one lagged
        await a.subscribers_reach(1)  # the slow one is gone

        close = await close_frame(slow)  # behind what the socket buffered
        assert close is not None
        assert close.code == 1013
        assert "Too slow" in close.reason


async def test_a_stopping_process_closes_its_subscriptions_cleanly(
    world: World, environment: dict[str, str], data_dir: Path
) -> None:
    api = start_api(environment, data_dir, "stopping")
    try:
        await ready(api)
        async with subscription(api, world.person(PERSON_A)) as ws:
            await api.subscribers_reach(1)
            api.process.terminate()
            code, _ = await ws.closed(within=10)
            assert code == 1012  # "service restart": reconnect elsewhere, with since
        # uvicorn shuts down gracefully, then re-raises the signal so the exit status names it.
        assert api.process.wait(15) in (0, -signal.SIGTERM)
        log = api.log.read_text()
        assert "Traceback" not in log, log
        assert "ERROR" not in log, log
    finally:
        api.stop()
