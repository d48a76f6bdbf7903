"""The transaction boundary of a request or a job.

Services never commit: the boundary opens one transaction around the work and commits it. Side effects that
must only happen once the data is durable (enqueueing a job, publishing an event) are registered with
`after_commit` and run after the commit; if one fails, nothing is lost: the periodic sweeps find the work in
the database.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar

from tortoise.transactions import in_transaction

logger = logging.getLogger(__name__)

Effect = Callable[[], Awaitable[None]]
_effects: ContextVar[list[Effect] | None] = ContextVar("after_commit_effects", default=None)


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    outer = _effects.get()
    if outer is not None:  # already inside a unit of work: join it
        yield
        return
    effects: list[Effect] = []
    token = _effects.set(effects)
    try:
        async with in_transaction():
            yield
    finally:
        _effects.reset(token)
    for effect in effects:
        try:
            await effect()
        except Exception:
            logger.exception("An after-commit effect failed; the sweep will pick the work up")


def after_commit(effect: Effect) -> None:
    effects = _effects.get()
    if effects is None:
        raise RuntimeError("after_commit() outside a unit of work")
    effects.append(effect)
