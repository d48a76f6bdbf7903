"""Fixtures of the notification tests: a real aiosmtpd server and a real local HTTP SMS gateway, both scriptable
to fail on demand, and the job context the worker would pass."""

from __future__ import annotations

import asyncio
import json
from collections import Counter, deque
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from arq.connections import ArqRedis
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from correspondence.adapters.sms_sink import embedded_http
from correspondence.app import create_app
from correspondence.kit import clock
from correspondence.notification.jobs import close_adapters
from correspondence.notification.schedule import OSLO
from correspondence.settings import Settings
from tests.conftest import _free_port
from tests.correspondence.conftest import world  # noqa: F401 (the registry world of the lifecycle tests, shared)
from tests.events.conftest import app, connect, hub  # noqa: F401 (live events over the real hub, shared)

REPORT_SECRET = "report-secret"
SMS_KEY = "gateway-key"


@dataclass
class SmtpSink:
    """Accepts mail like a relay; `script` holds reply codes to give instead of accepting, one per message."""

    port: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)  # the SMTP session of each accepted message
    script: deque[int] = field(default_factory=deque)
    always: int | None = None  # a code to answer every message with
    delay: float = 0.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        if self.delay:
            await asyncio.sleep(self.delay)
        code = self.script.popleft() if self.script else self.always
        if code is not None:
            return f"{code} {'Try again later' if code < 500 else 'Mailbox unavailable'}"
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        self.sessions.append(id(session))
        return "250 OK"

    @property
    def message_ids(self) -> Counter[str]:
        return Counter(str(m["Message-ID"]) for m in self.messages)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inside_sms_hours() -> None:
    """Start the test at the next 10:00 in Oslo, so that an SMS is due at once whenever the suite runs.

    Not for tests with a worker subprocess: it runs on the real clock."""
    now = clock.now().astimezone(OSLO)
    ten = datetime.combine(now.date(), time(10), tzinfo=OSLO)
    clock.advance((ten if ten >= now else ten + timedelta(days=1)) - now)


@pytest.fixture(scope="session")
def _smtp_server() -> Iterator[SmtpSink]:
    sink = SmtpSink(port=_free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@pytest.fixture
def smtp_sink(_smtp_server: SmtpSink) -> SmtpSink:
    _smtp_server.messages.clear()
    _smtp_server.sessions.clear()
    _smtp_server.script.clear()
    _smtp_server.always = None
    _smtp_server.delay = 0.0
    return _smtp_server


@dataclass
class SmsGatewayStub:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    script: deque[int] = field(default_factory=deque)  # HTTP statuses to answer instead of accepting

    def app(self) -> Starlette:
        async def receive(request: Request) -> Response:
            if request.headers.get("authorization") != f"Bearer {SMS_KEY}":
                return JSONResponse({"error": "unauthorized"}, status_code=401)
            if self.script:
                return JSONResponse({"error": "scripted"}, status_code=self.script.popleft())
            payload = json.loads(await request.body())
            self.received.append(payload)
            return JSONResponse({"id": f"gw-{len(self.received)}"}, status_code=202)

        return Starlette(routes=[Route("/sms", receive, methods=["POST"])])


@pytest.fixture
async def sms_gateway() -> AsyncIterator[SmsGatewayStub]:
    stub = SmsGatewayStub()
    async with embedded_http(stub.app()) as url:
        stub.url = url + "sms"
        yield stub


@pytest.fixture
def notification_settings(settings: Settings, smtp_sink: SmtpSink, sms_gateway: SmsGatewayStub) -> Settings:
    return settings.model_copy(
        update={
            "smtp_port": smtp_sink.port,
            "sms_gateway_url": sms_gateway.url,
            "sms_gateway_key": SMS_KEY,
            "delivery_report_secret": REPORT_SECRET,
            "mail_from": "varsel@correspondence.test",
        }
    )


@pytest.fixture
async def app_http(notification_settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[httpx.AsyncClient]:
    """Plain HTTP to the real ASGI app, configured like the worker (delivery report secret included)."""
    application = create_app(notification_settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://test") as http:
        yield http


@pytest.fixture
async def ctx(notification_settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[dict[str, Any]]:
    """The worker's job context; jobs enqueued by the code under test land in the real Redis."""
    context: dict[str, Any] = {"settings": notification_settings, "redis": redis_pool}
    yield context
    await close_adapters(context)
