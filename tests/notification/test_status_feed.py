"""The status feed (contract §11 `notificationStatusFeed`): every result change and every order's final status, for
the ordering organization only, resumed exactly after the last item — also when transactions commit out of order —
with bad cursors and page sizes named, and rows older than 90 days deleted."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

import httpx
import pytest
from tortoise.transactions import in_transaction

from correspondence.kit import clock
from correspondence.notification import jobs
from correspondence.notification.enums import NotificationOrderStatus
from correspondence.notification.models import Notification, NotificationOrder, NotificationStatusChange
from tests.fixtures.sms import REPORT_SECRET
from tests.fixtures.world import World
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, PERSON_A
from tests.notification.world import CANCEL, CREATE, drain, order_input

FEED = """
query Feed($after: String, $first: Int) {
  notificationStatusFeed(after: $after, first: $first) {
    items { sequence orderId notificationId sendersReference channel status statusReason changed }
    cursor hasMore
  }
}"""
# A PostgreSQL feed item waits until every older transaction on the server has ended: a busy shared server may
# hold one open for a moment, so a read that expects items polls for them (it never returns them out of order).
SETTLE_SECONDS = 30.0


async def _feed(world: World, token: str | None = None, **variables: Any) -> dict[str, Any]:
    return dict((await world.client(FEED, variables, token or world.agency)).data["notificationStatusFeed"])


async def _read(world: World, count: int, after: str | None = None, first: int = 2) -> tuple[list[Any], str | None]:
    """At least `count` items from `after` on, page by page, and the cursor after them."""
    items: list[Any] = []
    deadline = time.monotonic() + SETTLE_SECONDS
    while len(items) < count:
        page = await _feed(world, after=after, first=first)
        items += page["items"]
        after = page["cursor"]
        if not page["items"]:
            assert time.monotonic() < deadline, f"{len(items)} of {count} items"
            await asyncio.sleep(0.1)
    return items, after


async def _order(world: World, key: str, token: str | None = None, **overrides: Any) -> str:
    created = await world.client(CREATE, {"input": order_input(idempotencyId=key, **overrides)}, token or world.agency)
    return str(created.data["createNotificationOrder"]["id"])


async def test_every_result_and_final_status_once_in_order(
    world: World, ctx: dict[str, Any], app_http: httpx.AsyncClient
) -> None:
    recipients = [
        {"emailAddress": "a@example.no"},
        {"emailAddress": "b@example.no"},
        {"organizationNumber": ORG_COMPANY},
    ]
    order_id = await _order(world, "feed", recipients=recipients, sendersReference="mine")
    await _order(world, "foreign", world.tokens.service_owner(ORG_AGENCY_2))
    await drain(ctx)

    items, cursor = await _read(world, 4)
    assert [(i["notificationId"] is None, i["status"]) for i in items] == [
        (False, "FAILED_RECIPIENT_NOT_IDENTIFIED"),  # written with the notifications
        (False, "SUCCEEDED"),
        (False, "SUCCEEDED"),
        (True, "COMPLETED"),  # the order's own final status, last
    ]
    assert {i["orderId"] for i in items} == {order_id}  # the other agency's order is not in this feed
    assert {i["sendersReference"] for i in items} == {"mine"}
    assert len({i["sequence"] for i in items}) == 4
    assert (await _feed(world, after=cursor))["items"] == []  # resumed after the last: nothing repeats

    sent = await Notification.filter(order_id=order_id, address="a@example.no").first()
    assert sent is not None
    response = await app_http.post(
        "/delivery-reports/email",
        json={"messageId": sent.message_id, "status": "DELIVERED"},
        headers={"Authorization": f"Bearer {REPORT_SECRET}"},
    )
    assert response.status_code == 200, response.text
    (delivered,), _ = await _read(world, 1, after=cursor)
    assert (delivered["notificationId"], delivered["status"]) == (str(sent.id), "DELIVERED")


async def test_a_cancelled_order_is_in_the_feed(world: World) -> None:
    order_id = await _order(world, "cancel", requestedSendTime=(clock.now() + timedelta(days=1)).isoformat())
    assert (await world.client(CANCEL, {"id": order_id}, world.agency)).data["cancelNotificationOrder"]
    (item,), _ = await _read(world, 1)
    assert (item["orderId"], item["status"], item["notificationId"]) == (order_id, "CANCELLED", None)


async def test_bad_cursors_and_sizes_are_named(world: World) -> None:
    await _order(world, "c", requestedSendTime=(clock.now() + timedelta(days=1)).isoformat())
    cursor = (await _feed(world))["cursor"]
    foreign = await world.client(FEED, {"after": cursor}, world.tokens.service_owner(ORG_AGENCY_2))
    forged = await world.client(FEED, {"after": cursor[:-2] + "xx"}, world.agency)
    garbage = await world.client(FEED, {"after": "not a cursor"}, world.agency)
    for refused in (foreign, forged, garbage):
        assert (refused.codes, refused.fields) == (["BAD_USER_INPUT"], ["after"])
    assert foreign.body == garbage.body  # a foreign cursor tells nothing about the other organization
    for first in (501, 0):
        too_many = await world.client(FEED, {"first": first}, world.agency)
        assert (too_many.codes, too_many.fields) == (["BAD_USER_INPUT"], ["first"])
    assert (await world.client(FEED, {"first": 500}, world.agency)).data["notificationStatusFeed"]["items"] == []
    assert (await world.client(FEED, {}, world.person(PERSON_A))).codes == ["FORBIDDEN"]


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_transactions_committing_out_of_order_around_a_read_skip_nothing(world: World) -> None:
    later = (clock.now() + timedelta(days=1)).isoformat()
    first_id, second_id = [await _order(world, key, requestedSendTime=later) for key in ("t1", "t2")]
    first_written, second_committed, release_first = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def cancel(order_id: str) -> None:
        await NotificationOrder.filter(id=order_id).update(status=NotificationOrderStatus.CANCELLED)

    async def first() -> None:  # writes first (the lower transaction id) and commits last
        async with in_transaction():
            await cancel(first_id)
            first_written.set()
            await release_first.wait()

    async def second() -> None:
        await first_written.wait()
        async with in_transaction():
            await cancel(second_id)
        second_committed.set()

    tasks = [asyncio.create_task(first()), asyncio.create_task(second())]
    try:
        await second_committed.wait()
        early = await _feed(world)
    finally:
        release_first.set()
        await asyncio.gather(*tasks)
    # The second transaction had committed, but the first was still open below it: the reader did not pass it.
    assert early["items"] == []
    items, _ = await _read(world, 2, after=early["cursor"])
    assert [i["orderId"] for i in items] == [first_id, second_id]


async def test_rows_older_than_90_days_are_deleted(world: World, ctx: dict[str, Any]) -> None:
    await _order(world, "old")
    await drain(ctx)
    assert await NotificationStatusChange.all().count() == 2  # the e-mail and the order
    clock.advance(timedelta(days=89))
    await jobs.delete_old_feed(ctx)
    assert await NotificationStatusChange.all().count() == 2
    clock.advance(timedelta(days=2))
    await jobs.delete_old_feed(ctx)
    assert await NotificationStatusChange.all().count() == 0
