"""Large requests' CPU work cut into turns, and large requests one at a time: the event loop keeps serving the
process's other requests while a send to 500 recipients is built and written.

Done in one go, such a send holds the event loop for a tenth of a second at a time, and every inbox read that
arrives meanwhile waits behind it; four of them side by side kept a reader waiting over a second. Cut into turns
of `TURN` rows (`in_turns`), with one large request at a time per process (`one_large_request_at_a_time`), a read
waits for one turn at most.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import TypeVar
from weakref import WeakKeyDictionary

from correspondence.kit.unit_of_work import in_unit_of_work

T = TypeVar("T")

# Rows built or written per turn: a few milliseconds of work. A request of more rows than this is large.
TURN = 50

# One lock per event loop (a lock belongs to the loop it first waits on; tests run one loop per test).
_large_requests: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = WeakKeyDictionary()


async def in_turns(items: Sequence[T], size: int = TURN) -> AsyncIterator[Sequence[T]]:
    """`items` a turn's worth at a time, letting the event loop run whatever is ready between turns."""
    for start in range(0, len(items), size):
        if start:
            await asyncio.sleep(0)
        yield items[start : start + size]


@asynccontextmanager
async def one_large_request_at_a_time(rows: int) -> AsyncIterator[None]:
    """Around a request's work on `rows` rows: a large one waits (first come, first served) until no other large
    one runs in this process; a small one goes straight on. Entered before the request's unit of work opens, so
    that a request waiting here holds no connection and no lock another one could be waiting for."""
    if in_unit_of_work():
        raise RuntimeError("one_large_request_at_a_time() inside a unit of work: waiting there could deadlock")
    if rows <= TURN:
        yield
        return
    async with _large_requests.setdefault(asyncio.get_running_loop(), asyncio.Lock()):
        yield
