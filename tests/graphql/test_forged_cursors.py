"""Forged cursors, fuzzed over every cursor-taking argument (the inbox's `after`, the events' `since`): a cursor
the service did not hand out is BAD_USER_INPUT naming it, never INTERNAL_SERVER_ERROR (issue 18, item 9)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from correspondence.events.hub import EventHub
from tests.events.support import Connect
from tests.fixtures.world import World
from tests.helpers import PERSON_A

ROW_ID = "8c7c4ea5-4b5c-4a43-8c3d-0f8b4e3a9a11"
INBOX = """
query($orderBy: CorrespondenceOrder, $after: String) {
  correspondences(orderBy: $orderBy, first: 2, after: $after) { edges { cursor node { id } } }
}"""
DATETIME_ORDERS = ("PUBLISHED", "DUE")
TEXT_ORDERS = ("SENDER", "RESOURCE", "TITLE")
ORDERS = [
    {"field": field, "direction": direction}
    for field in (*DATETIME_ORDERS, *TEXT_ORDERS)
    for direction in ("ASC", "DESC")
]
ORDER_IDS = [f"{o['field']}-{o['direction']}" for o in ORDERS]


def encoded(payload: Any, *, compact: bool = True) -> str:
    """Base64 of JSON; `compact` is the form the connection hands out, the other one only decodes alike."""
    text = json.dumps(payload, separators=(",", ":") if compact else None)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


A_TIME = {"t": "2026-01-01T00:00:00+00:00"}
# Sort values no row of any order holds.
NEVER_STORED: list[Any] = [
    None,
    True,
    0,
    -1,
    1e308,
    2**70,
    [],
    [1, 2],
    {},
    {"t": None},
    {"t": 1},
    {"t": "yesterday"},
    {"t": "2026-01-01T00:00:00"},  # naive
    {"t": "0001-01-01T00:00:00+14:00"},  # before year 1 in UTC
    {**A_TIME, "x": 1},
    "\x00",
    "x" * 256,  # longer than any text sort column
]
ROW_IDS: list[Any] = [None, 1, "", "not-a-uuid", [ROW_ID], {"id": ROW_ID}]
FORGED = (
    [encoded([value, ROW_ID]) for value in NEVER_STORED]
    + [encoded([value, row_id]) for value in (A_TIME, "Brev") for row_id in ROW_IDS]
    + [encoded(payload) for payload in (None, 1, "x", [], [None], ["Brev", ROW_ID, 3], {"t": 1})]
    + [encoded([value, ROW_ID], compact=False) for value in (A_TIME, "Brev")]  # the report's form
    + ["", "=", "%%%", "not-a-cursor", "a" * 10_001, base64.urlsafe_b64encode(b"\xff\xfe[1]").decode()]
)


async def _answers(world: World, order: dict[str, str], cursors: list[str]) -> dict[str, Any]:
    await world.published_id()
    reader = world.person(PERSON_A)
    answers = {}
    for cursor in cursors:
        result = await world.client(INBOX, {"orderBy": order, "after": cursor}, token=reader)
        answers[cursor[:60]] = (result.codes, result.fields)
    return answers


@pytest.mark.parametrize("order", ORDERS, ids=ORDER_IDS)
async def test_a_forged_cursor_is_bad_input_naming_after(world: World, order: dict[str, str]) -> None:
    answers = await _answers(world, order, FORGED)
    assert {cursor: answer for cursor, answer in answers.items() if answer != (["BAD_USER_INPUT"], ["after"])} == {}


@pytest.mark.parametrize("order", ORDERS, ids=ORDER_IDS)
async def test_a_well_formed_cursor_answers_only_for_its_kind_of_order(world: World, order: dict[str, str]) -> None:
    # A position no row has is still a position; a value of the other kind of order is not.
    own, other = (A_TIME, "Brev") if order["field"] in DATETIME_ORDERS else ("Brev", A_TIME)
    answers = await _answers(world, order, [encoded([own, ROW_ID]), encoded([other, ROW_ID])])
    assert list(answers.values()) == [([], []), (["BAD_USER_INPUT"], ["after"])]


@pytest.mark.parametrize("order", ORDERS, ids=ORDER_IDS)
async def test_a_cursor_handed_out_still_pages(world: World, order: dict[str, str]) -> None:
    for _ in range(3):
        await world.published_id()
    reader = world.person(PERSON_A)
    first = await world.client(INBOX, {"orderBy": order}, token=reader)
    cursor = first.data["correspondences"]["edges"][-1]["cursor"]
    second = await world.client(INBOX, {"orderBy": order, "after": cursor}, token=reader)
    assert len(second.data["correspondences"]["edges"]) == 1


# The subscription's `since` is the other cursor: the id of the last event received.
FORGED_SINCE = ["", " ", "-0", "+1", "1.5", "1e3", "0x10", "١٢", "1\x00", "9" * 10_000, "None", "[1]", '{"id":1}']


@pytest.mark.dialect_independent  # refused before any event is read
async def test_a_forged_since_is_bad_input_naming_since(world: World, connect: Connect, hub: EventHub) -> None:
    answers = {}
    async with connect() as ws:
        await ws.init(world.person(PERSON_A))
        for number, since in enumerate(FORGED_SINCE):
            await ws.subscribe(str(number), since=since)
            message = await ws.receive()
            answers[since[:20]] = (
                message["type"],
                [(e["extensions"]["code"], e["extensions"].get("field")) for e in message["payload"]],
            )
    assert {
        since: answer for since, answer in answers.items() if answer != ("error", [("BAD_USER_INPUT", "since")])
    } == {}
    assert hub.subscriber_count == 0
