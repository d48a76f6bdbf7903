"""Notification orders (contract §5): standalone orders, cancel, visibility, and the ids of the jobs that run them.

Orders are written in the caller's transaction; the processing job is enqueued after commit, and the sweep finds
any order whose job was lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from correspondence.access.actor import Actor
from correspondence.adapters import queue
from correspondence.kit import clock, sql
from correspondence.kit.errors import BadUserInput, Conflict, NotFound
from correspondence.kit.pagination import Page
from correspondence.notification import repository
from correspondence.notification.enums import EmailContentType, NotificationOrderStatus, SendingTimePolicy
from correspondence.notification.lookup import LookupRequest, lookup, names_confidential_resource
from correspondence.notification.repository import OrderNarrowing
from correspondence.notification.schedule import CANCEL_MARGIN
from correspondence.notification.validation import OrderInput, OrderSpec, validate_order
from correspondence.settings import Settings

if TYPE_CHECKING:
    from correspondence.notification.models import NotificationOrder

PROCESS_ORDER_JOB = "notification_process_order"
PROCESS_DUE_JOB = "notification_process_due_orders"


def schedule_due_processing() -> None:
    """After commit, one job that processes whatever orders are due, in turns across ordering organizations."""
    queue.enqueue_after_commit(PROCESS_DUE_JOB)


def process_job_id(order_id: uuid.UUID | str) -> str:
    return f"notification:process:{order_id}"


def schedule_processing(order: NotificationOrder, now: datetime | None = None) -> None:
    """Enqueue the order's processing after commit, deferred to its send time (arq keeps the deferral)."""
    delay = order.process_after - (now or clock.now())
    queue.enqueue_after_commit(
        PROCESS_ORDER_JOB, str(order.id), job_id=process_job_id(order.id), defer_by=max(delay, timedelta(0))
    )


def allows_private_endpoints(settings: Settings) -> bool:
    return settings.dev_mode or settings.allow_private_endpoints


async def create_order(creator: str, data: OrderInput, settings: Settings) -> NotificationOrder:
    """A standalone order and its reminders; a repeated idempotencyId returns the first order unchanged."""
    existing = await _by_idempotency(creator, data.idempotency_id)
    if existing is not None:
        return existing
    now = clock.now()
    specs = await validate_order(data, now, creator=creator, allow_private=allows_private_endpoints(settings))
    main_spec = specs[0]
    found = await lookup(
        LookupRequest(
            main_spec.recipients,
            main_spec.channel,
            now,
            resource_id=data.resource_id,
            ignore_reservation=bool(data.ignore_reservation),
            use_stale_contact_information=bool(data.use_stale_contact_information),
            confidential_resource=await names_confidential_resource(data.resource_id),
        )
    )
    common = {
        "creator": creator,
        "senders_reference": data.senders_reference,
        "resource_id": data.resource_id,
        "ignore_reservation": bool(data.ignore_reservation),
        "use_stale_contact_information": bool(data.use_stale_contact_information),
        "sending_time_policy": data.sending_time_policy or SendingTimePolicy.DAYTIME,
        "recipient_lookup": found.summary(),
    }
    try:
        # A savepoint: a concurrent repeat that won the unique index leaves the outer transaction usable.
        async with in_transaction():
            main = await write_order(main_spec, now, idempotency_id=data.idempotency_id, **common)
            reminders = [await write_order(spec, now, main_order_id=main.id, **common) for spec in specs[1:]]
    except IntegrityError:
        existing = await _by_idempotency(creator, data.idempotency_id)
        if existing is None:
            raise
        return existing
    for order in (main, *reminders):
        schedule_processing(order, now)
    return main


async def write_order(spec: OrderSpec, now: datetime, **fields: Any) -> NotificationOrder:
    order = build_order(spec, now, **fields)
    await repository.add(order)
    return order


def build_order(
    spec: OrderSpec, now: datetime, *, process_after: datetime | None = None, **fields: Any
) -> NotificationOrder:
    """An unsaved order (for bulk writes), processed from its send time unless `process_after` says otherwise;
    `fields` adds the ordering party, lookup summary and the like."""
    email, sms = spec.email, spec.sms
    return repository.new_order(
        recipients=[r.to_json() for r in spec.recipients],
        channel=spec.channel,
        template=spec.template,
        language=spec.language,
        is_reminder=spec.is_reminder,
        requested_send_time=spec.requested_send_time,
        process_after=process_after or spec.requested_send_time,
        email_subject=email.subject if email else None,
        email_body=email.body if email else None,
        email_content_type=email.content_type if email else EmailContentType.PLAIN,
        email_from_address=email.from_address if email else None,
        sms_body=sms.body if sms else None,
        sms_sender_number=sms.sender_number if sms else None,
        condition_endpoint=spec.condition_endpoint,
        status=NotificationOrderStatus.REGISTERED,
        created=now,
        **fields,
    )


async def _by_idempotency(creator: str, idempotency_id: str) -> NotificationOrder | None:
    if not idempotency_id:
        return None
    return await repository.by_idempotency(creator, idempotency_id)


async def visible_order(actor: Actor, order_id: str) -> NotificationOrder | None:
    """The order if the actor may read it; None otherwise, exactly as for an unknown id."""
    return await repository.readable_order(actor, order_id)


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """An order search's filter as given (contract §11); `correspondence_id` is parsed by `search_orders`."""

    senders_reference: str | None = None
    statuses: Sequence[NotificationOrderStatus] | None = None
    correspondence_id: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None


@dataclass(frozen=True, slots=True)
class OrderSearch:
    page: Page[NotificationOrder]
    matching: sql.Where  # the whole filtered set, for a total count when asked

    async def total_count(self) -> int:
        return await repository.count_orders(self.matching)


async def search_orders(actor: Actor, where: OrderFilter, first: int, after: str | None) -> OrderSearch:
    """The caller's organization's orders matching `where`, newest first, in keyset pages. Another
    organization's correspondence id matches nothing, exactly like an unknown one."""
    correspondence_id = None
    if where.correspondence_id is not None:
        try:
            correspondence_id = uuid.UUID(where.correspondence_id)
        except ValueError:
            raise BadUserInput.single("filter.correspondenceId", "Not a correspondence id.") from None
    narrowing = OrderNarrowing(
        senders_reference=where.senders_reference,
        statuses=where.statuses,
        correspondence_id=correspondence_id,
        created_from=where.created_from,
        created_to=where.created_to,
    )
    scope = repository.narrowed_orders(repository.readable_order_scope(actor), narrowing)
    return OrderSearch(await repository.order_page(scope, first, after), scope)


async def cancel_order(actor: Actor, order_id: str) -> NotificationOrder:
    """Cancel while REGISTERED and more than 5 minutes before the send time (contract §5); its reminders follow.
    A foreign id is refused exactly like an unknown one."""
    order = await repository.readable_order(actor, order_id)
    if order is None:
        raise NotFound("The notification order")
    now = clock.now()
    if order.status is not NotificationOrderStatus.REGISTERED:
        raise Conflict(f"The order is {order.status.value}: only a REGISTERED order can be cancelled.")
    if order.requested_send_time - now <= CANCEL_MARGIN:
        raise Conflict("The order goes out within 5 minutes and can no longer be cancelled.")
    if not await repository.cancel_registered(order.id, "Cancelled by the sender."):
        raise Conflict("The order is being processed and can no longer be cancelled.")
    await repository.cancel_registered_reminders(order.id, "The main order was cancelled.")
    await repository.reload(order)
    return order
