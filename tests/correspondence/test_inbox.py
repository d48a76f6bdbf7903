"""The inbox query: filters, search on both dialects, ordering, keyset pages, totals, and no N+1."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any

import pytest

from correspondence.kit import clock
from correspondence.registry.models import Resource
from tests.fixtures.world import RESOURCE, World
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B, count_queries

INBOX = """
query Inbox(
  $filter: CorrespondenceFilter, $search: String, $orderBy: CorrespondenceOrder, $first: Int, $after: String
) {
  correspondences(filter: $filter, search: $search, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id recipient senderName resourceId status isArchived content { messageTitle } } }
  }
}"""


async def inbox(world: World, token: str, **variables: Any) -> Any:
    result = await world.client(INBOX, variables, token=token)
    return result.data["correspondences"]


def titles(connection: Any) -> list[str]:
    return [edge["node"]["content"]["messageTitle"] for edge in connection["edges"]]


async def publish_titled(world: World, title: str, body: str = "Innhold", **overrides: Any) -> str:
    content = {"language": "nb", "messageTitle": title, "messageBody": body}
    return await world.published_id(content=content, **overrides)


async def test_inbox_lists_only_visible_newest_first(world: World) -> None:
    await publish_titled(world, "Første")
    clock.advance(timedelta(minutes=1))
    await publish_titled(world, "Andre")
    await world.sent_ids()  # not published: invisible
    connection = await inbox(world, world.person(PERSON_A))
    assert titles(connection) == ["Andre", "Første"]
    assert connection["totalCount"] == 2


async def test_pages_are_stable_with_ties_and_new_arrivals(world: World) -> None:
    for number in range(7):  # all published at the same instant: the id breaks the ties
        await publish_titled(world, f"Brev {number}")
    reader = world.person(PERSON_A)
    first = await inbox(world, reader, first=3)
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    clock.advance(timedelta(minutes=1))
    await publish_titled(world, "Nytt")  # arrives at the head while paging
    second = await inbox(world, reader, first=3, after=first["pageInfo"]["endCursor"])
    third = await inbox(world, reader, first=3, after=second["pageInfo"]["endCursor"])
    seen = titles(first) + titles(second) + titles(third)
    assert sorted(seen) == sorted(f"Brev {n}" for n in range(7))
    assert not third["pageInfo"]["hasNextPage"]
    assert third["totalCount"] == 8


@pytest.mark.parametrize(
    ("field", "direction", "expected"),
    [
        ("TITLE", "ASC", ["Alfa", "Bravo", "Charlie"]),
        ("TITLE", "DESC", ["Charlie", "Bravo", "Alfa"]),
        ("DUE", "ASC", ["Bravo", "Alfa", "Charlie"]),
        ("DUE", "DESC", ["Charlie", "Alfa", "Bravo"]),
        ("PUBLISHED", "ASC", ["Bravo", "Charlie", "Alfa"]),
        ("RESOURCE", "ASC", ["Charlie", "Alfa", "Bravo"]),
    ],
)
async def test_ordering_in_both_directions_pages_correctly(
    world: World, field: str, direction: str, expected: list[str]
) -> None:
    await Resource.create(resource_id="a-first", owner_organization_number=ORG_AGENCY, title_nb="A")
    await Resource.create(resource_id="z-last", owner_organization_number=ORG_AGENCY, title_nb="Z")
    due = (clock.now() + timedelta(days=10)).isoformat()
    earlier_due = (clock.now() + timedelta(days=5)).isoformat()
    await publish_titled(world, "Bravo", dueDateTime=earlier_due, resourceId="z-last")
    clock.advance(timedelta(seconds=1))
    await publish_titled(world, "Charlie", resourceId="a-first")  # no due date sorts last
    clock.advance(timedelta(seconds=1))
    await publish_titled(world, "Alfa", dueDateTime=due, resourceId=RESOURCE)
    order = {"field": field, "direction": direction}
    reader = world.person(PERSON_A)
    page_one = await inbox(world, reader, orderBy=order, first=2)
    page_two = await inbox(world, reader, orderBy=order, first=2, after=page_one["pageInfo"]["endCursor"])
    assert titles(page_one) + titles(page_two) == expected


async def test_filters(world: World) -> None:
    reader = world.person(PERSON_A)
    read_one = await publish_titled(world, "Lest")
    await publish_titled(world, "Ulest")
    archived = await publish_titled(world, "Arkivert", sendersReference="ref-arkiv")
    await publish_titled(world, "Til bedriften", recipients=[ORG_COMPANY])
    await world.client("mutation($id: ID!) { markCorrespondenceRead(id: $id) { id } }", {"id": read_one}, token=reader)
    await world.client("mutation($id: ID!) { archiveCorrespondence(id: $id) { id } }", {"id": archived}, token=reader)

    assert set(titles(await inbox(world, reader, filter={"unread": True}))) == {"Ulest", "Arkivert", "Til bedriften"}
    assert titles(await inbox(world, reader, filter={"unread": False})) == ["Lest"]
    assert titles(await inbox(world, reader, filter={"archived": True})) == ["Arkivert"]
    assert titles(await inbox(world, reader, filter={"statuses": ["READ"]})) == ["Lest"]
    assert titles(await inbox(world, reader, filter={"sendersReference": "ref-arkiv"})) == ["Arkivert"]
    assert titles(await inbox(world, reader, filter={"parties": [ORG_COMPANY]})) == ["Til bedriften"]
    assert titles(await inbox(world, reader, filter={"resourceIds": ["other"]})) == []
    assert len(titles(await inbox(world, reader, filter={"sender": ORG_AGENCY}))) == 4
    assert titles(await inbox(world, reader, filter={"sender": ORG_AGENCY_2})) == []
    future = (clock.now() + timedelta(days=1)).isoformat()
    assert titles(await inbox(world, reader, filter={"from": future})) == []
    assert len(titles(await inbox(world, reader, filter={"to": future}))) == 4


async def test_a_party_the_caller_may_not_read_is_forbidden(world: World) -> None:
    result = await world.client(INBOX, {"filter": {"parties": [ORG_OTHER]}}, token=world.person(PERSON_A))
    assert result.codes == ["FORBIDDEN"]
    bad = await world.client(INBOX, {"filter": {"parties": ["12345"]}}, token=world.person(PERSON_A))
    assert bad.fields == ["filter.parties[0]"]


async def test_sender_role_lists_what_was_sent_including_unpublished(world: World) -> None:
    await publish_titled(world, "Publisert", recipients=[PERSON_A])
    await world.sent_ids(recipients=[PERSON_B])
    connection = await inbox(world, world.agency, filter={"role": "SENDER"})
    assert connection["totalCount"] == 2
    by_recipient = {e["node"]["recipient"]: e["node"] for e in connection["edges"]}
    assert by_recipient[f"urn:altinn:person:identifier-no:{PERSON_A}"]["content"] is None  # published: receipts only
    assert by_recipient[f"urn:altinn:person:identifier-no:{PERSON_B}"]["content"]["messageTitle"]
    refused = await world.client(INBOX, {"filter": {"role": "SENDER"}}, token=world.person(PERSON_A))
    assert refused.codes == ["FORBIDDEN"]
    other = await inbox(world, world.tokens.service_owner(ORG_AGENCY_2), filter={"role": "SENDER"})
    assert other["totalCount"] == 0


async def test_a_sender_neither_searches_nor_orders_by_the_titles_of_what_it_published(world: World) -> None:
    """Content is the sender's only until publish (contract §3): neither a match nor a title cursor tells it the
    title of a published letter."""
    await publish_titled(world, "Hemmelig vedtak", "Innhold", recipients=[PERSON_A])
    content = {"language": "nb", "messageTitle": "Hemmelig utkast", "messageBody": "Innhold"}
    await world.sent_ids(recipients=[PERSON_B], content=content)
    sent = {"role": "SENDER"}

    searched = await inbox(world, world.agency, filter=sent, search="hemmelig")
    assert titles(searched) == ["Hemmelig utkast"]
    assert searched["totalCount"] == 1
    by_title = await inbox(world, world.agency, filter=sent, orderBy={"field": "TITLE", "direction": "ASC"})
    assert titles(by_title) == ["Hemmelig utkast"]
    cursor_values = [json.loads(base64.urlsafe_b64decode(e["cursor"] + "==="))[0] for e in by_title["edges"]]
    assert cursor_values == ["Hemmelig utkast"]
    everything = await inbox(world, world.agency, filter=sent)  # by publish time: every letter, receipts only
    assert everything["totalCount"] == 2


async def test_search_matches_title_summary_and_body_with_prefixes(world: World) -> None:
    reader = world.person(PERSON_A)
    await publish_titled(world, "Skattemelding for 2026", "Du må levere innen fristen.")
    await publish_titled(world, "Vedtak om barnetrygd", "Vi har behandlet søknaden din om støtte.")
    await publish_titled(world, "Påminnelse", "Husk å sjekke skattekortet.")
    assert titles(await inbox(world, reader, search="skattemelding")) == ["Skattemelding for 2026"]
    assert titles(await inbox(world, reader, search="barnetr")) == ["Vedtak om barnetrygd"]  # prefix
    assert titles(await inbox(world, reader, search="søknaden støtte")) == ["Vedtak om barnetrygd"]
    assert set(titles(await inbox(world, reader, search="skatt"))) == {"Skattemelding for 2026", "Påminnelse"}
    assert titles(await inbox(world, reader, search="finnesikke")) == []
    # User syntax never reaches the database as syntax.
    assert titles(await inbox(world, reader, search="' OR 1=1 --")) == []
    assert (await inbox(world, reader, search='"skatt* -'))["totalCount"] == 2


async def test_search_is_scoped_and_forgets_purged_content(world: World) -> None:
    reader = world.person(PERSON_A)
    mine = await publish_titled(world, "Hemmelig sak")
    await publish_titled(world, "Hemmelig sak", recipients=[PERSON_B])
    assert (await inbox(world, reader, search="hemmelig"))["totalCount"] == 1
    await world.client("mutation($id: ID!) { purgeCorrespondence(id: $id) { id } }", {"id": mine}, token=reader)
    assert (await inbox(world, reader, search="hemmelig"))["totalCount"] == 0
    assert (await inbox(world, world.person(PERSON_B), search="hemmelig"))["totalCount"] == 1


async def test_page_size_is_capped_and_validated(world: World) -> None:
    for number in range(3):
        await publish_titled(world, f"Brev {number}")
    reader = world.person(PERSON_A)
    assert len((await inbox(world, reader, first=1000))["edges"]) == 3
    negative = await world.client(INBOX, {"first": -1}, token=reader)
    assert negative.fields == ["first"]
    garbage = await world.client(INBOX, {"after": "not-a-cursor"}, token=reader)
    assert garbage.fields == ["after"]


def forged_cursor(sort_value: object, row_id: object) -> str:
    return base64.urlsafe_b64encode(json.dumps([sort_value, row_id]).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        forged_cursor({"t": "2026-01-01T00:00:00+00:00"}, "not-a-uuid"),
        forged_cursor({"t": "yesterday"}, "8c7c4ea5-4b5c-4a43-8c3d-0f8b4e3a9a11"),
        forged_cursor([1, 2], "8c7c4ea5-4b5c-4a43-8c3d-0f8b4e3a9a11"),
    ],
)
async def test_a_forged_cursor_is_bad_input_naming_after(world: World, cursor: str) -> None:
    await publish_titled(world, "Brev")
    result = await world.client(INBOX, {"after": cursor}, token=world.person(PERSON_A))
    assert result.fields == ["after"]
    assert result.codes == ["BAD_USER_INPUT"]


DEEP = """
query Inbox($first: Int) {
  correspondences(first: $first) {
    totalCount
    edges {
      node { id recipientName status statusHistory { status actor } activities { type } content { messageTitle } }
    }
  }
}"""


async def test_no_n_plus_one(world: World) -> None:
    reader = world.person(PERSON_B)  # DAGL: reads the company inbox
    for number in range(12):
        await publish_titled(world, f"Brev {number}", recipients=[ORG_COMPANY])
    counts = []
    for first in (2, 12):
        await world.client(DEEP, {"first": first}, token=reader)  # warm the verified-token cache
        with count_queries() as counter:
            result = await world.client(DEEP, {"first": first}, token=reader)
        assert len(result.data["correspondences"]["edges"]) == first
        counts.append(counter.count)
    assert counts[0] == counts[1], counts
    assert 3 <= counts[1] <= 9, counts  # page, count, history, activities, names — per page, not per row
