"""Live events in-process: the real ASGI app over httpx-ws and a real event hub on the real Redis.

`settings` and `client` are overridden here: the app of these tests has short keep-alives and a started hub."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from arq.connections import ArqRedis
from httpx_ws import AsyncWebSocketSession, aconnect_ws
from httpx_ws.transport import ASGIWebSocketTransport
from starlette.applications import Starlette

from correspondence.app import create_app
from correspondence.events import hub as events
from correspondence.settings import Settings
from tests.events.support import PROTOCOL, Connect, GraphQLWebSocket
from tests.helpers import GraphQLClient


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
            aconnect_ws(
                "http://test/graphql", http, subprotocols=[PROTOCOL], session_class=AsyncWebSocketSession
            ) as ws,
        ):
            yield GraphQLWebSocket(ws)

    return session
