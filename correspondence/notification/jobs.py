"""Notification jobs (contract §6): process an order, dispatch e-mail, dispatch SMS, the condition retry, expiry, the
sweep that re-enqueues anything due without a live job, and the recovery of dead workers' claims. Jobs take ids
only and are idempotent; each database step is its own unit of work, and no transaction stays open while the
network is used. Claims name the worker (`worker_identity`), whose heartbeat says whether it still lives.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, TypeVar, cast

from arq.worker import func

from correspondence.adapters import heartbeat, queue
from correspondence.adapters.condition_endpoint import PeerBusy, PeerSlots
from correspondence.adapters.mail import MailPool, SmtpConfig
from correspondence.adapters.sms import SmsGateway
from correspondence.kit import clock
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification import correspondence_orders as correspondence_orders
from correspondence.notification import dispatch as dispatch
from correspondence.notification import processing as processing
from correspondence.notification.enums import DeliveryChannel
from correspondence.notification.models import NotificationOrder, NotificationStatusChange
from correspondence.notification.orders import PROCESS_DUE_JOB, PROCESS_ORDER_JOB, process_job_id
from correspondence.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")
FEED_RETENTION = timedelta(days=90)  # as Altinn keeps its status feed (contract §11)
FEED_DELETE_BATCH = 10_000
SWEEP_LIMIT = 1000
MAX_BATCHES_PER_JOB = 20
# Orders claimed and processed together, their e-mails sent with them: few enough that another organization's
# order, which the claim takes in turns, waits for at most one batch (well under a second: 100 took 1-2 s with
# their sending under load); of the job's timeout, a fresh job continues after it.
ORDER_BATCH = 50
# Notifications claimed and sent together, across the orders of a processing batch: the SMTP pool's connections
# each carry a share of them.
DISPATCH_BATCH = 200
PROCESSING_SECONDS = 20.0
# Processing loops a worker process runs at once. Every published batch enqueues a processing job; run side by
# side (a dozen during a bulk), each loop put its 50 e-mails into the one SMTP pool, and another organization's
# e-mail, processed in the next batch, waited seconds behind hundreds. Two keep the pool busy (one sends while
# the other claims) and the queue before it short.
PROCESSING_LOOPS = 2
SWEEP_PROCESS_JOB_ID = "notification:process:due:sweep"


def _settings(ctx: dict[str, Any]) -> Settings:
    settings: Settings = ctx["settings"]
    return settings


class Adapters:
    """The worker's SMTP pool and SMS gateway, opened on first use and shared by all of its jobs."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._mail: MailPool | None = None
        self._sms: SmsGateway | None = None

    def mail(self) -> MailPool:
        if self._mail is None:
            self._mail = MailPool(SmtpConfig.from_settings(self._settings))
        return self._mail

    def sms(self) -> SmsGateway:
        if self._sms is None:
            self._sms = SmsGateway.from_settings(self._settings)
        return self._sms

    async def close(self) -> None:
        if self._mail is not None:
            await self._mail.close()
        if self._sms is not None:
            await self._sms.close()


def shared_context(settings: Settings) -> dict[str, Any]:
    """What every job of one worker must share: arq gives each job a copy of the worker's context, so state one
    job puts there is not seen by the next (a pool opened there would be opened again by every job, and never
    closed); it has to be there before the worker starts. The identity names the worker's claims."""
    return {
        "condition_slots": _condition_slots(settings),
        "processing_loops": ProcessingLoops(),
        "adapters": Adapters(settings),
        "worker_identity": heartbeat.new_identity(),
    }


def _shared(ctx: dict[str, Any], key: str, make: Callable[[], T]) -> T:
    value = ctx.get(key)
    if value is None:  # a context not built by worker_settings (a test's, a one-off run)
        value = ctx[key] = make()
    return cast("T", value)


def _adapters(ctx: dict[str, Any]) -> Adapters:
    return _shared(ctx, "adapters", lambda: Adapters(_settings(ctx)))


def worker_identity(ctx: dict[str, Any]) -> str:
    return _shared(ctx, "worker_identity", heartbeat.new_identity)


async def start_heartbeat(ctx: dict[str, Any]) -> None:
    """For the worker's startup: its claims are its own only while this beats."""
    beat = ctx["heartbeat"] = heartbeat.Heartbeat(ctx["redis"], worker_identity(ctx))
    await beat.start()


async def stop_heartbeat(ctx: dict[str, Any]) -> None:
    """For the worker's shutdown, once its jobs have ended: it holds no claim any more."""
    if (beat := ctx.pop("heartbeat", None)) is not None:
        await beat.stop()


def mail_pool(ctx: dict[str, Any]) -> MailPool:
    return _adapters(ctx).mail()


