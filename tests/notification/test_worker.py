"""Delivery guarantees with real arq workers (contract §6): a burst worker sends to the SMTP sink; a worker killed
mid-batch and a flushed Redis lose nothing, and only notifications that were mid-send may go out twice; a dead
worker's claims are resumed as soon as its heartbeat lapses, a live worker's never."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import timedelta
from typing import Any

from arq.connections import ArqRedis

from correspondence.adapters import heartbeat
from correspondence.adapters.mail import DEFAULT_POOL_SIZE
from correspondence.kit import clock
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification import dispatch, processing
from correspondence.notification import jobs as jobs
from correspondence.notification.enums import DeliveryChannel, NotificationOrderStatus, NotificationResult
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.settings import Settings
from tests.fixtures.mail import SmtpSink
from tests.fixtures.processes import burst_worker, worker_process
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import CREATE, drain, order_input


async def _wait_for(condition: Any, limit_seconds: float = 60.0) -> None:
    deadline = time.monotonic() + limit_seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def _order(client: GraphQLClient, tokens: Tokens, key: str, count: int) -> str:
    recipients = [{"emailAddress": f"{key}-{i}@example.no"} for i in range(count)]
    result = await client(
        CREATE, {"input": order_input(idempotencyId=key, recipients=recipients)}, tokens.service_owner(ORG_AGENCY)
    )
    return str(result.data["createNotificationOrder"]["id"])


async def test_burst_worker_sends_an_order_to_the_sink(
    client: GraphQLClient, tokens: Tokens, notification_settings: Settings, redis_pool: ArqRedis, smtp_sink: SmtpSink
) -> None:
    order_id = await _order(client, tokens, "burst", 30)
    worker = burst_worker(notification_settings, redis_pool)
    try:
        await worker.main()
    finally:
        await jobs.close_adapters(worker.ctx)
    assert worker.jobs_complete == 1  # the processing job dispatches its due e-mails itself
    assert len(smtp_sink.messages) == 30
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"
    ids = {n.message_id for n in await Notification.filter(order_id=order_id)}
    assert set(smtp_sink.message_ids) == ids


async def _heartbeats(redis: ArqRedis) -> list[bytes]:
    return [key async for key in redis.scan_iter(match=heartbeat.KEY_PREFIX + "*")]


async def test_worker_killed_mid_batch_loses_nothing(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    notification_settings: Settings,
    smtp_sink: SmtpSink,
    redis_pool: ArqRedis,
) -> None:
    order_id = await _order(client, tokens, "kill", 300)
    smtp_sink.delay = 0.02  # slow enough to kill the worker in the middle of a batch
    with worker_process(notification_settings) as process:
        await _wait_for(lambda: len(smtp_sink.messages) >= 60)
        process.send_signal(signal.SIGKILL)
        process.wait()
    mid_send = {
        n.message_id or f"<{n.id}@correspondence.test>"
        for n in await Notification.filter(order_id=order_id, status=NotificationResult.SENDING)
    }
    assert mid_send, "the worker was not killed mid-batch"
    assert len(smtp_sink.messages) < 300

    smtp_sink.delay = 0.0
    await jobs.recover(ctx)  # the killed worker's heartbeat has not lapsed yet: its claims stay
    assert await Notification.filter(order_id=order_id, status=NotificationResult.SENDING).count() == len(mid_send)
    deadline = time.monotonic() + 2 * heartbeat.EXPIRY.total_seconds()
    while await _heartbeats(redis_pool):
        assert time.monotonic() < deadline, "the killed worker's heartbeat did not lapse"
        await asyncio.sleep(0.2)
    await jobs.recover(ctx)  # no clock moves: a dead worker's claims are released as soon as it is known dead
    assert not await Notification.filter(order_id=order_id, status=NotificationResult.SENDING).exists()
    await drain(ctx)

    notifications = await Notification.filter(order_id=order_id)
    assert {n.status for n in notifications} == {NotificationResult.SUCCEEDED}
    counts = smtp_sink.message_ids
    assert set(counts) == {n.message_id for n in notifications}  # every notification reached the sink
    duplicated = {mid for mid, count in counts.items() if count > 1}
    assert duplicated <= mid_send  # only those that were mid-send at the crash went out twice
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"


async def test_flushed_redis_loses_nothing(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    notification_settings: Settings,
    smtp_sink: SmtpSink,
    redis_pool: ArqRedis,
) -> None:
    order_ids = [await _order(client, tokens, f"flush{i}", 5) for i in range(40)]
    smtp_sink.delay = 0.01
    with worker_process(notification_settings):
        await _wait_for(lambda: len(smtp_sink.messages) >= 20)
        assert await redis_pool.zcard("arq:queue") > 0  # work waits in Redis ...
        # ... and goes: FLUSHDB, not FLUSHALL, since the test Redis is shared; this database is the queue's world.
        await redis_pool.flushdb()
        assert len(smtp_sink.messages) < 200
        await jobs.sweep(ctx)  # what the worker's periodic sweep does
        await _wait_for(lambda: len(smtp_sink.messages) >= 200)
        # Each order completes once its last result is written, a moment after its last mail: wait for that.
        deadline = time.monotonic() + 60
        while await NotificationOrder.filter(id__in=order_ids, status=NotificationOrderStatus.COMPLETED).count() < 40:
            assert time.monotonic() < deadline, "the orders did not complete"
            await asyncio.sleep(0.1)
    assert sorted(smtp_sink.message_ids.values()) == [1] * 200  # everything once: nobody crashed mid-send


async def test_the_jobs_of_one_worker_share_its_smtp_pool(
    client: GraphQLClient, tokens: Tokens, notification_settings: Settings, redis_pool: ArqRedis, smtp_sink: SmtpSink
) -> None:
    # arq hands each job a copy of the worker's context: a pool a job opened there would be opened again by the
    # next job, and never closed. Eight orders are eight jobs; one shared pool holds at most its size of sessions.
    for index in range(8):
        await _order(client, tokens, f"shared-{index}", 2)
    worker = burst_worker(notification_settings, redis_pool)
    try:
        await worker.main()
    finally:
        await jobs.close_adapters(worker.ctx)
    assert worker.jobs_complete == 8
    assert len(smtp_sink.messages) == 16
    assert len(set(smtp_sink.sessions)) <= DEFAULT_POOL_SIZE


async def _claimed_for(worker: str, order_id: str) -> None:
    """The order processed and its e-mails claimed by `worker`, as a worker does before it sends."""
    async with unit_of_work():
        order = await processing.claim(order_id, worker)
        assert order is not None
        await processing.apply(order, processing.Decision(processing.Action.SEND), Settings(_env_file=None))
    async with unit_of_work():
        assert await dispatch.claim(DeliveryChannel.EMAIL, [order_id], worker) is not None


async def test_a_live_workers_claims_are_never_taken_over_and_a_dead_ones_are_resumed_at_once(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], redis_pool: ArqRedis, smtp_sink: SmtpSink
) -> None:
    sending = await _order(client, tokens, "long-send", 5)
    await _claimed_for("live-worker", sending)
    processing_order = await _order(client, tokens, "long-processing", 3)
    async with unit_of_work():
        assert await processing.claim(processing_order, "live-worker") is not None
    beat = heartbeat.Heartbeat(redis_pool, "live-worker")
    await beat.start()
    try:
        clock.advance(timedelta(days=1))  # however long the send takes, a live worker keeps its claims
        await jobs.recover(ctx)
        await jobs.sweep(ctx)
        await drain(ctx)
        assert smtp_sink.messages == []
        assert await Notification.filter(order_id=sending, status=NotificationResult.SENDING).count() == 5
        assert (await NotificationOrder.get(id=processing_order)).status is NotificationOrderStatus.PROCESSING
    finally:
        await beat.stop()  # the worker is gone: its key with it

    await jobs.recover(ctx)
    resumed = [key async for key in redis_pool.scan_iter(match="arq:job:*:resumed*")]
    assert len(resumed) == 2  # both enqueued at once, under fresh job ids
    await drain(ctx)
    assert len(smtp_sink.messages) == 8
    for order_id in (sending, processing_order):
        assert (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED
