"""The websocket connection: token in connection_init, 4403 on refusal and on expiry, keep-alive pings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from correspondence.events.hub import EventHub
from correspondence.kit import clock
from tests.events.support import Connect, subscribers_reach
from tests.helpers import PERSON_A, Tokens

pytestmark = pytest.mark.dialect_independent  # the websocket protocol and its tokens


async def test_connection_without_token_is_refused_with_4403(connect: Connect) -> None:
    async with connect() as ws:
        await ws.session.send_json({"type": "connection_init", "payload": {}})
        assert await ws.closed() == (4403, "Forbidden")


async def test_bad_and_expired_tokens_are_refused_with_4403(connect: Connect, tokens: Tokens) -> None:
    expired = tokens.mint({"pid": PERSON_A, "scope": "altinn:correspondence.read"}, ttl=-120)
    for payload in (
        {"Authorization": "Bearer not-a-jwt"},
        {"Authorization": f"Basic {tokens.person(PERSON_A)}"},
        {"Authorization": f"Bearer {expired}"},
        {"Authorization": 42},
    ):
        async with connect() as ws:
            await ws.session.send_json({"type": "connection_init", "payload": payload})
            assert await ws.closed() == (4403, "Forbidden"), payload


async def test_subscribe_before_connection_init_closes_4401(connect: Connect) -> None:
    async with connect() as ws:
        await ws.subscribe()
        assert (await ws.closed())[0] == 4401


async def test_a_valid_token_is_acknowledged_and_kept_alive_with_pings(connect: Connect, tokens: Tokens) -> None:
    async with connect() as ws:
        assert await ws.init(tokens.person(PERSON_A)) == {"type": "connection_ack"}
        await ws.nothing_within(1.2)  # settings: a ping every 0.5 s, answered by the client
        assert ws.pings >= 2


async def test_an_expiring_token_closes_the_connection_with_4403(
    connect: Connect, tokens: Tokens, hub: EventHub
) -> None:
    async with connect() as ws:
        assert (await ws.init(tokens.person(PERSON_A)))["type"] == "connection_ack"
        await ws.subscribe()
        await subscribers_reach(hub, 1)
        clock.advance(timedelta(hours=2))  # past the token's one hour
        code, reason = await ws.closed(within=3)
        assert code == 4403
        assert reason is not None and "expired" in reason
    await subscribers_reach(hub, 0)  # the subscription went with the connection
