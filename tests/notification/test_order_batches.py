"""Processing orders in batches (design §6, §15): claims that concurrent workers never share, a worker dying after
its claim that loses and doubles nothing, and claims in turns across ordering organizations."""

from __future__ import annotations

import asyncio
from typing import Any

from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification import jobs as jobs
from correspondence.notification import processing as processing
from correspondence.notification.models import NotificationOrder
from tests.fixtures.mail import SmtpSink
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, GraphQLClient, Tokens
from tests.notification.world import CREATE, order_input


async def ordered(client: GraphQLClient, token: str, key: str) -> str:
    recipients = [{"emailAddress": f"{key}@example.no"}]
    result = await client(CREATE, {"input": order_input(idempotencyId=key, recipients=recipients)}, token)
    return str(result.data["createNotificationOrder"]["id"])


async def claim(limit: int, worker: str = "a-worker") -> list[str]:
    async with unit_of_work():
        return [str(order.id) for order in await processing.claim_due(limit, worker)]


async def test_concurrent_claims_take_each_order_once(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    order_ids = {await ordered(client, agency, f"order-{i}") for i in range(9)}
    claims = await asyncio.gather(*(claim(limit=4) for _ in range(3)))
    claimed = [order_id for batch in claims for order_id in batch]
    assert len(claimed) == len(set(claimed))  # no order in two claims
    leftover = await claim(limit=9)
    assert set(claimed) | set(leftover) == order_ids and not set(claimed) & set(leftover)


async def test_another_organizations_order_is_claimed_in_the_next_batch(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    bulk = [await ordered(client, agency, f"bulk-{i}") for i in range(5)]
    single = await ordered(client, tokens.service_owner(ORG_AGENCY_2), "single")
    first = await claim(limit=2)
    # One order of each organization: the single order did not wait for the five before it.
    assert single in first and len(set(first) & set(bulk)) == 1


async def test_orders_claimed_by_a_worker_that_died_are_processed_once_after_its_recovery(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    order_ids = [await ordered(client, agency, f"crash-{i}") for i in range(3)]
    # A worker without a heartbeat claims them and dies before processing any of them.
    assert len(await claim(limit=10, worker="dead-worker")) == 3
    assert await jobs.process_due_orders(ctx) == 0  # claimed: nobody else takes them yet
    await jobs.recover(ctx)  # the dead worker's claims are given back
    assert await jobs.process_due_orders(ctx) == 3
    assert await jobs.process_due_orders(ctx) == 0
    assert sorted(smtp_sink.message_ids.values()) == [1, 1, 1]  # each order's e-mail, once
    for order_id in order_ids:
        assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"