def sms_gateway(ctx: dict[str, Any]) -> SmsGateway:
    return _adapters(ctx).sms()


def _condition_slots(settings: Settings) -> PeerSlots:
    return PeerSlots(per_host=settings.condition_endpoint_slots_per_host, total=settings.condition_endpoint_slots)


def condition_slots(ctx: dict[str, Any]) -> PeerSlots:
    return _shared(ctx, "condition_slots", lambda: _condition_slots(_settings(ctx)))


async def close_adapters(ctx: dict[str, Any]) -> None:
    """For the worker's shutdown."""
    if (adapters := ctx.pop("adapters", None)) is not None:
        await adapters.close()


async def process_order(ctx: dict[str, Any], order_id: str) -> None:
    async with unit_of_work():
        order = await processing.claim(order_id, worker_identity(ctx))
    if order is None:
        return  # not due, taken, or done: the job ran twice or early
    await process_claimed(ctx, [order])


@dataclass
class ProcessingLoops:
    """The worker process's processing loops: their slots, and whether a job found them all taken while they ran
    (it left its work to them, and a loop about to stop looks again)."""

    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(PROCESSING_LOOPS))
    wanted: bool = False


async def process_due_orders(ctx: dict[str, Any]) -> int:
    """Process due orders a batch at a time (claimed in turns across ordering organizations), each batch with its
    e-mails and SMS due at once, until none is left or the time is up (then a fresh job continues). With every
    loop of this worker running already, leaves its work to them. Returns how many."""
    loops = _shared(ctx, "processing_loops", ProcessingLoops)
    if loops.slots.locked():
        loops.wanted = True  # a running loop looks again before it stops: nothing waits for the sweep
        return 0
    done = 0
    deadline = time.monotonic() + PROCESSING_SECONDS
    async with loops.slots:
        while time.monotonic() < deadline:
            loops.wanted = False
            async with unit_of_work():
                orders = await processing.claim_due(ORDER_BATCH, worker_identity(ctx))
            if orders:
                await process_claimed(ctx, orders)
                done += len(orders)
            elif not loops.wanted:
                return done
    await queue.enqueue(PROCESS_DUE_JOB)
    return done


async def process_claimed(ctx: dict[str, Any], orders: list[NotificationOrder]) -> None:
    """Decides each order (side by side: a send condition is a network call), carries the decisions out in one
    unit of work, and dispatches what is due at once straight on, in batches across the orders: a queue hop
    per order would cost more than the sending."""
    decisions = await asyncio.gather(*(_decide(ctx, order) for order in orders))
    async with unit_of_work():
        due_now = await processing.apply_all(list(zip(orders, decisions, strict=True)), _settings(ctx))
    for channel, order_ids in due_now.items():
        await dispatch_due(ctx, channel, order_ids)


async def _decide(ctx: dict[str, Any], order: NotificationOrder) -> processing.Decision:
    if not order.condition_endpoint:
        return await processing.decide(order, _settings(ctx))
    try:
        with condition_slots(ctx).take(order.condition_endpoint):
            return await processing.decide(order, _settings(ctx))
    except PeerBusy as busy:
        # Given back untouched, no failure counted: the sweep offers the order again within half a minute.
        logger.info("Order %s waits for a condition check slot: %s", order.id, busy)
        return processing.Decision(processing.Action.WAIT)


async def condition_retry(ctx: dict[str, Any], order_id: str) -> None:
    await process_order(ctx, order_id)


async def dispatch_email(ctx: dict[str, Any], order_id: str) -> None:
    await dispatch_due(ctx, DeliveryChannel.EMAIL, [order_id])


async def dispatch_sms(ctx: dict[str, Any], order_id: str) -> None:
    await dispatch_due(ctx, DeliveryChannel.SMS, [order_id])


async def dispatch_due(
    ctx: dict[str, Any], channel: DeliveryChannel, order_ids: Sequence[uuid.UUID | str], batch: int = DISPATCH_BATCH
) -> None:
    """Sends the orders' due notifications, claimed a batch at a time across the orders, then completes the
    orders with nothing left to send. Orders left over when the job's share is used up continue in fresh jobs."""
    settings = _settings(ctx)
    # The adapter first: a worker without SMTP or SMS configuration fails here, before claiming anything.
    adapter = mail_pool(ctx) if channel is DeliveryChannel.EMAIL else sms_gateway(ctx)
    for _ in range(MAX_BATCHES_PER_JOB):
        async with unit_of_work():
            claimed = await dispatch.claim(channel, order_ids, worker_identity(ctx), batch)
        if claimed is None:
            break
        if isinstance(adapter, MailPool):
            outcomes = await dispatch.send_emails(claimed, adapter, settings)
        else:
            outcomes = await dispatch.send_sms(claimed, adapter)
        async with unit_of_work():
            await dispatch.record(claimed, outcomes)
    else:
        # Large orders continue in fresh jobs, so no job outlives the short job timeout.
        now = clock.now()
        for order_id in order_ids:
            job_id = dispatch.dispatch_job_id(channel, order_id, now)
            await queue.enqueue(dispatch.JOBS[channel], str(order_id), job_id=job_id)
        return
    async with unit_of_work():
        await dispatch.complete_done(order_ids)


