"""What one caller may hold open on websockets (contract §8), over real sockets to a real server: operations per
connection (refused with an error for that operation, RATE_LIMITED) and connections per principal in the process
(closed with 4429)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
from httpx_ws import AsyncWebSocketSession, aconnect_ws

from correspondence.app import create_app
from correspondence.events import hub as events
from correspondence.graphql.websocket import CLOSE_TOO_MANY_CONNECTIONS
from correspondence.settings import Settings
from tests.events.support import PROTOCOL, GraphQLWebSocket
from tests.helpers import PERSON_A, PERSON_B, Tokens
from tests.live_server import live_server

pytestmark = pytest.mark.dialect_independent  # the websocket protocol's limits

MAX_OPERATIONS = 2
MAX_CONNECTIONS = 2

Connect = Callable[[], AbstractAsyncContextManager[GraphQLWebSocket]]


@pytest.fixture
async def connect(settings: Settings, hub: events.EventHub) -> AsyncIterator[Connect]:
    limited = settings.model_copy(
        update={
            "ws_max_operations_per_connection": MAX_OPERATIONS,
            "ws_max_connections_per_principal": MAX_CONNECTIONS,
        }
    )
    async with live_server(create_app(limited), limited) as url:

        @asynccontextmanager
        async def session() -> AsyncIterator[GraphQLWebSocket]:
            async with (
                httpx.AsyncClient() as http,
                aconnect_ws(f"{url}/graphql", http, subprotocols=[PROTOCOL], session_class=AsyncWebSocketSession) as ws,
            ):
                yield GraphQLWebSocket(ws)

        yield session


async def test_operations_over_the_limit_are_refused_and_the_connection_stays(connect: Connect, tokens: Tokens) -> None:
    async with connect() as ws:
        assert (await ws.init(tokens.person(PERSON_A)))["type"] == "connection_ack"
        for operation_id in ("1", "2"):
            await ws.subscribe(operation_id)
        await ws.nothing_within(0.3)

        await ws.subscribe("3")
        refused = await ws.receive()
        assert refused["type"] == "error"
        assert refused["id"] == "3"
        assert refused["payload"][0]["extensions"]["code"] == "RATE_LIMITED"

        await ws.session.send_json({"id": "1", "type": "complete"})
        await ws.subscribe("4")  # a slot is free again
        await ws.nothing_within(0.3)


async def test_connections_over_the_limit_per_principal_are_closed_with_4429(connect: Connect, tokens: Tokens) -> None:
    async with connect() as first, connect() as second:
        for ws in (first, second):
            assert (await ws.init(tokens.person(PERSON_A)))["type"] == "connection_ack"

        async with connect() as third:
            await third.session.send_json(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {tokens.person(PERSON_A)}"}}
            )
            code, reason = await third.closed()
        assert code == CLOSE_TOO_MANY_CONNECTIONS
        assert reason is not None and str(MAX_CONNECTIONS) in reason

        async with connect() as other:  # another principal has slots of its own
            assert (await other.init(tokens.person(PERSON_B)))["type"] == "connection_ack"

    # The slots are released when the server has seen the connections close (a moment after the client did).
    async with asyncio.timeout(5):
        while True:
            async with connect() as again:
                if (await again.init(tokens.person(PERSON_A)))["type"] == "connection_ack":
                    break
            await asyncio.sleep(0.05)
