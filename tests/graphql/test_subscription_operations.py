"""The operations table over a websocket: `correspondenceEvents` admits exactly the actors of its row."""

from __future__ import annotations

import pytest
from strawberry.types.graphql import OperationType

from correspondence.events.hub import EventHub
from correspondence.graphql.operations import FIELDS
from tests.events.support import Connect
from tests.fixtures.world import World
from tests.graphql.test_operations import Attempt, attempts, mint

ATTEMPTS = attempts(FIELDS[(OperationType.SUBSCRIPTION, "correspondenceEvents")].allowed)


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=str)
async def test_correspondence_events_admit_exactly_the_actors_of_its_row(
    world: World, connect: Connect, hub: EventHub, attempt: Attempt
) -> None:
    async with connect() as ws:
        assert (await ws.init(mint(world.tokens, attempt.kind, attempt.scopes)))["type"] == "connection_ack"
        await ws.subscribe("events")
        if attempt.admitted:
            await ws.nothing_within(0.3)  # subscribed: no error, and no event yet
            return
        message = await ws.receive()
        assert (message["type"], [e["extensions"]["code"] for e in message["payload"]]) == ("error", ["FORBIDDEN"])
