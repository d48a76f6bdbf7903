"""A worker's identity and its heartbeat: a Redis key with a short expiry, renewed while the worker lives.

Claims in the database name the worker that holds them (contract §6). A claim whose worker's key has expired
belongs to a dead worker and is taken over at once; a live worker's claim is never taken over, however long its
send takes, since its key is renewed by a task of its own. A killed worker's key lapses within `EXPIRY`.

The database stays the truth: the key only says whether a claimant still lives. After a Redis flush or restart a
live worker writes its key again within `INTERVAL`; a sweep that looked in between would think it dead and resume
its claims; so a claimant counts as dead only when its key is missing twice, `CONFIRMATION` apart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Iterable
from datetime import timedelta

from redis.asyncio import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

KEY_PREFIX = "correspondence:worker:"
INTERVAL = timedelta(seconds=2)
EXPIRY = timedelta(seconds=10)
# A key missing twice this far apart is not a live worker's key lost in a Redis flush: that one is back by then.
CONFIRMATION = 2 * INTERVAL


def new_identity() -> str:
    return uuid.uuid4().hex


def _key(identity: str) -> str:
    return KEY_PREFIX + identity


class Heartbeat:
    """Keeps `identity`'s key alive from a task of its own while the worker runs."""

    def __init__(
        self, redis: Redis, identity: str, *, interval: timedelta = INTERVAL, expiry: timedelta = EXPIRY
    ) -> None:
        self.identity = identity
        self._redis = redis
        self._interval = interval.total_seconds()
        self._expiry_ms = int(expiry.total_seconds() * 1000)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._beat()  # alive before the first claim
        self._task = asyncio.create_task(self._run(), name=f"heartbeat {self.identity}")

    async def stop(self) -> None:
        """Stops beating and removes the key: a worker that shut down cleanly holds no claim."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(RedisError, OSError):
            await self._redis.delete(_key(self.identity))

    async def _beat(self) -> None:
        await self._redis.set(_key(self.identity), b"1", px=self._expiry_ms)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._interval)
            try:
                await self._beat()
            except (RedisError, OSError) as error:  # Redis away for a moment: beat again at the next interval
                logger.warning("Worker heartbeat not written: %s", error)


async def alive(redis: Redis, identities: Iterable[str]) -> set[str]:
    """Those of `identities` whose heartbeat has not expired (one round trip)."""
    wanted = sorted(set(identities))
    if not wanted:
        return set()
    values = await redis.mget([_key(i) for i in wanted])
    return {identity for identity, value in zip(wanted, values, strict=True) if value is not None}
