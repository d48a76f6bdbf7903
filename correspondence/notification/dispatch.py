"""Dispatching notifications: atomic batch claims, sending through the channel adapters, batched result writes,
retries with backoff, time-to-live, order completion, and the release of a dead worker's claims (contract §5, §6).

A claim moves due rows from NEW to SENDING in one statement (PostgreSQL: `FOR UPDATE SKIP LOCKED` in the row
selection; SQLite: a conditional UPDATE, its writes being serialised), so two workers never send the same
notification. The claim names the worker holding it; once that worker's heartbeat has expired (it died), the
recovery sweep gives its SENDING rows back as NEW at once, and only those rows may go out twice, under the same
Message-ID. A live worker's claim is never taken over, however long its send takes.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q, Subquery
from tortoise.functions import Min

from correspondence.adapters import queue
from correspondence.adapters.mail import MailPool, OutgoingMail, PermanentMailError, TransientMailError, compose
from correspondence.adapters.sms import PermanentSmsError, SmsGateway, SmsMessage, TransientSmsError
from correspondence.kit import clock
from correspondence.kit.identifiers import ORGANIZATION_URN_PREFIX
from correspondence.notification import activity as notification_activity
from correspondence.notification.enums import (
    PENDING_RESULTS,
    DeliveryChannel,
    EmailContentType,
    NotificationOrderStatus,
    NotificationResult,
)
from correspondence.notification.models import Notification, NotificationAttempt, NotificationOrder
from correspondence.notification.schedule import TIME_TO_LIVE, retry_delay, sms_send_time
from correspondence.notification.texts import TextValues, email_text, sms_text
from correspondence.registry import party_names
from correspondence.registry import repository as registry
from correspondence.settings import Settings

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence
    from correspondence.registry.records import ResourceRecord

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
DEFAULT_SMS_SENDER = "Altinn"
JOBS = {DeliveryChannel.EMAIL: "notification_dispatch_email", DeliveryChannel.SMS: "notification_dispatch_sms"}


def dispatch_job_id(channel: DeliveryChannel, order_id: uuid.UUID | str, due: datetime) -> str:
    # The due time is part of the id: a retry enqueued while this order's job still runs must not be dropped.
    return f"notification:{channel.value.lower()}:{order_id}:{int(due.timestamp() * 1000)}"


def schedule_dispatch(channel: DeliveryChannel, order_id: uuid.UUID | str, due: datetime, now: datetime) -> None:
    queue.enqueue_after_commit(
        JOBS[channel],
        str(order_id),
        job_id=dispatch_job_id(channel, order_id, due),
        defer_by=max(due - now, timedelta(0)),
    )


@dataclass(frozen=True, slots=True)
class OrderContext:
    """What the texts of one order's notifications need, read once per batch."""

    order: NotificationOrder
    correspondence: Correspondence | None
    senders_name: str
    resource_name: str
    correspondence_recipient_name: str | None
    message_title: str | None  # None for a confidential correspondence: its title never resolves

    @property
    def confidential(self) -> bool:
        return self.correspondence is not None and self.correspondence.is_confidential

    def values(self, notification: Notification) -> TextValues:
        recipient = notification.recipient or ""
        return TextValues(
            recipient_name=notification.recipient_name or "",
            recipient_number=recipient.removeprefix(ORGANIZATION_URN_PREFIX)
            if recipient.startswith(ORGANIZATION_URN_PREFIX)
            else "",
            senders_name=self.senders_name,
            correspondence_recipient_name=self.correspondence_recipient_name or notification.recipient_name or "",
            resource_name=self.resource_name,
            message_title=self.message_title,
        )


@dataclass
class Batch:
    """Claimed notifications, of one order or of many, with what each order's texts need."""

    channel: DeliveryChannel
    token: uuid.UUID
    contexts: dict[uuid.UUID, OrderContext]  # by order id
    notifications: list[Notification]

    def context(self, notification: Notification) -> OrderContext:
        return self.contexts[notification.order_id]


