"""Processing an order when it is due: claim it, decide (correspondence state, send condition), look the recipients
up again and write one notification per address and channel.

The job holds the transaction boundaries: `claim` and `apply` each run in their own unit of work, and `decide`
(which may call the sender's condition endpoint) runs between them, outside any transaction.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

from tortoise.expressions import Q

from correspondence.adapters import queue
from correspondence.adapters.condition_endpoint import ConditionEndpointError, send_condition
from correspondence.kit import clock
from correspondence.notification import activity as notification_activity
from correspondence.notification import hooks, repository
from correspondence.notification.dispatch import message_id, schedule_dispatch
from correspondence.notification.enums import DeliveryChannel, NotificationOrderStatus, NotificationResult
from correspondence.notification.lookup import (
    LookupRequest,
    Recipient,
    Target,
    lookup_many,
    names_confidential_resource,
)
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.notification.orders import allows_private_endpoints
from correspondence.notification.schedule import AWAITING_PUBLICATION, CONDITION_RETRY_DELAY, sms_send_time
from correspondence.settings import Settings

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence

logger = logging.getLogger(__name__)

CONDITION_RETRY_JOB = "notification_condition_retry"


def condition_job_id(order_id: uuid.UUID | str) -> str:
    return f"notification:condition:{order_id}"


def due_orders(now: datetime) -> Q:
    """Orders the processing job may take now: due and unclaimed (a dead worker's claim is released by the
    recovery sweep). A correspondence's order is set aside (`AWAITING_PUBLICATION`) until its letter is published;
    one claimed before that (an order written before orders were set aside) is set aside by its decision."""
    return Q(status__in=list(repository.CLAIMABLE)) & Q(process_after__lte=now) & Q(claimed_at__isnull=True)


async def claim(order_id: str, worker: str) -> NotificationOrder | None:
    """The order, claimed PROCESSING for `worker` (its heartbeat identity), if it is due and unclaimed."""
    now = clock.now()
    ids = await NotificationOrder.filter(due_orders(now), id=order_id).values_list("id", flat=True)
    if not ids:
        return None
    claimed = await NotificationOrder.filter(
        id=order_id,
        status__in=list(repository.CLAIMABLE),
        claimed_at__isnull=True,
    ).update(status=NotificationOrderStatus.PROCESSING, claimed_at=now, claimed_by=worker)
    if not claimed:
        return None
    return await NotificationOrder.get(id=order_id).prefetch_related("correspondence")


async def claim_due(limit: int, worker: str) -> list[NotificationOrder]:
    """Up to `limit` due orders, claimed at once for `worker` (its heartbeat identity) and taken in turns across
    ordering organizations (each one's earliest first): one organization's bulk never holds back another's order
    for longer than one batch. Orders another worker is claiming are skipped (PostgreSQL); SQLite's write
    transactions take turns. A dead worker's claims come back through the recovery sweep (`jobs.recover`)."""
    now = clock.now()
    creators = await repository.organizations_with_claimable_orders()
    queues = [await repository.earliest_claimable(creator, now, limit) for creator in creators]
    candidates = [order_id for turn in zip_longest(*queues) for order_id in turn if order_id is not None][:limit]
    if not candidates:
        return []
    claimable = NotificationOrder.filter(
        Q(id__in=candidates),
        Q(status__in=list(repository.CLAIMABLE)),
        Q(claimed_at__isnull=True),
    )
    orders = await claimable.select_for_update(skip_locked=True)
    if not orders:
        return []
    await NotificationOrder.filter(id__in=[o.id for o in orders]).update(
        status=NotificationOrderStatus.PROCESSING, claimed_at=now, claimed_by=worker
    )
    for order in orders:
        order.status, order.claimed_at, order.claimed_by = NotificationOrderStatus.PROCESSING, now, worker
    await NotificationOrder.fetch_for_list(orders, "correspondence")
    position = {order_id: index for index, order_id in enumerate(candidates)}
    return sorted(orders, key=lambda order: position[order.id])


class Action(Enum):
    SEND = "SEND"  # look up and write the notifications
    WAIT = "WAIT"  # not due after all: give the claim back
    AWAIT_PUBLICATION = "AWAIT_PUBLICATION"  # the letter is not published yet: set the order aside until it is
    FINISH = "FINISH"  # end the order with `status`
    RETRY_CONDITION = "RETRY_CONDITION"  # the condition endpoint failed once: ask again in a minute


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    status: NotificationOrderStatus | None = None
    reason: str | None = None


async def decide(order: NotificationOrder, settings: Settings) -> Decision:
    correspondence: Correspondence | None = order.correspondence
    if correspondence is not None:
        letter = hooks.state_of(correspondence)
        if letter.never_published:
            return Decision(Action.FINISH, NotificationOrderStatus.CANCELLED, "The correspondence was never published.")
        if not letter.published:
            return Decision(Action.AWAIT_PUBLICATION)
        if order.is_reminder and (letter.read or letter.purged):
            return Decision(
                Action.FINISH,
                NotificationOrderStatus.SEND_CONDITION_NOT_MET,
                "The correspondence has been read or purged.",
            )
        if letter.purged:
            return Decision(Action.FINISH, NotificationOrderStatus.CANCELLED, "The correspondence was purged.")
    if order.condition_endpoint:
        try:
            send = await send_condition(
                order.condition_endpoint,
                allow_private=allows_private_endpoints(settings),
                deadline_seconds=settings.condition_endpoint_deadline_seconds,
            )
        except ConditionEndpointError as error:
            if order.condition_failures == 0:
                return Decision(Action.RETRY_CONDITION, reason=str(error))
            logger.warning("Condition endpoint of order %s failed twice (%s); sending anyway", order.id, error)
            return Decision(Action.SEND, reason=f"Sent without a condition answer: {error}")
        if not send:
            return Decision(
                Action.FINISH,
                NotificationOrderStatus.SEND_CONDITION_NOT_MET,
                "The condition endpoint said not to send.",
            )
    return Decision(Action.SEND)


async def apply(order: NotificationOrder, decision: Decision, settings: Settings) -> list[DeliveryChannel]:
    """Carries out the decision, only if this claim still holds the order. Returns the channels with
    notifications due at once, for the caller to dispatch after commit (the sweep does, should it die first)."""
    due_now = await apply_all([(order, decision)], settings)
    return [channel for channel, order_ids in due_now.items() if order.id in order_ids]


async def apply_all(
    decided: Sequence[tuple[NotificationOrder, Decision]], settings: Settings
) -> dict[DeliveryChannel, list[uuid.UUID]]:
    """Carries out a batch's decisions, each only if this claim still holds its order; the orders to send look
    their recipients up together and have their notifications and activities written in a few statements.
    Returns, per channel, the orders with notifications due at once, for the caller to dispatch after commit
    (the sweep does, should it die first)."""
    now = clock.now()
    for order, decision in decided:
        if decision.action is not Action.SEND:
            await _settle(order, decision, now)
    return await _send([(o, d) for o, d in decided if d.action is Action.SEND], now, settings)


async def _settle(order: NotificationOrder, decision: Decision, now: datetime) -> None:
    """An order not sent now: given back, finished, or retried later."""
    mine = NotificationOrder.filter(id=order.id, status=NotificationOrderStatus.PROCESSING, claimed_at=order.claimed_at)
    match decision.action:
        case Action.WAIT:
            await mine.update(status=NotificationOrderStatus.REGISTERED, claimed_at=None, claimed_by=None)
        case Action.AWAIT_PUBLICATION:
            await mine.update(
                status=NotificationOrderStatus.REGISTERED,
                claimed_at=None,
                claimed_by=None,
                process_after=AWAITING_PUBLICATION,
            )
        case Action.FINISH:
            await mine.update(
                status=decision.status, status_reason=decision.reason, claimed_at=None, claimed_by=None, processed=now
            )
        case Action.RETRY_CONDITION:
            retry_at = now + CONDITION_RETRY_DELAY
            if await mine.update(
                condition_failures=order.condition_failures + 1,
                process_after=retry_at,
                claimed_at=None,
                claimed_by=None,
                status_reason=decision.reason,
            ):
                queue.enqueue_after_commit(
                    CONDITION_RETRY_JOB,
                    str(order.id),
                    job_id=condition_job_id(order.id),
                    defer_by=CONDITION_RETRY_DELAY,
                )


async def _lookup_request(order: NotificationOrder, now: datetime) -> LookupRequest:
    correspondence = order.correspondence
    return LookupRequest(
        [Recipient.from_json(r) for r in order.recipients],
        order.channel,
        now,
        resource_id=order.resource_id or (correspondence.resource_id if correspondence else None),
        ignore_reservation=order.ignore_reservation,
        use_stale_contact_information=order.use_stale_contact_information,
        confidential_for=correspondence.recipient if correspondence and correspondence.is_confidential else None,
        confidential_resource=correspondence is None and await names_confidential_resource(order.resource_id),
    )


async def _still_claimed(orders: Sequence[NotificationOrder]) -> set[uuid.UUID]:
    """Those of the orders this claim still holds, locked until commit (PostgreSQL), so that no recovery sweep
    gives them away while their results are written."""
    held = (
        await NotificationOrder.filter(id__in=[o.id for o in orders], status=NotificationOrderStatus.PROCESSING)
        .select_for_update()
        .only("id", "claimed_at")
    )
    claimed_at = {order.id: order.claimed_at for order in orders}
    return {row.id for row in held if row.claimed_at == claimed_at[row.id]}


async def _send(
    decided: Sequence[tuple[NotificationOrder, Decision]], now: datetime, settings: Settings
) -> dict[DeliveryChannel, list[uuid.UUID]]:
    if not decided:
        return {}
    mine = await _still_claimed([order for order, _ in decided])
    decided = [(order, decision) for order, decision in decided if order.id in mine]  # others were taken over
    founds = await lookup_many([await _lookup_request(order, now) for order, _ in decided])
    notifications: list[Notification] = []
    finished: dict[tuple[NotificationOrderStatus, str | None, str], list[uuid.UUID]] = {}
    summaries: dict[str, dict[str, Any]] = {}
    for (order, decision), found in zip(decided, founds, strict=True):
        written = [_notification(order, target, now, settings) for target in found.targets]
        notifications += written
        pending = any(n.status is NotificationResult.NEW for n in written)
        status = NotificationOrderStatus.PROCESSED if pending else NotificationOrderStatus.COMPLETED
        summary = found.summary()
        key = json.dumps(summary, sort_keys=True)
        summaries[key] = summary
        finished.setdefault((status, decision.reason, key), []).append(order.id)
    for (status, reason, key), order_ids in finished.items():  # usually one statement for the whole batch
        await NotificationOrder.filter(id__in=order_ids).update(
            status=status,
            status_reason=reason,
            claimed_at=None,
            claimed_by=None,
            processed=now,
            recipient_lookup=summaries[key],
        )
    await Notification.bulk_create(notifications)
    orders = {order.id: order for order, _ in decided}
    await notification_activity.record_results(  # those that failed at lookup
        (orders[n.order_id], orders[n.order_id].correspondence, n)
        for n in notifications
        if n.status is not NotificationResult.NEW
    )
    return _due_now(notifications, now)


def _due_now(notifications: list[Notification], now: datetime) -> dict[DeliveryChannel, list[uuid.UUID]]:
    """Per channel, the orders with notifications due at once; the others' dispatch is scheduled for their time."""
    first: dict[tuple[DeliveryChannel, uuid.UUID], datetime] = {}
    for n in notifications:
        if n.status is NotificationResult.NEW:
            key = (n.channel, n.order_id)
            first[key] = min(n.due_at, first.get(key, n.due_at))
    due_now: dict[DeliveryChannel, list[uuid.UUID]] = {}
    for (channel, order_id), due in first.items():
        if due <= now:
            due_now.setdefault(channel, []).append(order_id)
        else:
            schedule_dispatch(channel, order_id, due, now)
    return due_now


def _notification(order: NotificationOrder, target: Target, now: datetime, settings: Settings) -> Notification:
    # The order is processed at its send time, so "now" is that time; SMS wait for the daytime window.
    planned = sms_send_time(now, order.sending_time_policy) if target.channel is DeliveryChannel.SMS else now
    notification_id = uuid.uuid4()
    sendable = target.channel is DeliveryChannel.EMAIL and target.result is NotificationResult.NEW
    return Notification(
        id=notification_id,
        message_id=message_id(notification_id, settings) if sendable else None,
        order_id=order.id,
        channel=target.channel,
        address=target.address,
        recipient=target.recipient,
        recipient_name=target.recipient_name,
        status=target.result,
        status_reason=target.reason,
        planned_send_time=planned,
        due_at=planned,
        status_changed=now,
    )
