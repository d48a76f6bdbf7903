"""The embedded SMS sink: a tiny HTTP gateway that keeps each SMS as a JSON file (contract §9, `correspondence run`).

It speaks the gateway protocol of `adapters/sms.py`: `POST /` with `{"to", "from", "body", "reference"}` answers
`202 {"id": …}`; with an API key configured, requests without `Authorization: Bearer <key>` get 401.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from correspondence.kit import clock

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024


class _EmbeddedServer(uvicorn.Server):
    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The hosting process owns Ctrl-C: an embedded server must not take over the signal handlers.
        yield


def sink_app(directory: Path, api_key: str | None = None) -> Starlette:
    directory.mkdir(parents=True, exist_ok=True)

    async def receive(request: Request) -> Response:
        if api_key and not secrets.compare_digest(request.headers.get("authorization", ""), f"Bearer {api_key}"):
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        try:
            payload = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, status_code=400)
        if not isinstance(payload, dict) or not all(isinstance(payload.get(k), str) for k in ("to", "body")):
            return JSONResponse({"error": "expected JSON with string fields to and body"}, status_code=400)
        message_id = str(uuid.uuid4())
        received = clock.now()
        record = {"id": message_id, "receivedAt": received.isoformat(), **payload}
        path = directory / f"{received.strftime('%Y%m%dT%H%M%S.%f')}-{message_id}.json"
        path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")
        logger.info("SMS to %s (%d characters) kept in %s", payload["to"], len(payload["body"]), path.name)
        return JSONResponse({"id": message_id}, status_code=202)

    return Starlette(routes=[Route("/", receive, methods=["POST"], max_body_size=MAX_BODY_BYTES)])


@asynccontextmanager
async def sms_sink(
    directory: Path, *, host: str = "127.0.0.1", port: int = 0, api_key: str | None = None
) -> AsyncIterator[str]:
    """Runs the sink until the block ends; yields its gateway URL (port 0 picks a free port)."""
    async with embedded_http(sink_app(directory, api_key), host=host, port=port) as url:
        yield url


@asynccontextmanager
async def embedded_http(app: Starlette, *, host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[str]:
    """Serves an ASGI app with uvicorn inside the running event loop; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = _EmbeddedServer(uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()  # raises the reason it stopped, if it raised
                raise RuntimeError("The embedded HTTP server stopped while starting")
            await asyncio.sleep(0.01)
        bound_host, bound_port = sock.getsockname()[:2]
        yield f"http://{bound_host}:{bound_port}/"
    finally:
        server.should_exit = True
        await task
        sock.close()