@dataclass(frozen=True, slots=True)
class Outcome:
    status: NotificationResult
    reason: str | None = None
    transient: bool = False
    sent: bool = False
    gateway_reference: str | None = None


async def claim(
    channel: DeliveryChannel, order_ids: Collection[uuid.UUID | str], worker: str, limit: int = BATCH_SIZE
) -> Batch | None:
    """Up to `limit` due notifications of the orders (the earliest due first), claimed SENDING for `worker` (its
    heartbeat identity) in one statement, with their orders' text contexts read in a few queries for all."""
    now = clock.now()
    ids = [uuid.UUID(str(order_id)) for order_id in order_ids]
    if channel is DeliveryChannel.SMS:
        ids = await _in_daytime_window(ids, now)
    token = uuid.uuid4()
    if not ids or not await _claim_rows(channel, ids, token, worker, now, limit):
        return None
    notifications = await Notification.filter(claim_token=token).order_by("due_at")
    orders = await NotificationOrder.filter(id__in={n.order_id for n in notifications}).prefetch_related(
        "correspondence"
    )
    return Batch(channel, token, await order_contexts(orders), notifications)


async def _in_daytime_window(order_ids: list[uuid.UUID], now: datetime) -> list[uuid.UUID]:
    """Those of the orders whose SMS may go out now; the others' due SMS wait for their next window (retries or a
    late worker)."""
    policies = await NotificationOrder.filter(id__in=order_ids).values_list("id", "sending_time_policy")
    open_now = []
    for order_id, policy in policies:
        window = sms_send_time(now, policy)
        if window <= now:
            open_now.append(order_id)
            continue
        moved = await Notification.filter(
            order_id=order_id, channel=DeliveryChannel.SMS, status=NotificationResult.NEW, due_at__lt=window
        ).update(due_at=window)
        if moved:
            schedule_dispatch(DeliveryChannel.SMS, order_id, window, now)
    return open_now


async def _claim_rows(
    channel: DeliveryChannel, order_ids: list[uuid.UUID], token: uuid.UUID, worker: str, now: datetime, limit: int
) -> int:
    connection = Notification._meta.db
    if connection.capabilities.dialect == "postgres":
        count, _ = await connection.execute_query(
            'UPDATE "notification" SET "status" = \'SENDING\', "claim_token" = $1, "claimed_at" = $2, '
            '"claimed_by" = $3 WHERE "id" IN (SELECT "id" FROM "notification" WHERE "order_id" = ANY($4::uuid[]) '
            'AND "channel" = $5 AND "status" = \'NEW\' AND "due_at" <= $2 '
            'ORDER BY "due_at" LIMIT $6 FOR UPDATE SKIP LOCKED)',
            [token, now, worker, order_ids, channel.value, limit],
        )
        return int(count)
    claimable = Q(order_id__in=order_ids, channel=channel, status=NotificationResult.NEW, due_at__lte=now)
    rows = Notification.filter(claimable).order_by("due_at").limit(limit).values("id")
    return await Notification.filter(Q(id__in=Subquery(rows)), claimable).update(
        status=NotificationResult.SENDING, claim_token=token, claimed_at=now, claimed_by=worker
    )


async def order_contexts(orders: Iterable[NotificationOrder]) -> dict[uuid.UUID, OrderContext]:
    """The text contexts of the orders (their correspondences prefetched): each resource read once, and the
    parties' names in one lookup for all."""
    orders = list(orders)
    resource_ids = {_resource_id(order) for order in orders} - {None}
    resources = {rid: await registry.resource(rid) for rid in resource_ids if rid is not None}
    parties = [_named_party(order) for order in orders]
    names = dict(zip(parties, await party_names.names_of(parties), strict=True))
    return {order.id: _order_context(order, resources, names) for order in orders}


def _resource_id(order: NotificationOrder) -> str | None:
    correspondence: Correspondence | None = order.correspondence
    return order.resource_id or (correspondence.resource_id if correspondence else None)


def _named_party(order: NotificationOrder) -> str:
    """The party an order's texts name: its letter's recipient, or a standalone order's creator."""
    correspondence: Correspondence | None = order.correspondence
    return correspondence.recipient if correspondence is not None else order.creator


