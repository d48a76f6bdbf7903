"""Order search (contract §11 `notificationOrders`): the caller's organization's orders, newest first, filtered by
sendersReference, status, correspondence and time, in keyset pages with a total count; nothing of another
organization's, and bad input named."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from correspondence.kit import clock
from correspondence.notification.enums import NotificationOrderStatus
from correspondence.notification.models import NotificationOrder
from tests.fixtures.world import World
from tests.helpers import ORG_AGENCY_2, PERSON_A
from tests.notification.world import CREATE, order_input

SEARCH = """
query Search($filter: NotificationOrderFilter, $first: Int, $after: String) {
  notificationOrders(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id sendersReference status } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


async def _orders(world: World, count: int, token: str | None = None, prefix: str = "o") -> list[str]:
    ids = []
    for index in range(count):
        created = await world.client(
            CREATE,
            {"input": order_input(idempotencyId=f"{prefix}{index}", sendersReference=f"{prefix}-ref-{index % 2}")},
            token or world.agency,
        )
        ids.append(created.data["createNotificationOrder"]["id"])
        clock.advance(timedelta(seconds=1))
    return ids


async def _search(world: World, token: str | None = None, **variables: Any) -> dict[str, Any]:
    return dict((await world.client(SEARCH, variables, token or world.agency)).data["notificationOrders"])


async def test_pages_walk_every_order_once_newest_first(world: World) -> None:
    ids = await _orders(world, 5)
    clock.advance(timedelta(seconds=-10))  # two more in the same instant: the id breaks the tie at a page edge
    ids += await _orders(world, 1, prefix="same-a")
    clock.advance(timedelta(seconds=-1))
    ids += await _orders(world, 1, prefix="same-b")
    await _orders(world, 2, world.tokens.service_owner(ORG_AGENCY_2), prefix="foreign")

    seen: list[str] = []
    after = None
    while True:
        page = await _search(world, first=2, after=after)
        assert page["totalCount"] == 7  # the other agency's orders are not counted
        seen += [edge["node"]["id"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(ids)
    assert len(seen) == len(set(seen))
    created = {str(o.id): (o.created, str(o.id)) for o in await NotificationOrder.all()}
    assert seen == sorted(seen, key=lambda i: created[i], reverse=True)


async def test_filters_narrow_the_search(world: World) -> None:
    start = clock.now()
    ids = await _orders(world, 4)  # refs o-ref-0, o-ref-1, o-ref-0, o-ref-1, a second apart
    await NotificationOrder.filter(id=ids[0]).update(status=NotificationOrderStatus.CANCELLED)
    (letter,) = await world.sent_ids(recipients=[PERSON_A], notification={"channel": "EMAIL"})

    def found(page: dict[str, Any]) -> set[str]:
        return {edge["node"]["id"] for edge in page["edges"]}

    by_reference = await _search(world, filter={"sendersReference": "o-ref-0"})
    assert found(by_reference) == {ids[0], ids[2]} and by_reference["totalCount"] == 2
    assert found(await _search(world, filter={"statuses": ["CANCELLED"]})) == {ids[0]}
    in_time = {"from": (start + timedelta(seconds=1)).isoformat(), "to": (start + timedelta(seconds=3)).isoformat()}
    assert found(await _search(world, filter=in_time)) == {ids[1], ids[2]}
    of_letter = await _search(world, filter={"correspondenceId": letter})
    assert [edge["node"]["sendersReference"] for edge in of_letter["edges"]] == ["ref-1"]
    foreign = await _search(world, world.tokens.service_owner(ORG_AGENCY_2), filter={"correspondenceId": letter})
    assert foreign == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"hasNextPage": False, "hasPreviousPage": False, "startCursor": None, "endCursor": None},
    }


async def test_bad_input_is_named(world: World) -> None:
    await _orders(world, 1)
    forged = await world.client(SEARCH, {"after": "bm90LWEtY3Vyc29y"}, world.agency)
    assert forged.codes == ["BAD_USER_INPUT"] and forged.fields == ["after"]
    malformed = await world.client(SEARCH, {"filter": {"correspondenceId": "nope"}}, world.agency)
    assert malformed.codes == ["BAD_USER_INPUT"] and malformed.fields == ["filter.correspondenceId"]
    negative = await world.client(SEARCH, {"first": -1}, world.agency)
    assert negative.codes == ["BAD_USER_INPUT"] and negative.fields == ["first"]


async def test_readers_search_no_orders(world: World) -> None:
    refused = await world.client(SEARCH, {}, world.person(PERSON_A))
    assert refused.codes == ["FORBIDDEN"]
