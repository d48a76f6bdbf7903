"""Live events in-process: the real ASGI app over httpx-ws, a real event hub on the real Redis, a small world."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis
from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport
from starlette.applications import Starlette

from correspondence.app import create_app
from correspondence.events import hub as events
from correspondence.settings import Settings
from tests.correspondence.conftest import world  # noqa: F401  (the lifecycle's registry world, reused as a fixture)
from tests.helpers import GraphQLClient

PROTOCOL = "graphql-transport-ws"

EVENTS = """
subscription Events($parties: [String!], $since: ID) {
  correspondenceEvents(parties: $parties, since: $since) {
    id type occurredAt correspondenceId
    correspondence { id recipient sender status content { messageTitle } }
  }
}"""


class GraphQLWebSocket:
    """A graphql-transport-ws client: answers pings, returns the other messages, reports the close."""

    def __init__(self, session: AsyncWebSocketSession) -> None:
        self.session = session
        self.pings = 0

    async def init(self, token: str | None, **payload: Any) -> dict[str, Any]:
        if token is not None:
            payload["Authorization"] = f"Bearer {token}"
        await self.session.send_json({"type": "connection_init", "payload": payload})
        return await self.receive()

    async def subscribe(self, operation_id: str = "1", query: str = EVENTS, **variables: Any) -> None:
        message = {"id": operation_id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
        await self.session.send_json(message)

    async def receive(self, within: float = 5.0) -> dict[str, Any]:
        """The next message other than a ping, within `within` seconds in all (TimeoutError otherwise)."""
        async with asyncio.timeout(within):
            while True:
                message: dict[str, Any] = json.loads(await self.session.receive_text())
                if message["type"] != "ping":
                    return message
                self.pings += 1
                await self.session.send_json({"type": "pong"})

    async def next_event(self, within: float = 5.0) -> dict[str, Any]:
        message = await self.receive(within)
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        event: dict[str, Any] = message["payload"]["data"]["correspondenceEvents"]
        return event

    async def nothing_within(self, seconds: float) -> None:
        try:
            message = await self.receive(within=seconds)
        except TimeoutError:
            return
        raise AssertionError(f"Expected nothing, got {message}")

    async def closed(self, within: float = 5.0) -> tuple[int, str | None]:
        """Read until the server closes; the close code and reason."""
        try:
            while True:
                await self.receive(within)
        except WebSocketDisconnect as close:
            return close.code, close.reason


Connect = Callable[[], AbstractAsyncContextManager[GraphQLWebSocket]]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"ws_keepalive_seconds": 0.5, "event_queue_size": 16})


@pytest.fixture
async def hub(settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[events.EventHub]:
    hub = events.EventHub(settings.redis_url, settings.event_queue_size)
    hub.start()
    events.use_hub(hub)
    for _ in range(200):
        if hub.listening:
            break
        await asyncio.sleep(0.01)
    assert hub.listening
    try:
        yield hub
    finally:
        await hub.stop()
        events.use_hub(None)


@pytest.fixture
def app(settings: Settings, redis_pool: ArqRedis, hub: events.EventHub) -> Starlette:
    return create_app(settings)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield GraphQLClient(http)


@pytest.fixture
def connect(app: Starlette) -> Connect:
    @asynccontextmanager
    async def session() -> AsyncIterator[GraphQLWebSocket]:
        # Entered in the test's own task: the transport's task group must be left in the task that entered it.
        async with (
            httpx.AsyncClient(transport=ASGIWebSocketTransport(app=app), base_url="http://test") as http,
            aconnect_ws("http://test/graphql", http, subprotocols=[PROTOCOL]) as ws,
        ):
            yield GraphQLWebSocket(ws)

    return session


async def subscribers_reach(hub: events.EventHub, count: int) -> None:
    """Wait until the hub has registered `count` subscribers (a subscription registers asynchronously)."""
    for _ in range(500):
        if hub.subscriber_count == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{hub.subscriber_count} subscribers, expected {count}")
