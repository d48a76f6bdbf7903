"""Large requests' work in turns (`kit/turns.py`): other work runs between the turns, large requests run one at a
time while small ones go straight on, and none waits for its turn inside a unit of work."""

from __future__ import annotations

import asyncio

import pytest

from correspondence.kit.turns import TURN, in_turns, one_large_request_at_a_time
from correspondence.kit.unit_of_work import unit_of_work


async def test_other_work_runs_between_turns() -> None:
    log: list[str] = []

    async def send() -> None:
        async for turn in in_turns([1, 2, 3, 4], size=2):
            log.append(f"send builds {list(turn)}")  # CPU work alone: no await inside the turn

    async def read() -> None:
        log.append("read")

    # The read arrives as the send's first turn begins; it is answered before the second.
    await asyncio.gather(asyncio.create_task(send()), asyncio.create_task(read()))

    assert log == ["send builds [1, 2]", "read", "send builds [3, 4]"]


async def _request(name: str, rows: int, log: list[str]) -> None:
    async with one_large_request_at_a_time(rows):
        log.append(f"{name} starts")
        for _ in range(3):  # work that awaits (its writes)
            await asyncio.sleep(0)
        log.append(f"{name} ends")


async def test_large_requests_run_one_at_a_time_and_small_ones_go_straight_on() -> None:
    log: list[str] = []

    await asyncio.gather(
        _request("large a", TURN + 1, log), _request("large b", TURN + 1, log), _request("small", 1, log)
    )

    # The small one ran beside the first large one; the second large one waited for the first to end.
    assert log == ["large a starts", "small starts", "large a ends", "small ends", "large b starts", "large b ends"]


@pytest.mark.dialect_independent
async def test_waiting_for_a_turn_inside_a_unit_of_work_is_refused(database: str) -> None:
    entered: list[bool] = []
    async with unit_of_work():
        with pytest.raises(RuntimeError, match="inside a unit of work"):
            async with one_large_request_at_a_time(TURN + 1):
                entered.append(True)

    assert entered == []  # refused before the request's work began
