"""Fixtures of the webhook tests: settings with a short attempt deadline, and a dispatcher as a worker runs it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from correspondence.adapters.crypto import load_keyring
from correspondence.settings import Settings
from correspondence.webhook.dispatcher import Dispatcher

ATTEMPT_TIMEOUT = 1.0  # seconds: a held request counts as timed out after this


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_attempt_timeout_seconds": ATTEMPT_TIMEOUT})


@pytest.fixture
async def dispatcher(settings: Settings) -> AsyncIterator[Dispatcher]:
    dispatcher = Dispatcher(settings, load_keyring(settings), name="test-worker")
    try:
        yield dispatcher
    finally:
        await dispatcher.stop()
