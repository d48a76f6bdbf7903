"""Correspondence jobs: publish, the sweep that recovers lost publishes, due dates and retention."""

from __future__ import annotations

from typing import Any


async def sweep(ctx: dict[str, Any]) -> None:
    """Placeholder replaced by the lifecycle."""


async def retention(ctx: dict[str, Any]) -> None:
    """Placeholder replaced by the lifecycle."""


FUNCTIONS: list[Any] = []