async def expire_notifications(ctx: dict[str, Any]) -> None:
    async with unit_of_work():
        expired = await dispatch.expire()
    if expired:
        logger.info("%d notification(s) ended FAILED_TTL", expired)


async def sweep(ctx: dict[str, Any]) -> None:
    """Re-enqueues due work; job ids make an enqueue of work whose job is still alive a no-op."""
    now = clock.now()
    if await NotificationOrder.filter(processing.due_orders(now)).exists():
        # The job id makes this a no-op while an earlier sweep's job still waits or runs.
        await queue.enqueue(PROCESS_DUE_JOB, job_id=SWEEP_PROCESS_JOB_ID)
    for due in await dispatch.due_dispatches(now, SWEEP_LIMIT):
        await queue.enqueue(
            dispatch.JOBS[due.channel],
            due.order_id,
            job_id=dispatch.dispatch_job_id(due.channel, due.order_id, due.due),
        )
    for finished in await dispatch.unfinished_orders(SWEEP_LIMIT):
        async with unit_of_work():
            await dispatch.complete_if_done(finished)
    async with unit_of_work():
        await correspondence_orders.release_settled(SWEEP_LIMIT)


async def recover(ctx: dict[str, Any]) -> None:
    """Gives back the claims of workers whose heartbeat has expired, and enqueues their work at once.

    A claimant counts as dead only when its heartbeat is missing twice, a beat interval apart: after a Redis flush
    or restart a live worker writes its key again within one interval, and must not lose its claims meanwhile.
    The jobs get fresh ids: the dead worker's own arq jobs may still sit in Redis, in progress until arq's own
    timeout lapses, and an enqueue under their ids would be dropped."""
    dead = await _dead_claimants(ctx)
    if dead:
        await asyncio.sleep(heartbeat.CONFIRMATION.total_seconds())
        dead &= await _dead_claimants(ctx)
    if not dead:
        return
    async with unit_of_work():
        released = await dispatch.release(dead)
    logger.warning(
        "Released the claims of %d dead worker(s): %d dispatch(es), %d order(s)",
        len(dead),
        len(released.dispatches),
        len(released.orders),
    )
    now = clock.now()
    for order_id in released.orders:
        await queue.enqueue(PROCESS_ORDER_JOB, order_id, job_id=f"{process_job_id(order_id)}:resumed:{now.timestamp()}")
    for channel, order_id in released.dispatches:
        await queue.enqueue(
            dispatch.JOBS[channel], order_id, job_id=dispatch.dispatch_job_id(channel, order_id, now) + ":resumed"
        )


async def _dead_claimants(ctx: dict[str, Any]) -> set[str | None]:
    """Claimants without a heartbeat; never this worker itself, which is alive while it asks."""
    holders = await dispatch.claimants() - {worker_identity(ctx)}
    return holders - set(await heartbeat.alive(ctx["redis"], [w for w in holders if w is not None]))


async def delete_old_feed(ctx: dict[str, Any]) -> None:
    """Deletes status feed rows older than 90 days, in batches, each its own short transaction."""
    cutoff = clock.now() - FEED_RETENTION
    deleted = 0
    while True:
        async with unit_of_work():
            old = (
                await NotificationStatusChange.filter(changed__lt=cutoff)
                .limit(FEED_DELETE_BATCH)
                .values_list("sequence", flat=True)
            )
            if old:
                await NotificationStatusChange.filter(sequence__in=list(old)).delete()
        deleted += len(old)
        if len(old) < FEED_DELETE_BATCH:
            break
    if deleted:
        logger.info("Deleted %d status feed row(s) older than %s", deleted, FEED_RETENTION)


FUNCTIONS: list[Any] = [
    func(process_order, name=PROCESS_ORDER_JOB),
    func(process_due_orders, name=PROCESS_DUE_JOB),
    func(condition_retry, name=processing.CONDITION_RETRY_JOB),
    func(dispatch_email, name=dispatch.JOBS[DeliveryChannel.EMAIL]),
    func(dispatch_sms, name=dispatch.JOBS[DeliveryChannel.SMS]),
]
