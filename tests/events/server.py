"""The API as uvicorn runs it in the multi-process tests: `uvicorn --factory tests.events.server:app`."""

from __future__ import annotations

from starlette.applications import Starlette

from correspondence.app import create_app
from correspondence.settings import Settings


def app() -> Starlette:
    return create_app(Settings())
