"""One graphql-transport-ws connection: keep-alive pings, the token's expiry, closing it from the server, and
the limits that keep one caller from multiplying every event (connections per principal, operations per
connection).

Strawberry's handler implements the protocol; this adds what a long-lived authenticated connection needs.
The protocol lets either side ping; the server's pings keep proxies from dropping an idle connection. When the
token of the connection expires, the server closes with 4403 (as for a refused `connection_init`) and the client
reconnects with a fresh token and `since`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from contextlib import suppress
from typing import Protocol, cast

from graphql import GraphQLError
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import BaseGraphQLTransportWSHandler
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    ErrorMessage,
    Message,
    SubscribeMessage,
)

from correspondence.access.actor import Actor
from correspondence.access.context import Context
from correspondence.kit import clock
from correspondence.kit.errors import ErrorCode

logger = logging.getLogger(__name__)

CLOSE_TOKEN_EXPIRED = 4403
# The protocol's "too many" code: graphql-ws clients take it as final and do not reconnect in a loop.
CLOSE_TOO_MANY_CONNECTIONS = 4429

Principal = tuple[str, str | None, str | None]


def principal_of(actor: Actor) -> Principal:
    """Who a connection belongs to, whatever token (scopes, expiry) it came with."""
    return (actor.kind.value, actor.national_identity_number, actor.organization_number)


class PrincipalConnections:
    """The open connections of each principal in this process, up to a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._open: Counter[Principal] = Counter()

    def claim(self, principal: Principal) -> bool:
        if self._open[principal] >= self.limit:
            return False
        self._open[principal] += 1
        return True

    def release(self, principal: Principal) -> None:
        self._open[principal] -= 1
        if self._open[principal] <= 0:
            del self._open[principal]


class _LimitedView(Protocol):
    principal_connections: PrincipalConnections


class ConnectionHandler(BaseGraphQLTransportWSHandler[Context, None]):
    _watchdog: asyncio.Task[None] | None = None
    _closing: asyncio.Task[None] | None = None
    _principal: Principal | None = None  # set once the connection holds one of its principal's slots
    _refused = False

    async def send_message(self, message: Message) -> None:
        # The acknowledgement is the moment of admission: the caller is known, and nothing has been promised yet.
        if message["type"] == "connection_ack" and not await self._admit():
            return
        await super().send_message(message)

    async def _admit(self) -> bool:
        actor = self.context.require_actor()
        slots = cast("_LimitedView", self.view).principal_connections
        if not slots.claim(principal_of(actor)):
            self._refused = True
            reason = f"At most {slots.limit} connections per caller are open at once."
            await self.websocket.close(code=CLOSE_TOO_MANY_CONNECTIONS, reason=reason)
            return False
        self._principal = principal_of(actor)
        return True

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self._refused:  # sent before the client read our close
            return
        limit = self.max_subscriptions_per_connection
        full = limit is not None and len(self.operations) >= limit
        if full and self.connection_acknowledged and message["id"] not in self.operations:
            # Strawberry refuses the same way, without a code; the contract's code lets a client tell why.
            error = GraphQLError(
                f"At most {limit} operations run at once on one connection.",
                extensions={"code": ErrorCode.RATE_LIMITED.value},
            )
            await self.send_message(ErrorMessage(id=message["id"], type="error", payload=[error.formatted]))
            return
        await super().handle_subscribe(message)

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        await super().handle_connection_init(message)
        if self.connection_acknowledged and not self._refused and self._watchdog is None:
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
        if self._principal is not None:
            cast("_LimitedView", self.view).principal_connections.release(self._principal)
            self._principal = None
