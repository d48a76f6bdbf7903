"""Fair use (design §15): per-caller limits, counted in Redis so that every API process shares them.

The counting is the `limits` package's sliding window counter: a refused take adds nothing to the count (its Lua
script checks before it increments), so a refused send of 500 recipients does not use up the window of the next
one. The counters live on the job queue's Redis connections; a process without a queue (dev, one process) counts
in memory.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from redis.exceptions import RedisError

from correspondence.adapters import queue
from correspondence.kit.errors import RateLimited
from correspondence.kit.fair_use import LimitClass

logger = logging.getLogger(__name__)

KEY_PREFIX = "correspondence:fair-use"


@dataclass(frozen=True, slots=True)
class Window:
    """The `limits` strategy on one storage: rebuilt when the process's queue connection changes."""

    storage: RedisStorage | MemoryStorage
    strategy: SlidingWindowCounterRateLimiter


class FairUse:
    """The limits of one process; `take` counts a caller's use of a class or refuses it with RATE_LIMITED."""

    def __init__(self, limits: dict[LimitClass, RateLimitItem]) -> None:
        self.limits = limits
        self._memory = _window(MemoryStorage())
        self._shared: tuple[object, Window] | None = None

    async def take(self, limit_class: LimitClass, caller: str, cost: int = 1) -> None:
        """Count `cost` units for `caller`; RateLimited (nothing counted) when they do not fit the window.

        When Redis cannot be reached the request is let through: fair use must not make the service unavailable
        when the job queue already is, and the sweeps deliver what was written once Redis is back."""
        if cost <= 0:
            return
        item = self.limits[limit_class]
        window = self._window()
        try:
            if await window.strategy.hit(item, limit_class.value, caller, cost=cost):
                return
            stats = await window.strategy.get_window_stats(item, limit_class.value, caller)
        except (RedisError, OSError) as error:
            logger.warning("Fair use not counted (%s): %s", type(error).__name__, error)
            return
        raise _refusal(limit_class, item, cost, stats.reset_time)

    def _window(self) -> Window:
        if not queue.is_connected():
            return self._memory
        pool = queue.pool()
        if self._shared is None or self._shared[0] is not pool:
            storage = RedisStorage(
                "async+redis://",
                implementation="redispy",
                key_prefix=KEY_PREFIX,
                connection_pool=pool.connection_pool,  # type: ignore[arg-type]
            )
            self._shared = (pool, _window(storage))
        return self._shared[1]


def _window(storage: RedisStorage | MemoryStorage) -> Window:
    return Window(storage, SlidingWindowCounterRateLimiter(storage))


def _refusal(limit_class: LimitClass, item: RateLimitItem, cost: int, reset_time: float) -> RateLimited:
    period = f"{item.multiples} {item.GRANULARITY.name}" if item.multiples > 1 else item.GRANULARITY.name
    limit = f"the {limit_class.value} limit of {item.amount} per {period}"
    if cost > item.amount:
        # No wait makes this fit: the request must be split.
        return RateLimited(f"{cost} is more than {limit} allows at once; split it.", item.get_expiry())
    retry_after = max(1, math.ceil(reset_time - time.time()))
    return RateLimited(f"Over {limit}; retry in {retry_after} s.", retry_after)
