"""Processing orders in batches (design §6, §15): claims that concurrent workers never share, a worker dying after
its claim that loses and doubles nothing, and claims in turns across ordering organizations; the e-mails of a
batch's orders claimed and sent together, by two workers at once or after a worker died mid-batch."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tortoise import connections

from correspondence.kit import clock, db, sql
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification import dispatch as dispatch
from correspondence.notification import jobs as jobs
from correspondence.notification import processing as processing
from correspondence.notification import repository as repository
from correspondence.notification.enums import DeliveryChannel, NotificationOrderStatus, NotificationResult
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.settings import Settings
from tests.fixtures.mail import SmtpSink
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, GraphQLClient, Tokens
from tests.notification.world import CREATE, drain, order_input


async def ordered(client: GraphQLClient, token: str, key: str, recipients_count: int = 1) -> str:
    recipients = [{"emailAddress": f"{key}-{i}@example.no"} for i in range(recipients_count)]
    result = await client(CREATE, {"input": order_input(idempotencyId=key, recipients=recipients)}, token)
    return str(result.data["createNotificationOrder"]["id"])


async def claim(limit: int, worker: str = "a-worker") -> list[str]:
    async with unit_of_work():
        return [str(order.id) for order in await processing.claim_due(limit, worker)]


async def each_sent_once_and_completed(smtp_sink: SmtpSink, order_ids: list[str]) -> int:
    """How many e-mails the sink got, once it is checked that none came twice and every order is COMPLETED."""
    assert set(smtp_sink.message_ids.values()) == {1}  # no notification sent twice
    orders = await NotificationOrder.filter(id__in=order_ids)
    assert {order.status for order in orders} == {NotificationOrderStatus.COMPLETED}
    return len(smtp_sink.messages)


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


async def processed_without_dispatch(limit: int) -> list[str]:
    """Due orders claimed and processed (their notifications written NEW), their e-mails not sent yet."""
    async with unit_of_work():
        orders = await processing.claim_due(limit, "a-worker")
        send = processing.Decision(processing.Action.SEND)
        due_now = await processing.apply_all([(order, send) for order in orders], Settings(_env_file=None))
    return [str(order_id) for order_id in due_now[DeliveryChannel.EMAIL]]


async def test_two_workers_dispatching_the_same_orders_send_each_notification_once(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    for i in range(6):
        await ordered(client, agency, f"pair-{i}", recipients_count=3)
    order_ids = await processed_without_dispatch(limit=10)
    assert len(order_ids) == 6
    other = {**ctx, "worker_identity": "another-worker"}
    # Small claims across the six orders, so that the two workers' claims interleave.
    await asyncio.gather(
        jobs.dispatch_due(ctx, DeliveryChannel.EMAIL, order_ids, batch=4),
        jobs.dispatch_due(other, DeliveryChannel.EMAIL, order_ids, batch=4),
    )
    assert await each_sent_once_and_completed(smtp_sink, order_ids) == 18


async def test_a_worker_dying_mid_batch_loses_and_doubles_nothing(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    for i in range(3):
        await ordered(client, agency, f"mid-batch-{i}", recipients_count=2)
    order_ids = await processed_without_dispatch(limit=10)
    # A worker without a heartbeat claims part of the batch's e-mails, across the orders, and dies before sending.
    async with unit_of_work():
        batch = await dispatch.claim(DeliveryChannel.EMAIL, order_ids, "dead-worker", limit=4)
    assert batch is not None and len({n.order_id for n in batch.notifications}) >= 2
    await jobs.dispatch_due(ctx, DeliveryChannel.EMAIL, order_ids)
    assert len(smtp_sink.messages) == 2  # the unclaimed two; the dead worker's claims are nobody else's yet
    await jobs.recover(ctx)  # its claims are given back and their dispatch enqueued
    assert await Notification.filter(status=NotificationResult.SENDING).count() == 0
    await drain(ctx)
    assert await each_sent_once_and_completed(smtp_sink, order_ids) == 6


async def test_another_organizations_email_goes_out_with_the_first_batch_of_a_bulk(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    for i in range(5):
        await ordered(client, agency, f"bulk-{i}")
    await ordered(client, tokens.service_owner(ORG_AGENCY_2), "single")
    async with unit_of_work():
        first = await processing.claim_due(2, "a-worker")
    await jobs.process_claimed(ctx, first)
    # The batch of two carried one order of each organization, and its e-mails went out with it.
    assert sorted(m["To"].split("@")[0].rsplit("-", 2)[0] for m in smtp_sink.messages) == ["bulk", "single"]


async def test_organizations_with_orders_to_claim_are_those_with_unclaimed_waiting_orders(
    client: GraphQLClient, tokens: Tokens
) -> None:
    waiting = await ordered(client, tokens.service_owner(ORG_AGENCY), "waiting")
    done = await ordered(client, tokens.service_owner(ORG_AGENCY_2), "done")
    await NotificationOrder.filter(id=done).update(status=NotificationOrderStatus.COMPLETED)
    agency = (await NotificationOrder.get(id=waiting)).creator
    assert await repository.organizations_with_claimable_orders() == [agency]

    assert await claim(limit=5) == [waiting]  # claimed: no organization is left with an order to claim
    assert await repository.organizations_with_claimable_orders() == []


# An organization's history: its first order copied as `count` finished orders, in one statement.
FINISHED_COPIES = """
INSERT INTO "notification_order" ({columns})
SELECT {copied} FROM "notification_order", generate_series(1, $2) AS n WHERE "id" = $1
"""


# Index scans of the claimable-orders index and sequential scans of the table by this backend, not yet reported
# (PostgreSQL reports them when a transaction ends, so two readings within one transaction give its own).
SCANS = """
SELECT pg_stat_get_xact_numscans('notification_order_claimable'::regclass) AS index_scans,
       pg_stat_get_xact_numscans('notification_order'::regclass) AS table_scans
