"""The arq job queue. Jobs carry ids only; the database holds the truth and the sweeps re-enqueue lost work."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool

from correspondence.kit.unit_of_work import after_commit

logger = logging.getLogger(__name__)

_pool: ArqRedis | None = None


def redis_settings(url: str) -> RedisSettings:
    settings = RedisSettings.from_dsn(url)
    settings.conn_timeout = 2
    settings.conn_retries = 3
    return settings


async def connect(url: str) -> ArqRedis:
    return await create_pool(redis_settings(url))


@asynccontextmanager
async def connected(url: str | None) -> AsyncIterator[None]:
    """The queue of this process while the block runs: connected to `url`, or none when no URL is set."""
    pool = await connect(url) if url else None
    use_pool(pool)
    try:
        yield
    finally:
        use_pool(None)
        if pool is not None:
            await pool.aclose()


def use_pool(pool: ArqRedis | None) -> None:
    """Make `pool` the queue of this process (`connected`, and the worker's startup, which arq connects)."""
    global _pool
    _pool = pool


def is_connected() -> bool:
    return _pool is not None


def pool() -> ArqRedis:
    if _pool is None:
        raise RuntimeError("The job queue is not connected in this process")
    return _pool


async def enqueue(
    function: str,
    *args: Any,
    job_id: str | None = None,
    defer_until: datetime | None = None,
    defer_by: timedelta | None = None,
) -> None:
    # A job id makes the enqueue idempotent: while a job with that id waits or runs, arq adds nothing.
    # `defer_by` is relative, so a delay computed from `clock.now()` stays right when tests move the clock.
    await pool().enqueue_job(function, *args, _job_id=job_id, _defer_until=defer_until, _defer_by=defer_by)


def enqueue_after_commit(
    function: str,
    *args: Any,
    job_id: str | None = None,
    defer_until: datetime | None = None,
    defer_by: timedelta | None = None,
) -> None:
    async def effect() -> None:
        await enqueue(function, *args, job_id=job_id, defer_until=defer_until, defer_by=defer_by)

    after_commit(effect)
