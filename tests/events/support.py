"""The graphql-transport-ws client the live-event tests speak, and the subscription they send."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any

from httpx_ws import AsyncWebSocketSession, WebSocketDisconnect

from correspondence.events import hub as events

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


async def subscribers_reach(hub: events.EventHub, count: int) -> None:
    """Wait until the hub has registered `count` subscribers (a subscription registers asynchronously)."""
    for _ in range(500):
        if hub.subscriber_count == count:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"{hub.subscriber_count} subscribers, expected {count}")
