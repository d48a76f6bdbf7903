"""Live events in-process: `settings` and `client` are overridden here, so the app of these tests has short
keep-alives and a started hub (tests/fixtures/events.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from correspondence.settings import Settings
from tests.helpers import GraphQLClient


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"ws_keepalive_seconds": 0.5, "event_queue_size": 16})


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[GraphQLClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield GraphQLClient(http)
