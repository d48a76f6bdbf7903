"""Fixtures reused from the domains' tests: the registry world the operations table is tried against, and the
live-events app with its websocket client for the subscription's row."""

from tests.correspondence.conftest import world  # noqa: F401
from tests.events.conftest import app, connect, hub  # noqa: F401