def _order_context(
    order: NotificationOrder, resources: dict[str, ResourceRecord | None], names: dict[str, str | None]
) -> OrderContext:
    correspondence: Correspondence | None = order.correspondence
    resource_id = _resource_id(order)
    resource = resources.get(resource_id) if resource_id else None
    language = correspondence.language if correspondence else order.language
    resource_name = ""
    if resource is not None:
        resource_name = {"nn": resource.title_nn, "en": resource.title_en}.get(language) or resource.title_nb
    if correspondence is not None:
        return OrderContext(
            order,
            correspondence,
            senders_name=correspondence.message_sender or correspondence.sender_name,
            resource_name=resource_name,
            correspondence_recipient_name=names.get(correspondence.recipient),
            message_title=None if correspondence.is_confidential else correspondence.message_title,
        )
    return OrderContext(
        order,
        None,
        # An organization missing from the register is still named, by its number.
        senders_name=names.get(order.creator) or order.creator.removeprefix(ORGANIZATION_URN_PREFIX),
        resource_name=resource_name,
        correspondence_recipient_name=None,
        message_title=None,
    )


def message_id(notification_id: uuid.UUID, settings: Settings) -> str:
    """Deterministic per notification, given when it is written: a message sent twice (a crash mid-send) shows
    it by its Message-ID."""
    domain = settings.mail_from.rpartition("@")[2] or "correspondence.local"
    return f"<{notification_id}@{domain}>"


def build_email(notification: Notification, context: OrderContext, settings: Settings) -> OutgoingMail:
    order = context.order
    text = email_text(order, context.values(notification), confidential=context.confidential)
    return compose(
        sender=order.email_from_address or settings.mail_from,
        recipient=notification.address or "",
        subject=text.subject,
        body=text.body,
        html=text.content_type is EmailContentType.HTML,
        message_id=notification.message_id or message_id(notification.id, settings),
        date=clock.now(),
    )


def build_sms(notification: Notification, context: OrderContext) -> SmsMessage:
    order = context.order
    return SmsMessage(
        to=notification.address or "",
        sender=order.sms_sender_number or DEFAULT_SMS_SENDER,
        body=sms_text(order, context.values(notification)),
        reference=str(notification.id),
    )


async def send_emails(batch: Batch, mail: MailPool, settings: Settings) -> dict[uuid.UUID, Outcome]:
    async def one(notification: Notification) -> Outcome:
        try:
            await mail.send(build_email(notification, batch.context(notification), settings))
        except TransientMailError as error:
            return Outcome(NotificationResult.NEW, str(error), transient=True)
        except PermanentMailError as error:
            invalid = error.code in (501, 553)
            status = NotificationResult.FAILED_INVALID_EMAIL_FORMAT if invalid else NotificationResult.FAILED
            return Outcome(status, str(error))
        return Outcome(NotificationResult.SUCCEEDED, sent=True)

    return await _send_all(batch, one)


async def send_sms(batch: Batch, gateway: SmsGateway) -> dict[uuid.UUID, Outcome]:
    async def one(notification: Notification) -> Outcome:
        try:
            reference = await gateway.send(build_sms(notification, batch.context(notification)))
        except TransientSmsError as error:
            return Outcome(NotificationResult.NEW, str(error), transient=True)
        except PermanentSmsError as error:
            invalid = error.status in (400, 422)
            return Outcome(
                NotificationResult.FAILED_INVALID_RECIPIENT if invalid else NotificationResult.FAILED, str(error)
            )
        return Outcome(NotificationResult.ACCEPTED, sent=True, gateway_reference=reference)

    return await _send_all(batch, one)


async def _send_all(batch: Batch, one: Callable[[Notification], Awaitable[Outcome]]) -> dict[uuid.UUID, Outcome]:
    async def guarded(notification: Notification) -> Outcome:
        try:
            return await one(notification)
        except Exception as error:  # a bug must not strand the whole batch in SENDING
            logger.exception("Sending notification %s failed unexpectedly", notification.id)
            return Outcome(NotificationResult.NEW, f"Internal error: {type(error).__name__}", transient=True)

    outcomes = await asyncio.gather(*(guarded(n) for n in batch.notifications))
    return {n.id: o for n, o in zip(batch.notifications, outcomes, strict=True)}


