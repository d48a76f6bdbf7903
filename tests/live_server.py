"""A real uvicorn server in the test's event loop, on a loopback port of its own: for what only a real socket
shows (timeouts, slow peers, connection limits)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.types import ASGIApp

from correspondence.adapters.http_server import server_config
from correspondence.cli.run import EmbeddedServer
from correspondence.settings import Settings


@asynccontextmanager
async def live_server(app: ASGIApp, settings: Settings, **options: Any) -> AsyncIterator[str]:
    """Serve `app` as `api` and `run` do, with the server limits of `settings` (no lifespan: the test's fixtures
    hold the ORM and queue); yield its base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))  # bound here, so no other process can take the port before uvicorn listens
    port = listener.getsockname()[1]
    server = EmbeddedServer(server_config(app, settings, lifespan="off", log_level="warning", **options))
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        while not server.started:
            if serving.done():
                await serving
                raise RuntimeError("uvicorn did not start")
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
        listener.close()
