"""Every query of notification orders and notifications made for a caller starts here, from what the actor may read.

An order is readable by its ordering organization's service owner; a correspondence's orders are ordered by its
sender, so the same rule gives them to the sender and to nobody else. Recipients of a letter, persons, systems
and administrators read no order, no notification and no address (contract §10). The writes the order services
make live here too; the jobs' claims and sweeps act for no caller and keep their own queries.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from correspondence.access.actor import Actor
from correspondence.access.grants import ordering_party
from correspondence.kit import sql
from correspondence.kit.pagination import Page, keyset_page
from correspondence.kit.turns import TURN
from correspondence.notification.enums import SENT_RESULTS, DeliveryChannel, NotificationOrderStatus, NotificationResult
from correspondence.notification.models import (
    Notification,
    NotificationAttempt,
    NotificationOrder,
    NotificationStatusChange,
)

_Row = TypeVar("_Row", bound=Model)


# The orders a processing job may claim (due now or later). The partial index "notification_order_claimable"
# (migration 11) holds exactly these rows, by ordering organization and send time; its WHERE clause names these
# statuses word for word, and a query uses it only when its own conditions say the same.
CLAIMABLE = (NotificationOrderStatus.REGISTERED, NotificationOrderStatus.PROCESSING)


def _claimable(alias: str | None = None) -> str:
    """The claimable-orders index's clause, statuses as literals: a plan made for any parameter values (PostgreSQL's
    generic plan of a prepared statement) can then still tell that the index applies."""
    status = sql.Column.of(NotificationOrder, "status", alias=alias).sql
    claimed_at = sql.Column.of(NotificationOrder, "claimed_at", alias=alias).sql
    statuses = ", ".join(f"'{status.value}'" for status in CLAIMABLE)
    return f"{status} IN ({statuses}) AND {claimed_at} IS NULL"


async def organizations_with_claimable_orders() -> list[str]:
    """The ordering organizations with orders waiting to be claimed, found by skipping through the claimable-orders
    index from one organization to the next: one step per organization, however many orders each has waiting
    (a DISTINCT would read the whole backlog at every claim)."""
    creator = sql.Column.of(NotificationOrder, "creator", alias="o").sql
    orders = sql.table(NotificationOrder, alias="o")
    query = f"""
        WITH RECURSIVE creators(creator) AS (
            SELECT min({creator}) FROM {orders} WHERE {_claimable("o")}
            UNION ALL
            SELECT (SELECT min({creator}) FROM {orders} WHERE {_claimable("o")} AND {creator} > creators.creator)
            FROM creators WHERE creators.creator IS NOT NULL
        )
        SELECT creator FROM creators WHERE creator IS NOT NULL"""
    return [row[0] for row in await sql.fetch_raw(NotificationOrder, query, [])]


async def earliest_claimable(creator: str, due_by: datetime, limit: int) -> list[uuid.UUID]:
    """The ids of an organization's `limit` earliest claimable orders due by `due_by`, in that order: a walk along
    the claimable-orders index that stops after `limit`, so a claim costs the same with a million orders waiting
    as with ten."""
    process_after = sql.Column.of(NotificationOrder, "process_after")
    where = (
        sql.Where()
        .and_(_claimable())
        .and_compare(sql.Column.of(NotificationOrder, "creator"), "=", creator)
        .and_compare(process_after, "<=", due_by)
    )
    order_by = sql.OrderBy((process_after,))
    rows = await sql.select_rows(
        NotificationOrder, [sql.Column.of(NotificationOrder, "id")], where, order_by=order_by, limit=limit
    )
    return [uuid.UUID(str(row[0])) for row in rows]


def readable_orders(actor: Actor) -> QuerySet[NotificationOrder] | None:
    """The orders the actor may read; None when it may read none (answer "nothing" without a query)."""
    party = ordering_party(actor)
    return None if party is None else NotificationOrder.filter(creator=party)


def readable_notifications(actor: Actor) -> QuerySet[Notification] | None:
    """The notifications of the orders the actor may read; None when it may read none."""
    party = ordering_party(actor)
    return None if party is None else Notification.filter(order__creator=party)


def readable_attempts(actor: Actor) -> QuerySet[NotificationAttempt] | None:
    """The attempts of the notifications the actor may read; None when it may read none."""
    party = ordering_party(actor)
    return None if party is None else NotificationAttempt.filter(notification__order__creator=party)


def _order_column(field: str) -> sql.Column:
    return sql.Column.of(NotificationOrder, field)


CREATED = _order_column("created")


def readable_order_scope(actor: Actor) -> sql.Where:
    """`readable_orders` as a hand-written condition, for keyset pages and counts."""
    party = ordering_party(actor)
    return sql.NOTHING if party is None else sql.Where().and_compare(_order_column("creator"), "=", party)


@dataclass(frozen=True, slots=True)
class OrderNarrowing:
    """What an order search keeps of a scope, its values already parsed (contract §11 `NotificationOrderFilter`)."""

    senders_reference: str | None = None
    statuses: Sequence[NotificationOrderStatus] | None = None
    correspondence_id: uuid.UUID | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


def narrowed_orders(scope: sql.Where, by: OrderNarrowing) -> sql.Where:
    if by.senders_reference is not None:
        scope = scope.and_compare(_order_column("senders_reference"), "=", by.senders_reference)
    if by.statuses is not None:
        scope = scope.and_in(_order_column("status"), [status.value for status in by.statuses])
    if by.correspondence_id is not None:
        scope = scope.and_compare(_order_column("correspondence_id"), "=", by.correspondence_id)
    if by.created_from is not None:
        scope = scope.and_compare(CREATED, ">=", by.created_from)
    if by.created_to is not None:
        scope = scope.and_compare(CREATED, "<", by.created_to)
    return scope


async def order_page(scope: sql.Where, first: int, after: str | None) -> Page[NotificationOrder]:
    """Newest first; the id breaks ties, so a page boundary between orders of one instant is exact."""
    return await keyset_page(NotificationOrder, scope, CREATED, True, first, after)


async def count_orders(scope: sql.Where) -> int:
    return await sql.count(NotificationOrder, scope)


def _key(order_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(order_id)
    except ValueError:
        return None


async def readable_order(actor: Actor, order_id: str) -> NotificationOrder | None:
    """The order if the actor may read it; None for a foreign, unknown or malformed id alike."""
    orders, key = readable_orders(actor), _key(order_id)
    if orders is None or key is None:
        return None
    return await orders.get_or_none(id=key)


async def readable_orders_of_correspondences(
    actor: Actor, correspondence_ids: Sequence[str]
) -> dict[str, list[NotificationOrder]]:
    """The readable orders of each correspondence, main orders before reminders; one query for all of them."""
    orders = readable_orders(actor)
    return await _grouped(orders, "correspondence_id", correspondence_ids, "is_reminder", "requested_send_time")


async def readable_notifications_of_orders(actor: Actor, order_ids: Sequence[str]) -> dict[str, list[Notification]]:
    """The readable notifications of each order; one query for all of them."""
    notifications = readable_notifications(actor)
    return await _grouped(notifications, "order_id", order_ids, "planned_send_time", "channel", "address")


async def readable_attempts_of_notifications(
    actor: Actor, notification_ids: Sequence[str]
) -> dict[str, list[NotificationAttempt]]:
    """Every recorded attempt of each readable notification, oldest first; one query for all of them."""
    attempts = readable_attempts(actor)
    return await _grouped(attempts, "notification_id", notification_ids, "attempted_at", "id")


async def _grouped(
    readable: QuerySet[_Row] | None, parent: str, parent_ids: Sequence[str], *order: str
) -> dict[str, list[_Row]]:
    """The readable rows of each parent (by its id in the `parent` column), in `order`: one query for all."""
    found: dict[str, list[_Row]] = defaultdict(list)
    if readable is None:
        return found
    for row in await readable.filter(**{f"{parent}__in": list(parent_ids)}).order_by(*order):
        found[str(getattr(row, parent))].append(row)
    return found


async def by_idempotency(creator: str, idempotency_id: str) -> NotificationOrder | None:
    """The ordering organization's own order with this idempotencyId (it is the caller's own)."""
    return await NotificationOrder.get_or_none(creator=creator, idempotency_id=idempotency_id)


def new_order(**fields: Any) -> NotificationOrder:
    """An order not yet written (`add` or `add_all` write it)."""
    return NotificationOrder(id=uuid.uuid4(), **fields)


async def add(order: NotificationOrder) -> None:
    await order.save(force_create=True)


async def add_all(orders: list[NotificationOrder]) -> None:
    await NotificationOrder.bulk_create(orders, batch_size=TURN)  # a send's orders, a turn at a time


async def cancel_registered(order_id: uuid.UUID, reason: str) -> bool:
    """Cancels the order if it is still REGISTERED (a processing job may have taken it meanwhile)."""
    return bool(
        await NotificationOrder.filter(id=order_id, status=NotificationOrderStatus.REGISTERED).update(
            status=NotificationOrderStatus.CANCELLED, status_reason=reason
        )
    )


async def cancel_registered_reminders(main_order_id: uuid.UUID, reason: str) -> None:
    await NotificationOrder.filter(main_order_id=main_order_id, status=NotificationOrderStatus.REGISTERED).update(
        status=NotificationOrderStatus.CANCELLED, status_reason=reason
    )


async def reload(order: NotificationOrder) -> None:
    await order.refresh_from_db()


async def orders_by_ids(order_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, NotificationOrder]:
    """The orders (as they are now) of events a job is about to act on, by id; one query for all."""
    return {order.id: order for order in await NotificationOrder.filter(id__in=list(order_ids))}


async def registered_orders_of_correspondences(correspondence_ids: list[uuid.UUID]) -> list[NotificationOrder]:
    """The orders still waiting for these correspondences, main orders first."""
    return await NotificationOrder.filter(
        correspondence_id__in=correspondence_ids, status=NotificationOrderStatus.REGISTERED
    ).order_by("is_reminder")


async def registered_orders_waiting_until(process_after: datetime, settled: Q, limit: int) -> list[NotificationOrder]:
    """Up to `limit` registered orders set to wait until `process_after` whose correspondence is `settled`, each
    with its correspondence."""
    return (
        await NotificationOrder.filter(settled, status=NotificationOrderStatus.REGISTERED, process_after=process_after)
        .limit(limit)
        .prefetch_related("correspondence")
    )


async def set_send_times(orders: list[NotificationOrder], send_time: datetime) -> None:
    for order in orders:
        order.requested_send_time = order.process_after = send_time
    await NotificationOrder.filter(id__in=[o.id for o in orders]).update(
        requested_send_time=send_time, process_after=send_time
    )


async def cancel_registered_of_correspondence(correspondence_id: uuid.UUID, reason: str) -> int:
    return await NotificationOrder.filter(
        correspondence_id=correspondence_id, status=NotificationOrderStatus.REGISTERED
    ).update(status=NotificationOrderStatus.CANCELLED, status_reason=reason)


async def reported_notification(channel: DeliveryChannel, reference: str) -> Notification | None:
    """The notification a delivery report names: by Message-ID for e-mail; by the gateway's id, else by our
    own id (the `reference` we sent), for SMS."""
    if channel is DeliveryChannel.EMAIL:
        key = reference if reference.startswith("<") else f"<{reference}>"
        return await Notification.filter(channel=channel, message_id=key).first()
    found = await Notification.filter(channel=channel, gateway_reference=reference).first()
    if found is None:
        key_id = _key(reference)
        found = None if key_id is None else await Notification.get_or_none(id=key_id, channel=channel)
    return found


async def settle_sent(
    notification: Notification, status: NotificationResult, reason: str | None, now: datetime
) -> bool:
    """Moves a sent notification to its reported result; False if another report got there first."""
    return bool(
        await Notification.filter(id=notification.id, status__in=list(SENT_RESULTS)).update(
            status=status, status_reason=reason, status_changed=now
        )
    )


async def with_correspondence(notification: Notification) -> None:
    """Loads the notification's order and the order's correspondence (for its timeline)."""
    await notification.fetch_related("order__correspondence")


# --- The status feed -------------------------------------------------------------------------------------------

FEED_COLUMNS = sql.columns(NotificationStatusChange)


@dataclass(frozen=True, slots=True, order=True)
class FeedPosition:
    """Where a feed reader stands: after the change `sequence` of the transaction `txid` (always 0 on SQLite)."""

    txid: int = 0
    sequence: int = 0


@dataclass(frozen=True, slots=True)
class FeedPage:
    changes: list[NotificationStatusChange]
    position: FeedPosition  # after the last change, or where the reader stood when there was none
    has_more: bool


async def feed_page(actor: Actor, after: FeedPosition, first: int) -> FeedPage:
    """The changes of the actor's organization after `after`, in an order that commits cannot overtake.

    PostgreSQL: a transaction's rows become readable only once every transaction with a lower id has ended (the
    snapshot's xmin, the visibility horizon), and are read in (txid, sequence) order. A transaction still running
    (or committing late) has an id at or above the horizon, so it can only ever land after the reader's cursor,
    never behind it. A long transaction elsewhere on the server delays the feed; it cannot make it skip.
    SQLite writes one transaction at a time, so its sequence is commit order.
    """
    party = ordering_party(actor)
    if party is None:
        return FeedPage([], after, has_more=False)
    listed = ", ".join(column.sql for column in FEED_COLUMNS)
    if NotificationStatusChange._meta.db.capabilities.dialect == "postgres":
        query = (
            f'SELECT {listed}, "txid" FROM "notification_status_change" WHERE "creator" = $1 '
            'AND "txid" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint '
            'AND ("txid", "sequence") > ($2, $3) ORDER BY "txid", "sequence" LIMIT $4'
        )
        values: list[object] = [party, after.txid, after.sequence, first + 1]
    else:
        query = (
            f'SELECT {listed}, 0 FROM "notification_status_change" WHERE "creator" = $1 AND "sequence" > $2 '
            'ORDER BY "sequence" LIMIT $3'
        )
        values = [party, after.sequence, first + 1]
    rows = await sql.fetch_raw(NotificationStatusChange, query, values)
    changes = [sql.model_from_row(NotificationStatusChange, FEED_COLUMNS, row[:-1]) for row in rows[:first]]
    position = FeedPosition(int(rows[len(changes) - 1][-1]), changes[-1].sequence) if changes else after
    return FeedPage(changes, position, has_more=len(rows) > first)
