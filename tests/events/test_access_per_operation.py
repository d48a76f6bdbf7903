"""Access is judged for every operation on a websocket, never once for the connection's life."""

from __future__ import annotations

from typing import Any

from correspondence.events.hub import EventHub
from tests.events.support import Connect, GraphQLWebSocket
from tests.fixtures.world import CONFIDENTIAL, World
from tests.helpers import ORG_COMPANY, PERSON_B, PERSON_D

LETTER = "query($id: ID!) { correspondence(id: $id) { id isConfidential } }"
ARCHIVE = "mutation($id: ID!) { archiveCorrespondence(id: $id) { isArchived } }"
GRANT = "mutation($input: DelegationInput!) { grantDelegation(input: $input) { resourceId } }"
REVOKE = "mutation($input: DelegationInput!) { revokeDelegation(input: $input) }"


async def operation(ws: GraphQLWebSocket, operation_id: str, query: str, **variables: Any) -> dict[str, Any]:
    """One query or mutation over the socket: its single result, then `complete`."""
    await ws.subscribe(operation_id, query, **variables)
    result = await ws.receive()
    assert result["type"] == "next", result
    assert (await ws.receive())["type"] == "complete"
    payload: dict[str, Any] = result["payload"]
    return payload


async def test_a_revoked_delegation_stops_queries_and_mutations_on_an_open_websocket(
    world: World, connect: Connect, hub: EventHub
) -> None:
    dagl = world.person(PERSON_B)
    delegation = {"nationalIdentityNumber": PERSON_D, "organizationNumber": ORG_COMPANY, "resourceId": CONFIDENTIAL}
    assert (await world.client(GRANT, {"input": delegation}, token=dagl)).data
    secret = await world.published_id(resourceId=CONFIDENTIAL, recipients=[ORG_COMPANY])

    async with connect() as ws:
        assert (await ws.init(world.person(PERSON_D)))["type"] == "connection_ack"
        visible = await operation(ws, "1", LETTER, id=secret)
        assert visible["data"]["correspondence"] == {"id": secret, "isConfidential": True}

        assert (await world.client(REVOKE, {"input": delegation}, token=dagl)).data == {"revokeDelegation": True}

        hidden = await operation(ws, "2", LETTER, id=secret)
        assert hidden["data"] == {"correspondence": None}
        archived = await operation(ws, "3", ARCHIVE, id=secret)
        assert [e["extensions"]["code"] for e in archived["errors"]] == ["NOT_FOUND"]


HISTORY = "query($id: ID!) { correspondence(id: $id) { statusHistory { status } } }"
READ = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status } }"


async def test_each_operation_on_a_websocket_reads_afresh(world: World, connect: Connect, hub: EventHub) -> None:
    # The connection's context lives as long as the socket; rows a loader cached for one operation must not
    # answer the next one.
    reader = world.person(PERSON_B)
    letter = await world.published_id(recipients=[ORG_COMPANY])
    async with connect() as ws:
        assert (await ws.init(reader))["type"] == "connection_ack"
        before = await operation(ws, "1", HISTORY, id=letter)
        assert "READ" not in [e["status"] for e in before["data"]["correspondence"]["statusHistory"]]

        assert (await world.client(READ, {"id": letter}, token=reader)).data == {
            "markCorrespondenceRead": {"status": "READ"}
        }

        after = await operation(ws, "2", HISTORY, id=letter)
        assert "READ" in [e["status"] for e in after["data"]["correspondence"]["statusHistory"]]
