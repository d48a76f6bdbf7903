"""Fixtures of the notification tests: plain HTTP to the app configured like the worker, and a clock inside the SMS
daytime window (the job context and its settings are shared: tests/fixtures/notifications.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta

import httpx
import pytest
from arq.connections import ArqRedis

from correspondence.kit import clock
from correspondence.notification.schedule import OSLO
from correspondence.settings import Settings
from tests.fixtures.client import http_client


@pytest.fixture
def inside_sms_hours() -> None:
    """Start the test at the next 10:00 in Oslo, so that an SMS is due at once whenever the suite runs.

    Not for tests with a worker subprocess: it runs on the real clock."""
    now = clock.now().astimezone(OSLO)
    ten = datetime.combine(now.date(), time(10), tzinfo=OSLO)
    clock.advance((ten if ten >= now else ten + timedelta(days=1)) - now)


@pytest.fixture
async def app_http(notification_settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[httpx.AsyncClient]:
    """Plain HTTP to the real ASGI app, configured like the worker (delivery report secret included)."""
    async with http_client(notification_settings) as http:
        yield http
