"""A subscription that may not be served gets an `error` message with a contract code, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from correspondence.events.hub import EventHub
from tests.events.support import Connect
from tests.fixtures.world import World, urn_org
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B

pytestmark = pytest.mark.dialect_independent  # refusals decided before any event is read


@pytest.mark.parametrize(
    ("actor", "variables", "code", "field"),
    [
        ("person_a", {"parties": [ORG_OTHER]}, "FORBIDDEN", None),  # A has no access to the other organization
        ("person_a", {"parties": [PERSON_A, PERSON_B]}, "FORBIDDEN", None),  # one foreign party is enough
        ("person_a", {"parties": ["12345"]}, "BAD_USER_INPUT", "parties.0"),
        ("person_a", {"parties": []}, "BAD_USER_INPUT", "parties"),
        ("person_a", {"since": "yesterday"}, "BAD_USER_INPUT", "since"),
        ("person_a", {"since": "-1"}, "BAD_USER_INPUT", "since"),
        ("person_a", {"since": "99999999999999999999999"}, "BAD_USER_INPUT", "since"),
        ("sender", {"parties": [ORG_COMPANY]}, "FORBIDDEN", None),  # a sender follows only its own organization
        ("admin", {}, "FORBIDDEN", None),
    ],
)
async def test_refused_subscriptions_get_an_error_message(
    world: World, connect: Connect, hub: EventHub, actor: str, variables: dict[str, Any], code: str, field: str | None
) -> None:
    token = {
        "person_a": world.person(PERSON_A),
        "sender": world.tokens.service_owner(ORG_AGENCY_2),
        "admin": world.tokens.admin(),
    }[actor]
    async with connect() as ws:
        await ws.init(token)
        await ws.subscribe("refused", **variables)
        message = await ws.receive()
        assert message["type"] == "error"
        assert message["id"] == "refused"
        (error,) = message["payload"]
        assert error["extensions"]["code"] == code
        assert error["extensions"].get("field") == field
        assert hub.subscriber_count == 0


async def test_nothing_reaches_a_refused_subscription(world: World, connect: Connect, hub: EventHub) -> None:
    async with connect() as ws:
        await ws.init(world.person(PERSON_A))
        await ws.subscribe("foreign", parties=[urn_org(ORG_OTHER)])
        assert (await ws.receive())["type"] == "error"
        await ws.subscribe("own", parties=[PERSON_A])  # the connection itself stays usable
        await world.published_id(recipients=[ORG_OTHER])
        mine = await world.published_id(recipients=[PERSON_A])
        message = await ws.receive()
        assert (message["id"], message["payload"]["data"]["correspondenceEvents"]["correspondenceId"]) == ("own", mine)
        await ws.nothing_within(0.3)
