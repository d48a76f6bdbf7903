"""Notification orders of correspondences (contract §5): written in the send's transaction, due once published,
a reminder at publish + the reminder delay (only if still unread and not purged), cancelled by a sender's purge.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from correspondence.kit import clock
from correspondence.kit.identifiers import InvalidIdentifier, PartyKind, parse_party
from correspondence.kit.turns import in_turns
from correspondence.notification import hooks, repository
from correspondence.notification.enums import SendingTimePolicy
from correspondence.notification.lookup import LookupRequest, Recipient, lookup_many
from correspondence.notification.orders import build_order, schedule_due_processing, schedule_processing
from correspondence.notification.schedule import AWAITING_PUBLICATION
from correspondence.notification.validation import CorrespondenceNotificationPlan, OrderSpec

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence
    from correspondence.notification.models import NotificationOrder


def recipients_of(
    correspondence: Correspondence, plan: CorrespondenceNotificationPlan, *, with_custom: bool
) -> list[Recipient]:
    """The correspondence's recipient (unless custom recipients override it), and the custom recipients when this
    letter carries them for its send."""
    own: list[Recipient] = []
    if not plan.override_registered_contact_information:
        try:
            party = parse_party(correspondence.recipient)
        except InvalidIdentifier:
            party = None
        if party is not None:
            own.append(
                Recipient(national_identity_number=party.number)
                if party.kind is PartyKind.PERSON
                else Recipient(organization_number=party.number)
            )
    return own + (plan.custom_recipients if with_custom else [])


async def create_orders(
    correspondences: list[Correspondence],
    plan: CorrespondenceNotificationPlan,
    reminder_delay: timedelta,
    now: datetime,
) -> list[NotificationOrder]:
    """One order per correspondence that may still be published (and its reminder), REGISTERED until it is,
    whatever state the letter starts in: one waiting for an upload keeps its order too (contract §11).

    Custom recipients are notified once per send, not once per recipient: they join the order of the send's first
    letter that may be published (so they follow that letter's publish time and, for the reminder, its reading).
    """
    orders: list[NotificationOrder] = []
    notifiable = [c for c in correspondences if not hooks.state_of(c).never_published]  # RESERVED: never notified
    ordered: list[tuple[Correspondence, list[Recipient]]] = []
    async for letters in in_turns(list(enumerate(notifiable))):
        for index, correspondence in letters:
            recipients = recipients_of(correspondence, plan, with_custom=index == 0)
            if recipients:  # none: the custom recipients replace this letter's own; an earlier letter carries them
                ordered.append((correspondence, recipients))
    # One lookup for the whole send (a few set-based reads of the register), not one per letter: a send to 500
    # recipients otherwise spent a third of its time here.
    found = await lookup_many(
        [_lookup_request(correspondence, recipients, plan, now) for correspondence, recipients in ordered]
    )
    async for pairs in in_turns(list(zip(ordered, found, strict=True))):
        for (correspondence, recipients), looked_up in pairs:
            common = {
                "creator": correspondence.sender,
                "senders_reference": correspondence.senders_reference,
                "correspondence_id": correspondence.id,
                "resource_id": correspondence.resource_id,
                "ignore_reservation": correspondence.ignore_reservation,
                "sending_time_policy": SendingTimePolicy.DAYTIME,
                "recipient_lookup": looked_up.summary(),
            }
            send_at = correspondence.publish_at
            main = build_order(_spec(plan.main, recipients, send_at), now, process_after=AWAITING_PUBLICATION, **common)
            orders.append(main)
            if plan.reminder is not None:
                reminder = _spec(plan.reminder, recipients, send_at + reminder_delay)
                orders.append(
                    build_order(reminder, now, process_after=AWAITING_PUBLICATION, main_order_id=main.id, **common)
                )
    await repository.add_all(orders)
    return orders


def _lookup_request(
    correspondence: Correspondence, recipients: list[Recipient], plan: CorrespondenceNotificationPlan, now: datetime
) -> LookupRequest:
    return LookupRequest(
        recipients,
        plan.main.channel,
        now,
        resource_id=correspondence.resource_id,
        ignore_reservation=correspondence.ignore_reservation,
        confidential_for=correspondence.recipient if correspondence.is_confidential else None,
    )


def _spec(template: OrderSpec, recipients: list[Recipient], send_at: datetime) -> OrderSpec:
    return OrderSpec(
        recipients,
        template.channel,
        send_at,
        template=template.template,
        email=template.email,
        sms=template.sms,
        is_reminder=template.is_reminder,
        language=template.language,
    )


async def on_published_many(correspondences: list[Correspondence]) -> None:
    """The send time is the publish time (a reminder keeps its delay after it); processing is enqueued. For a batch
    of published letters: one read of their orders, one update per distinct send time."""
    published = {c.id: c.published for c in correspondences if c.published is not None}
    orders = await repository.registered_orders_of_correspondences(list(published))
    mains = {o.id: o.requested_send_time for o in orders if not o.is_reminder}
    send_times: dict[datetime, list[NotificationOrder]] = {}
    for order in orders:
        planned_main = mains.get(order.main_order_id) if order.main_order_id else None
        delay = order.requested_send_time - planned_main if planned_main is not None else timedelta(0)
        assert order.correspondence_id is not None  # the orders of these correspondences
        send_times.setdefault(published[order.correspondence_id] + delay, []).append(order)
    now = clock.now()
    for send_time, due in send_times.items():
        await repository.set_send_times(due, send_time)
        for order in due:
            if send_time > now:
                schedule_processing(order, now)  # a reminder: its own job at its time
    if any(send_time <= now for send_time in send_times):
        schedule_due_processing()  # the orders due now, with everyone else's, in turns


async def release_settled(limit: int) -> int:
    """The sweep's safety net: orders still waiting for a letter that is published, or will never be, are made
    due or cancelled as publishing or the failure would have. Returns how many letters it acted on."""
    orders = await repository.registered_orders_waiting_until(AWAITING_PUBLICATION, hooks.settled(), limit)
    letters = list({order.correspondence.id: order.correspondence for order in orders if order.correspondence}.values())
    published = [letter for letter in letters if hooks.state_of(letter).published]
    if published:
        await on_published_many(published)
    for letter in letters:
        if not hooks.state_of(letter).published:
            await cancel_for(letter, "The correspondence will never be published.")
    return len(letters)


async def cancel_for(correspondence: Correspondence, reason: str) -> int:
    """A correspondence that will never be published takes its waiting orders with it."""
    return await repository.cancel_registered_of_correspondence(correspondence.id, reason)
