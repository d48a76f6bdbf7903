"""Fixtures of the notification tests: settings wired to the session's SMTP server and SMS gateway, the job
context the worker would pass, and a clock inside the SMS daytime window."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from correspondence.kit import clock
from correspondence.notification.jobs import close_adapters
from correspondence.notification.schedule import OSLO
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import REPORT_SECRET, SMS_KEY, SmsGatewayStub


@pytest.fixture
def inside_sms_hours() -> None:
    """Start the test at the next 10:00 in Oslo, so that an SMS is due at once whenever the suite runs.

    Not for tests with a worker subprocess: it runs on the real clock."""
    now = clock.now().astimezone(OSLO)
    ten = datetime.combine(now.date(), time(10), tzinfo=OSLO)
    clock.advance((ten if ten >= now else ten + timedelta(days=1)) - now)


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
    async with http_client(notification_settings) as http:
        yield http


@pytest.fixture
async def ctx(notification_settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[dict[str, Any]]:
    """The worker's job context; jobs enqueued by the code under test land in the real Redis."""
    context: dict[str, Any] = {"settings": notification_settings, "redis": redis_pool}
    yield context
    await close_adapters(context)