"""


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
async def test_an_organizations_due_orders_are_read_through_the_claimable_orders_index(
    database: str, client: GraphQLClient, tokens: Tokens
) -> None:
    order_ids = [await ordered(client, tokens.service_owner(ORG_AGENCY), f"indexed-{i}") for i in range(3)]
    names = [column.name for column in sql.columns(NotificationOrder)]
    replaced = {"id": "gen_random_uuid()", "idempotency_id": "'history-' || n", "status": "'COMPLETED'"}
    copied = ", ".join(replaced.get(name, f'"{name}"') for name in names)
    connection = connections.get(db.dialect_of(database))
    columns = ", ".join(f'"{name}"' for name in names)
    await connection.execute_query(FINISHED_COPIES.format(columns=columns, copied=copied), [order_ids[0], 5000])
    await connection.execute_script("ANALYZE notification_order")
    agency = (await NotificationOrder.get(id=order_ids[0])).creator

    async with unit_of_work():
        # The plan made for any values, as PostgreSQL comes to use for a statement prepared again and again.
        await connections.get(db.dialect_of(database)).execute_script("SET LOCAL plan_cache_mode = force_generic_plan")
        (before,) = await connections.get(db.dialect_of(database)).execute_query_dict(SCANS)
        due = await repository.earliest_claimable(agency, clock.now(), 50)
        (after,) = await connections.get(db.dialect_of(database)).execute_query_dict(SCANS)

    # Beside 5,000 finished orders, the three waiting ones were found in the index, the history left unread.
    assert sorted(map(str, due)) == sorted(order_ids)
    assert {name: after[name] - before[name] for name in after} == {"index_scans": 1, "table_scans": 0}


async def test_a_job_finding_the_workers_loops_busy_leaves_its_orders_to_them(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    order_ids = [await ordered(client, agency, f"busy-{i}") for i in range(3)]
    loops = ctx["processing_loops"]  # shared by every job of the worker, as arq's context copies carry it

    async with loops.slots, loops.slots:  # both of the worker's loops are running
        assert await jobs.process_due_orders(dict(ctx)) == 0
        assert loops.wanted and smtp_sink.messages == []  # left to them, and they are told to look again

    assert await jobs.process_due_orders(dict(ctx)) == 3
    assert await each_sent_once_and_completed(smtp_sink, order_ids) == 3
