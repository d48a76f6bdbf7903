"""One graphql-transport-ws connection: keep-alive pings, the token's expiry, and closing it from the server.

Strawberry's handler implements the protocol; this adds what a long-lived authenticated connection needs.
The protocol lets either side ping; the server's pings keep proxies from dropping an idle connection. When the
token of the connection expires, the server closes with 4403 (as for a refused `connection_init`) and the client
reconnects with a fresh token and `since`.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress

from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from correspondence.access.context import Context
from correspondence.kit import clock

logger = logging.getLogger(__name__)

CLOSE_TOKEN_EXPIRED = 4403


class ConnectionHandler(BaseGraphQLTransportWSHandler[Context, None]):
    _watchdog: asyncio.Task[None] | None = None
    _closing: asyncio.Task[None] | None = None

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged and self._watchdog is None:
            self.context.close_connection = self.close_soon
            self._watchdog = asyncio.create_task(self._watch(), name="graphql-ws-watchdog")

    async def _watch(self) -> None:
        """Ping every keep-alive interval; close when the token expires."""
        interval = self.context.settings.ws_keepalive_seconds
        expires_at = self.context.token_expires_at
        try:
            while True:
                remaining = None if expires_at is None else expires_at - clock.now().timestamp()
                if remaining is not None and remaining <= 0:
                    await self.close(CLOSE_TOKEN_EXPIRED, "The token has expired; reconnect with a new one.")
                    return
                await asyncio.sleep(interval if remaining is None else min(interval, remaining))
                if expires_at is None or clock.now().timestamp() < expires_at:
                    await self.send_message({"type": "ping"})
        except WebSocketDisconnected:
            return

    def close_soon(self, code: int, reason: str) -> None:
        """Close from anywhere without waiting (a slow client's socket may be full)."""
        if self._closing is None:
            self._closing = asyncio.create_task(self.close(code, reason), name="graphql-ws-close")

    async def close(self, code: int, reason: str) -> None:
        # Operations stop first: one may be blocked sending to this very client.
        for operation_id in list(self.operations):
            await self.cleanup_operation(operation_id)
        with suppress(WebSocketDisconnected, RuntimeError):  # the client may be gone already
            await self.websocket.close(code=code, reason=reason)

    async def shutdown(self) -> None:
        for task in (self._watchdog, self._closing):
            if task is not None and task is not asyncio.current_task():
                task.cancel()
                with suppress(asyncio.CancelledError, Exception):
                    await task
        await super().shutdown()
