"""The HTTP server of `api` and `run`: uvicorn over httptools, with the deadlines uvicorn itself lacks.

uvicorn closes an idle keep-alive connection, but never one that is slow: a client that sends half a request
head, or stops in the middle of a body, holds its socket (and a file descriptor) forever. Here a request head must
arrive within the header timeout (counted from the connection's start, or from the end of the previous response),
and a body must not pause longer than the body timeout. `limit_concurrency` answers 503 above a number of
connections and tasks. A stalled body reaches the app as a disconnect, marked so that the app can tell it from a
client that went away (`body_stalled`).

The deadlines ride on uvicorn's httptools protocol rather than its h11 one: over h11 the GraphQL path served about
a fifth fewer requests a second (`bench/graphql_overhead.py`).
"""

from __future__ import annotations

import asyncio
import sys
from enum import Enum
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Scope
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState
from uvicorn.supervisors.multiprocess import Multiprocess

from correspondence.settings import Settings

_BODY_STALLED = "correspondence.body_stalled"
_STARTUP_FAILURE = 3  # uvicorn's own exit code when the server could not start


class ServerConfig(uvicorn.Config):
    """uvicorn's configuration plus the two deadlines; picklable, so `api --workers N` hands it to each process."""

    def __init__(self, app: ASGIApp | str, *, header_timeout: float, body_timeout: float, **options: Any) -> None:
        super().__init__(app, http=DeadlineHttpToolsProtocol, **options)
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout


def server_config(app: ASGIApp | str, settings: Settings, **options: Any) -> ServerConfig:
    return ServerConfig(
        app,
        header_timeout=settings.http_header_timeout_seconds,
        body_timeout=settings.http_body_timeout_seconds,
        timeout_keep_alive=settings.http_keepalive_seconds,
        limit_concurrency=settings.http_max_connections,
        **options,
    )


def run_server(config: ServerConfig) -> None:
    """`uvicorn.run` for a ready configuration: one process, or `workers` processes sharing one socket."""
    server = uvicorn.Server(config)
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    server.run()
    if not server.started:
        sys.exit(_STARTUP_FAILURE)


def body_stalled(scope: Scope) -> bool:
    """Whether the server cut this request because its body stopped arriving (not because the client left)."""
    return bool(scope.get(_BODY_STALLED))


class _Waiting(Enum):
    """What the connection waits for from its client."""

    HEAD = "the head of a request"
    BODY = "the rest of a request's body"
    NOTHING = "nothing: the app has the whole request"


class DeadlineHttpToolsProtocol(HttpToolsProtocol):
    """One timer per connection, armed while the server waits for the client: for the head of a request (from the
    connection's start or the previous response), or for the next piece of a body (from the last one)."""

    def __init__(
        self,
        config: uvicorn.Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        if not isinstance(config, ServerConfig):
            raise TypeError("DeadlineHttpToolsProtocol needs a ServerConfig (its timeouts)")
        self._header_timeout = config.header_timeout
        self._body_timeout = config.body_timeout
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting = _Waiting.HEAD

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self._header_timeout)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._waiting = _Waiting.HEAD
        if self._deadline is None:  # a pipelined request: its head counts from now
            self._arm(self._header_timeout)
        # Otherwise the head's deadline keeps counting from where it started.

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        if self.parser.should_upgrade():  # a websocket now: its own keep-alive and expiry rules apply
            self._waiting = _Waiting.NOTHING
            self._disarm()
            return
        self._waiting = _Waiting.BODY
        self._arm(self._body_timeout)  # a request without a body completes at once, and disarms it

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        if self._waiting is _Waiting.BODY:
            self._arm(self._body_timeout)  # each piece of the body restarts the wait for the next

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._waiting = _Waiting.NOTHING
        self._disarm()

    def on_response_complete(self) -> None:
        next_request_parsed = bool(self.pipeline)
        super().on_response_complete()
        if not self.transport.is_closing() and not next_request_parsed and self._waiting is _Waiting.NOTHING:
            self._waiting = _Waiting.HEAD
            self._arm(self._header_timeout)  # the next request's head (uvicorn's keep-alive closes an idle one)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire, seconds)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self, seconds: float) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.transport.get_protocol() is not self:  # closed, or a websocket now
            return
        if self._waiting is _Waiting.NOTHING:
            return
        if self._waiting is _Waiting.BODY:
            cycle = self.cycle
            if self.flow.read_paused or (cycle is not None and cycle.waiting_for_100_continue):
                self._arm(seconds)  # the app has not read (or asked for) the body yet: the client is not stalling
                return
            if cycle is not None and not cycle.response_complete:
                self.scope[_BODY_STALLED] = True  # type: ignore[literal-required]
        self.logger.info(
            "Closing a connection whose client sent nothing for %.1f s (waiting for %s)", seconds, self._waiting.value
        )
        self.transport.close()  # connection_lost then tells a running request that the client is gone
