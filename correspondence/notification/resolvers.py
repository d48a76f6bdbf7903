"""Resolvers for notification orders: map the GraphQL inputs, authorise, call the service."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.kit.fair_use import LimitClass
from correspondence.notification import feed as status_feed
from correspondence.notification import orders as notification_service
from correspondence.notification import validation as v
from correspondence.notification.types import (
    CorrespondenceNotificationInput,
    EmailTemplateInput,
    NotificationOrderConnectionType,
    NotificationOrderFilterInput,
    NotificationOrderInput,
    NotificationOrderType,
    NotificationRecipientInput,
    NotificationStatusFeedType,
    ReminderInput,
    SmsTemplateInput,
)


async def create_notification_order(info: Info[Context, Any], input: NotificationOrderInput) -> NotificationOrderType:
    actor = info.context.require_actor()
    assert actor.party is not None  # the operations table admits service owners only
    requested = order_input(input)
    await info.context.take_fair_use(LimitClass.ORDER, len(requested.recipients))
    order = await notification_service.create_order(actor.party, requested, info.context.settings)
    return NotificationOrderType.from_model(order)


async def cancel_notification_order(info: Info[Context, Any], id: strawberry.ID) -> NotificationOrderType:
    order = await notification_service.cancel_order(info.context.require_actor(), str(id))
    return NotificationOrderType.from_model(order)


async def notification_order(info: Info[Context, Any], id: strawberry.ID) -> NotificationOrderType | None:
    order = await notification_service.visible_order(info.context.require_actor(), str(id))
    return NotificationOrderType.from_model(order) if order is not None else None


async def notification_orders(
    info: Info[Context, Any],
    filter: NotificationOrderFilterInput | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> NotificationOrderConnectionType:
    where = (
        notification_service.OrderFilter()
        if filter is None
        else notification_service.OrderFilter(
            senders_reference=filter.senders_reference,
            statuses=filter.statuses,
            correspondence_id=None if filter.correspondence_id is None else str(filter.correspondence_id),
            created_from=filter.from_,
            created_to=filter.to,
        )
    )
    search = await notification_service.search_orders(
        info.context.require_actor(), where, 20 if first is None else first, after
    )
    return NotificationOrderConnectionType.from_search(search)


async def notification_status_feed(
    info: Info[Context, Any], after: str | None = None, first: int = 100
) -> NotificationStatusFeedType:
    feed = await status_feed.status_feed(info.context.require_actor(), after, first)
    return NotificationStatusFeedType.from_feed(feed)


def recipient_input(item: NotificationRecipientInput) -> v.RecipientInput:
    return v.RecipientInput(
        item.national_identity_number, item.organization_number, item.email_address, item.mobile_number
    )


def _email(item: EmailTemplateInput | None) -> v.EmailTemplateInput | None:
    return None if item is None else v.EmailTemplateInput(item.subject, item.body, item.content_type, item.from_address)


def _sms(item: SmsTemplateInput | None) -> v.SmsTemplateInput | None:
    return None if item is None else v.SmsTemplateInput(item.body, item.sender_number)


def _reminder(item: ReminderInput) -> v.ReminderInput:
    return v.ReminderInput(
        item.delay_days,
        item.requested_send_time,
        item.condition_endpoint,
        _email(item.email_template),
        _sms(item.sms_template),
    )


def order_input(item: NotificationOrderInput) -> v.OrderInput:
    return v.OrderInput(
        idempotency_id=item.idempotency_id,
        recipients=[recipient_input(r) for r in item.recipients],
        channel=item.channel,
        senders_reference=item.senders_reference,
        email_template=_email(item.email_template),
        sms_template=_sms(item.sms_template),
        requested_send_time=item.requested_send_time,
        condition_endpoint=item.condition_endpoint,
        ignore_reservation=item.ignore_reservation,
        use_stale_contact_information=item.use_stale_contact_information,
        resource_id=item.resource_id,
        sending_time_policy=item.sending_time_policy,
        reminders=[_reminder(r) for r in item.reminders or []],
    )


def correspondence_notification_input(item: CorrespondenceNotificationInput) -> v.CorrespondenceNotificationInput:
    return v.CorrespondenceNotificationInput(
        channel=item.channel,
        template=item.template,
        email_subject=item.email_subject,
        email_body=item.email_body,
        email_content_type=item.email_content_type,
        sms_body=item.sms_body,
        send_reminder=item.send_reminder,
        reminder_channel=item.reminder_channel,
        reminder_email_subject=item.reminder_email_subject,
        reminder_email_body=item.reminder_email_body,
        reminder_sms_body=item.reminder_sms_body,
        custom_recipients=[recipient_input(r) for r in item.custom_recipients or []],
        override_registered_contact_information=item.override_registered_contact_information,
    )
