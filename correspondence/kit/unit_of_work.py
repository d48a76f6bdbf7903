"""The transaction boundary of a request or a job.

Services never commit: the boundary opens one transaction around the work and commits it. Side effects that
must only happen once the data is durable (enqueueing a job, publishing an event) are registered with
`after_commit` and run after the commit; if one fails, nothing is lost: the periodic sweeps find the work in
the database.

Every GraphQL mutation runs in one unit of work opened by the schema assembly. A mutation whose resolver must do
slow work that needs no transaction first (storing an upload's bytes, which on SQLite would hold the write lock
all along) is marked `@opens_its_unit_of_work` and opens it itself; the assembly then checks that it did.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from typing import TypeVar

from tortoise.transactions import in_transaction

logger = logging.getLogger(__name__)

Effect = Callable[[], Awaitable[None]]
_effects: ContextVar[list[Effect] | None] = ContextVar("after_commit_effects", default=None)
# Set while a resolver marked `opens_its_unit_of_work` runs: how many units of work it opened.
_opened: ContextVar[list[None] | None] = ContextVar("units_of_work_opened", default=None)

F = TypeVar("F", bound=Callable[..., object])
OPENS_ITS_UNIT_OF_WORK = "__opens_its_unit_of_work__"


@asynccontextmanager
async def unit_of_work() -> AsyncIterator[None]:
    outer = _effects.get()
    if outer is not None:  # already inside a unit of work: join it
        yield
        return
    opened = _opened.get()
    if opened is not None:
        opened.append(None)
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


def in_unit_of_work() -> bool:
    return _effects.get() is not None


def after_commit(effect: Effect) -> None:
    effects = _effects.get()
    if effects is None:
        raise RuntimeError("after_commit() outside a unit of work")
    effects.append(effect)


def opens_its_unit_of_work(resolver: F) -> F:
    """Marks a mutation resolver that does its slow, transaction-free work first and then opens its own
    `unit_of_work()`, instead of running wholly inside the one the schema assembly would open around it."""
    setattr(resolver, OPENS_ITS_UNIT_OF_WORK, True)
    return resolver


@contextmanager
def expecting_unit_of_work(name: str) -> Iterator[None]:
    """Around a resolver marked `opens_its_unit_of_work`: a bug if it returns without having opened one."""
    opened: list[None] = []
    token = _opened.set(opened)
    try:
        yield
    finally:
        _opened.reset(token)
    if not opened:
        raise RuntimeError(f"{name} is marked opens_its_unit_of_work but returned without opening one")