async def record(batch: Batch, outcomes: dict[uuid.UUID, Outcome]) -> None:
    """Writes every result of the batch in a few statements (one per distinct result, usually one in all);
    transient failures come back NEW after their backoff."""
    now = clock.now()
    still_mine = set(await Notification.filter(claim_token=batch.token).values_list("id", flat=True))
    notifications = [n for n in batch.notifications if n.id in still_mine]  # a taken-over claim is not ours to write
    if not notifications:
        return
    attempts: list[NotificationAttempt] = []
    retries: dict[uuid.UUID, datetime] = {}  # each order's earliest retry
    groups: dict[tuple[Any, ...], list[uuid.UUID]] = {}
    for notification in notifications:
        outcome = outcomes[notification.id]
        _apply(notification, outcome, now)
        if notification.status is NotificationResult.NEW:
            earliest = retries.get(notification.order_id, notification.due_at)
            retries[notification.order_id] = min(notification.due_at, earliest)
        key = (
            notification.status,
            notification.status_reason,
            notification.sent_time,
            notification.due_at,
            notification.attempts,
            notification.gateway_reference,
        )
        groups.setdefault(key, []).append(notification.id)
        attempts.append(
            NotificationAttempt(
                notification_id=notification.id,
                attempted_at=now,
                transient=outcome.transient,
                result=NotificationResult.FAILED if outcome.transient else outcome.status,
                detail=(outcome.reason or "")[:1024] or None,
            )
        )
    for (status, reason, sent_time, due_at, count, reference), ids in groups.items():
        await Notification.filter(id__in=ids, claim_token=batch.token).update(
            status=status,
            status_reason=reason,
            sent_time=sent_time,
            due_at=due_at,
            attempts=count,
            gateway_reference=reference,
            claimed_at=None,
            claim_token=None,
            claimed_by=None,
            status_changed=now,
        )
    await NotificationAttempt.bulk_create(attempts)
    await notification_activity.record_results(
        (context.order, context.correspondence, n) for n in notifications if (context := batch.context(n))
    )
    for order_id, due in retries.items():
        schedule_dispatch(batch.channel, order_id, due, now)


def _apply(notification: Notification, outcome: Outcome, now: datetime) -> None:
    """The notification after this attempt (in memory: `record` writes it)."""
    notification.attempts += 1
    notification.claimed_at = None
    notification.claim_token = None
    notification.status_changed = now
    notification.status_reason = outcome.reason
    delay = retry_delay(notification.attempts) if outcome.transient else None
    if outcome.transient and delay is not None:
        notification.status = NotificationResult.NEW
        notification.due_at = now + delay
    elif outcome.transient:
        notification.status = NotificationResult.FAILED
        notification.status_reason = f"{outcome.reason} (gave up after {notification.attempts} attempts)"
    else:
        notification.status = outcome.status
        # The batch's write time, shared by its notifications: one statement writes them all.
        notification.sent_time = now if outcome.sent else None
        notification.gateway_reference = outcome.gateway_reference


async def complete_if_done(order_id: uuid.UUID | str) -> bool:
    """PROCESSED → COMPLETED once no notification is NEW or SENDING. Run after the results are committed, so
    the last of several concurrent dispatchers sees them all."""
    return bool(await complete_done([order_id]))


async def complete_done(order_ids: Collection[uuid.UUID | str]) -> int:
    """`complete_if_done` for many orders in two statements; returns how many were completed."""
    if not order_ids:
        return 0
    ids = list(order_ids)
    pending = Notification.filter(order_id__in=ids, status__in=list(PENDING_RESULTS)).values("order_id")
    return await NotificationOrder.filter(
        ~Q(id__in=Subquery(pending)), id__in=ids, status=NotificationOrderStatus.PROCESSED
    ).update(status=NotificationOrderStatus.COMPLETED)


