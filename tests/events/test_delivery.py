"""Who receives what: recipients get PUBLISHED for the inboxes they can read, senders get everything they sent."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from correspondence.access.cache import access_cache
from correspondence.events.hub import EventHub
from correspondence.kit import clock
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.registry.importer import import_file
from correspondence.registry.models import Delegation
from tests.events.support import Connect, GraphQLWebSocket, subscribers_reach
from tests.fixtures.world import CONFIDENTIAL, RESOURCE, World, urn_org, urn_person
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, ORG_OTHER, ORG_SUBUNIT, PERSON_A, PERSON_B, PERSON_D

READ = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status } }"
CONFIRM = "mutation($id: ID!) { confirmCorrespondence(id: $id) { status } }"
ARCHIVE = "mutation($id: ID!) { archiveCorrespondence(id: $id) { isArchived } }"


async def subscribed(stack: AsyncExitStack, connect: Connect, token: str, **variables: Any) -> GraphQLWebSocket:
    ws = await stack.enter_async_context(connect())
    assert (await ws.init(token))["type"] == "connection_ack"
    await ws.subscribe(**variables)
    return ws


async def received(ws: GraphQLWebSocket, count: int) -> list[tuple[str, str]]:
    """`count` events as (type, recipient), then silence."""
    events = [await ws.next_event() for _ in range(count)]
    await ws.nothing_within(0.3)
    return [(e["type"], e["correspondence"]["recipient"]) for e in events]


async def test_each_subscriber_gets_exactly_what_it_may_see(world: World, connect: Connect, hub: EventHub) -> None:
    a, b, d = urn_person(PERSON_A), urn_person(PERSON_B), urn_person(PERSON_D)
    company, subunit, other = urn_org(ORG_COMPANY), urn_org(ORG_SUBUNIT), urn_org(ORG_OTHER)
    async with AsyncExitStack() as stack:
        as_a = await subscribed(stack, connect, world.person(PERSON_A))
        as_a_own_only = await subscribed(stack, connect, world.person(PERSON_A), parties=[PERSON_A])
        as_b = await subscribed(stack, connect, world.person(PERSON_B))
        as_d = await subscribed(stack, connect, world.person(PERSON_D))
        as_company_system = await subscribed(stack, connect, world.tokens.system(ORG_COMPANY))
        as_sender = await subscribed(stack, connect, world.agency)
        as_other_sender = await subscribed(stack, connect, world.tokens.service_owner(ORG_AGENCY_2))
        await subscribers_reach(hub, 7)

        ids = await world.sent_ids(recipients=[PERSON_A, PERSON_B, ORG_COMPANY, ORG_SUBUNIT, ORG_OTHER, PERSON_D])
        ids += await world.sent_ids(recipients=[ORG_COMPANY], resourceId=CONFIDENTIAL)
        for correspondence_id in ids:
            assert await world.publish(correspondence_id) == "PUBLISHED"

        published = "PUBLISHED"
        # A's role REGN opens the company and its sub-unit, but not the company's confidential letters.
        assert await received(as_a, 3) == [(published, a), (published, company), (published, subunit)]
        assert await received(as_a_own_only, 1) == [(published, a)]
        # B is DAGL: confidential included.
        assert await received(as_b, 4) == [
            (published, b),
            (published, company),
            (published, subunit),
            (published, company),
        ]
        # D has one delegated resource in the other organization.
        assert await received(as_d, 2) == [(published, other), (published, d)]
        assert await received(as_company_system, 2) == [(published, company), (published, company)]
        sent = await received(as_sender, 7)
        assert [r for _, r in sent] == [a, b, company, subunit, other, d, company]
        await as_other_sender.nothing_within(0.1)


async def test_receipts_reach_the_sender_only(world: World, connect: Connect, hub: EventHub) -> None:
    due = (clock.now() + timedelta(days=7)).isoformat()
    async with AsyncExitStack() as stack:
        as_a = await subscribed(stack, connect, world.person(PERSON_A))
        as_sender = await subscribed(stack, connect, world.agency)
        await subscribers_reach(hub, 2)
        correspondence_id = await world.published_id(isConfirmationNeeded=True, dueDateTime=due)

        for query in (READ, CONFIRM, ARCHIVE):
            assert not (await world.client(query, {"id": correspondence_id}, token=world.person(PERSON_A))).errors

        event = await as_a.next_event()
        assert (event["type"], event["correspondenceId"]) == ("PUBLISHED", correspondence_id)
        assert event["correspondence"]["content"]["messageTitle"] == "Skattemelding 2026"
        await as_a.nothing_within(0.3)
        sender_events = [await as_sender.next_event() for _ in range(5)]
        assert [e["type"] for e in sender_events] == ["PUBLISHED", "FETCHED", "READ", "CONFIRMED", "ARCHIVED"]
        assert all(e["correspondenceId"] == correspondence_id for e in sender_events)
        assert sender_events[-1]["correspondence"]["status"] == "CONFIRMED"  # as it is now, for its sender
        assert sender_events[-1]["correspondence"]["content"] is None  # senders lose the content at publish
        ids = [int(e["id"]) for e in sender_events]
        assert ids == sorted(ids)
        await as_sender.nothing_within(0.2)


async def test_a_revoked_delegation_stops_delivery_at_once(world: World, connect: Connect, hub: EventHub) -> None:
    async with connect() as as_d:
        assert (await as_d.init(world.person(PERSON_D)))["type"] == "connection_ack"
        await as_d.subscribe()
        await subscribers_reach(hub, 1)
        first = await world.published_id(recipients=[ORG_OTHER])
        assert (await as_d.next_event())["correspondenceId"] == first

        revoke = "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }"
        delegation = {"nationalIdentityNumber": PERSON_D, "organizationNumber": ORG_OTHER, "resourceId": RESOURCE}
        assert (await world.client(revoke, {"input": delegation}, token=world.tokens.admin())).data == {
            "revokeDelegation": True
        }
        hidden = await world.published_id(recipients=[ORG_OTHER])
        own = await world.published_id(recipients=[PERSON_D])

        event = await as_d.next_event()  # the stream lives on: the next thing D sees is its own letter
        assert event["correspondenceId"] == own != hidden
        await as_d.nothing_within(0.2)


async def test_reading_events_adds_no_fetched_receipt(world: World, connect: Connect, hub: EventHub) -> None:
    async with connect() as as_a:
        await as_a.init(world.person(PERSON_A))
        await as_a.subscribe()
        await subscribers_reach(hub, 1)
        correspondence_id = await world.published_id()
        assert (await as_a.next_event())["correspondence"]["status"] == "PUBLISHED"
    history = [e["status"] for e in (await world.get(correspondence_id, world.agency))["statusHistory"]]
    assert "FETCHED" not in history


async def test_an_imported_role_opens_an_inbox_to_subscribers_at_once(
    world: World, connect: Connect, hub: EventHub, tmp_path: Path
) -> None:
    async with connect() as as_a:
        await as_a.init(world.person(PERSON_A))
        await as_a.subscribe()
        await subscribers_reach(hub, 1)
        hidden = await world.published_id(recipients=[ORG_OTHER])  # A's access is now loaded and cached
        own = await world.published_id(recipients=[PERSON_A])
        assert (await as_a.next_event())["correspondenceId"] == own != hidden

        roles = tmp_path / "roles.csv"
        roles.write_text(f"nationalIdentityNumber,organizationNumber,roleCode\n{PERSON_A},{ORG_OTHER},DAGL\n")
        async with unit_of_work():  # as the import command runs it: announced once it commits
            assert (await import_file("roles", roles)).imported == 1
        opened = await world.published_id(recipients=[ORG_OTHER])
        event = await as_a.next_event()  # long before the cached access would expire (a minute)
        assert (event["correspondenceId"], event["correspondence"]["recipient"]) == (opened, urn_org(ORG_OTHER))


async def test_an_unannounced_access_change_takes_effect_when_the_cache_expires(
    world: World, connect: Connect, hub: EventHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access_cache(), "ttl", 0.2)
    async with connect() as as_d:
        await as_d.init(world.person(PERSON_D))
        await as_d.subscribe()
        await subscribers_reach(hub, 1)
        first = await world.published_id(recipients=[ORG_OTHER])
        assert (await as_d.next_event())["correspondenceId"] == first
        # As a change made straight in the database: rows change, nobody announces it on the bus.
        await Delegation.filter(national_identity_number=PERSON_D).delete()
        await asyncio.sleep(0.3)
        hidden = await world.published_id(recipients=[ORG_OTHER])
        own = await world.published_id(recipients=[PERSON_D])
        assert (await as_d.next_event())["correspondenceId"] == own != hidden


async def test_a_forwarding_reaches_the_sender_and_no_reader(world: World, connect: Connect, hub: EventHub) -> None:
    """Who forwarded to which address is the sender's and that reader's business (contract §13): the event goes
    to the sender; readers of the inbox, the forwarding one included, get PUBLISHED only."""
    forward = """mutation($id: ID!) {
      forwardCorrespondence(id: $id, input: {emailAddress: "venn@example.no"}) { id } }"""
    async with AsyncExitStack() as stack:
        as_dagl = await subscribed(stack, connect, world.person(PERSON_B))
        as_colleague = await subscribed(stack, connect, world.person(PERSON_A))
        as_sender = await subscribed(stack, connect, world.agency)
        await subscribers_reach(hub, 3)
        correspondence_id = await world.published_id(recipients=[ORG_COMPANY], allowForwarding=True)
        for query in (READ, forward):
            assert not (await world.client(query, {"id": correspondence_id}, token=world.person(PERSON_B))).errors

        assert await received(as_dagl, 1) == [("PUBLISHED", urn_org(ORG_COMPANY))]
        assert await received(as_colleague, 1) == [("PUBLISHED", urn_org(ORG_COMPANY))]
        sender_events = [(await as_sender.next_event())["type"] for _ in range(4)]
        assert sender_events == ["PUBLISHED", "FETCHED", "READ", "FORWARDED"]