async def expire(limit: int = 1000) -> int:
    """NEW notifications 48 hours past their planned time end FAILED_TTL."""
    now = clock.now()
    rows = (
        await Notification.filter(status=NotificationResult.NEW, planned_send_time__lt=now - TIME_TO_LIVE)
        .limit(limit)
        .prefetch_related("order__correspondence")
    )
    expired = 0
    outcomes: list[tuple[NotificationOrder, Correspondence | None, Notification]] = []
    for notification in rows:
        reason = "Not sent within 48 hours of its planned time."
        if not await Notification.filter(id=notification.id, status=NotificationResult.NEW).update(
            status=NotificationResult.FAILED_TTL, status_reason=reason, status_changed=now
        ):
            continue
        expired += 1
        notification.status, notification.status_reason, notification.status_changed = (
            NotificationResult.FAILED_TTL,
            reason,
            now,
        )
        outcomes.append((notification.order, notification.order.correspondence, notification))
    await notification_activity.record_results(outcomes)
    await complete_done({n.order_id for n in rows})
    return expired


@dataclass(frozen=True, slots=True)
class DueDispatch:
    channel: DeliveryChannel
    order_id: str
    due: datetime


async def due_dispatches(now: datetime, limit: int = 1000) -> list[DueDispatch]:
    """(order, channel) groups with notifications due and unsent."""
    rows = await (
        Notification.filter(status=NotificationResult.NEW, due_at__lte=now)
        .annotate(first=Min("due_at"))
        .group_by("order_id", "channel")
        .limit(limit)
        .values("order_id", "channel", "first")
    )
    return [DueDispatch(DeliveryChannel(r["channel"]), str(r["order_id"]), r["first"]) for r in rows]


async def unfinished_orders(limit: int = 1000) -> list[str]:
    """PROCESSED orders with nothing left to send (their completing dispatcher died before the last step)."""
    pending = Notification.filter(status__in=list(PENDING_RESULTS)).values("order_id")
    ids = (
        await NotificationOrder.filter(~Q(id__in=Subquery(pending)), status=NotificationOrderStatus.PROCESSED)
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [str(i) for i in ids]


# --- Claims of dead workers --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Released:
    """What the recovery sweep gave back: (channel, order) groups to dispatch again, and orders to process again."""

    dispatches: list[tuple[DeliveryChannel, str]]
    orders: list[str]


async def claimants() -> set[str | None]:
    """The workers holding claims now: of notifications being sent and of orders being processed (None: a claim
    written before claims named their worker)."""
    sending = Notification.filter(status=NotificationResult.SENDING)
    processing = NotificationOrder.filter(status=NotificationOrderStatus.PROCESSING, claimed_at__isnull=False)
    rows = [*await sending.distinct().values("claimed_by"), *await processing.distinct().values("claimed_by")]
    return {row["claimed_by"] for row in rows}


def _held_by(dead: set[str | None]) -> Q:
    named = Q(claimed_by__in=[w for w in dead if w is not None])
    return named | Q(claimed_by__isnull=True) if None in dead else named


async def release(dead: set[str | None]) -> Released:
    """Gives back every claim of the `dead` workers: their SENDING notifications become NEW (due at once: their due
    time has passed) and their orders unclaimed, for the caller to enqueue after commit."""
    if not dead:
        return Released([], [])
    sending = Notification.filter(_held_by(dead), status=NotificationResult.SENDING)
    groups = await sending.distinct().values_list("channel", "order_id")
    await sending.update(status=NotificationResult.NEW, claim_token=None, claimed_at=None, claimed_by=None)
    processing = NotificationOrder.filter(
        _held_by(dead), status=NotificationOrderStatus.PROCESSING, claimed_at__isnull=False
    )
    order_ids = await processing.values_list("id", flat=True)
    await processing.update(claimed_at=None, claimed_by=None)
    return Released(
        [(DeliveryChannel(channel), str(order_id)) for channel, order_id in groups], [str(i) for i in order_ids]
    )
