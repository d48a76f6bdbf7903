"""GraphQL types, inputs and enums of notifications (contract §8)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.kit.connection import PageInfoType
from correspondence.notification.enums import (
    DeliveryChannel,
    EmailContentType,
    NotificationChannel,
    NotificationOrderStatus,
    NotificationResult,
    NotificationTemplate,
    SendingTimePolicy,
)
from correspondence.notification.feed import Feed
from correspondence.notification.loaders import AttemptsByNotificationLoader, NotificationsByOrderLoader
from correspondence.notification.lookup import LookupStatus
from correspondence.notification.orders import OrderSearch

if TYPE_CHECKING:
    from correspondence.notification.models import (
        Notification,
        NotificationAttempt,
        NotificationOrder,
        NotificationStatusChange,
    )

NotificationChannelEnum = strawberry.enum(NotificationChannel, name="NotificationChannel")
NotificationOrderStatusEnum = strawberry.enum(NotificationOrderStatus, name="NotificationOrderStatus")
NotificationResultEnum = strawberry.enum(NotificationResult, name="NotificationResult")
DeliveryChannelEnum = strawberry.enum(DeliveryChannel, name="DeliveryChannel")
NotificationTemplateEnum = strawberry.enum(NotificationTemplate, name="NotificationTemplate")
EmailContentTypeEnum = strawberry.enum(EmailContentType, name="EmailContentType")
SendingTimePolicyEnum = strawberry.enum(SendingTimePolicy, name="SendingTimePolicy")
RecipientLookupStatusEnum = strawberry.enum(LookupStatus, name="RecipientLookupStatus")


@strawberry.type(name="RecipientLookup")
class RecipientLookupType:
    status: RecipientLookupStatusEnum  # type: ignore[valid-type]
    is_reserved: list[str] = strawberry.field(description="Recipients reserved against digital contact.")
    missing_contact: list[str] = strawberry.field(description="Recipients without contact details for the channel.")


@strawberry.type(name="NotificationAttempt")
class NotificationAttemptType:
    attempted_at: datetime
    outcome: NotificationResultEnum  # type: ignore[valid-type]
    transient: bool = strawberry.field(description="A transient failure: the notification was tried again later.")
    reason: str | None = strawberry.field(description="The relay's or gateway's answer when the attempt failed.")
    message_id: str | None = strawberry.field(description="The e-mail's Message-ID (the same on every attempt).")
    gateway_id: str | None = strawberry.field(description="The SMS gateway's id, from the attempt it accepted.")

    @classmethod
    def from_model(cls, attempt: NotificationAttempt, notification: NotificationType) -> NotificationAttemptType:
        accepted = attempt.result is NotificationResult.ACCEPTED
        return cls(
            attempted_at=attempt.attempted_at,
            outcome=attempt.result,
            transient=attempt.transient,
            reason=attempt.detail,
            message_id=notification.message_id if notification.channel is DeliveryChannel.EMAIL else None,
            gateway_id=notification.gateway_reference if accepted else None,
        )


@strawberry.type(name="Notification")
class NotificationType:
    id: strawberry.ID
    channel: DeliveryChannelEnum  # type: ignore[valid-type]
    address: str | None
    status: NotificationResultEnum  # type: ignore[valid-type]
    status_reason: str | None
    planned_send_time: datetime
    sent_time: datetime | None
    message_id: str | None
    attempt_count: int = strawberry.field(description="How many times sending was attempted.")
    gateway_reference: strawberry.Private[str | None]

    @strawberry.field(description="Every attempt to send, oldest first.")  # type: ignore[untyped-decorator]
    async def attempts(self, info: Info[Context, Any]) -> list[NotificationAttemptType]:
        reader = info.context.require_actor()
        rows = await info.context.loaders.get(AttemptsByNotificationLoader).load((reader, str(self.id)))
        return [NotificationAttemptType.from_model(attempt, self) for attempt in rows]

    @classmethod
    def from_model(cls, notification: Notification) -> NotificationType:
        return cls(
            id=strawberry.ID(str(notification.id)),
            channel=notification.channel,
            address=notification.address,
            status=notification.status,
            status_reason=notification.status_reason,
            planned_send_time=notification.planned_send_time,
            sent_time=notification.sent_time,
            # Given when the notification is written; shown once a mail carrying it was attempted.
            message_id=notification.message_id if notification.attempts else None,
            attempt_count=notification.attempts,
            gateway_reference=notification.gateway_reference,
        )


@strawberry.type(name="NotificationOrder")
class NotificationOrderType:
    id: strawberry.ID
    status: NotificationOrderStatusEnum  # type: ignore[valid-type]
    status_reason: str | None
    senders_reference: str | None
    requested_send_time: datetime
    is_reminder: bool
    channel: NotificationChannelEnum  # type: ignore[valid-type]
    sending_time_policy: SendingTimePolicyEnum  # type: ignore[valid-type]
    created: datetime
    recipient_lookup: RecipientLookupType | None

    @strawberry.field
    async def notifications(self, info: Info[Context, Any]) -> list[NotificationType]:
        reader = info.context.require_actor()
        rows = await info.context.loaders.get(NotificationsByOrderLoader).load((reader, str(self.id)))
        return [NotificationType.from_model(n) for n in rows]

    @classmethod
    def from_model(cls, order: NotificationOrder) -> NotificationOrderType:
        lookup = order.recipient_lookup or {}
        return cls(
            id=strawberry.ID(str(order.id)),
            status=order.status,
            status_reason=order.status_reason,
            senders_reference=order.senders_reference,
            requested_send_time=order.requested_send_time,
            is_reminder=order.is_reminder,
            channel=order.channel,
            sending_time_policy=order.sending_time_policy,
            created=order.created,
            recipient_lookup=RecipientLookupType(
                status=LookupStatus(lookup["status"]),
                is_reserved=list(lookup.get("isReserved", [])),
                missing_contact=list(lookup.get("missingContact", [])),
            )
            if lookup.get("status")
            else None,
        )


@strawberry.input(name="NotificationOrderFilter")
class NotificationOrderFilterInput:
    senders_reference: str | None = None
    statuses: list[NotificationOrderStatusEnum] | None = None  # type: ignore[valid-type]
    correspondence_id: strawberry.ID | None = None
    from_: datetime | None = strawberry.field(default=None, name="from", description="Created at or after.")
    to: datetime | None = strawberry.field(default=None, description="Created before.")


@strawberry.type(name="NotificationOrderEdge")
class NotificationOrderEdgeType:
    cursor: str
    node: NotificationOrderType


@strawberry.type(name="NotificationOrderConnection")
class NotificationOrderConnectionType:
    search: strawberry.Private[OrderSearch]
    edges: list[NotificationOrderEdgeType]
    page_info: PageInfoType

    @strawberry.field(description="How many orders match, on every page together.")  # type: ignore[untyped-decorator]
    async def total_count(self) -> int:
        return await self.search.total_count()

    @classmethod
    def from_search(cls, search: OrderSearch) -> NotificationOrderConnectionType:
        page = search.page
        return cls(
            search=search,
            edges=[
                NotificationOrderEdgeType(cursor=cursor, node=NotificationOrderType.from_model(row))
                for row, cursor in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=PageInfoType.from_page(page),
        )


@strawberry.type(name="NotificationStatusChange")
class NotificationStatusChangeType:
    sequence: strawberry.ID = strawberry.field(description="The change's own number (a 64-bit integer, as text).")
    order_id: strawberry.ID
    notification_id: strawberry.ID | None = strawberry.field(description="Null for the order's own final status.")
    senders_reference: str | None
    channel: DeliveryChannelEnum | None  # type: ignore[valid-type]
    status: str = strawberry.field(description="A NotificationResult, or the order's final NotificationOrderStatus.")
    status_reason: str | None
    changed: datetime

    @classmethod
    def from_model(cls, change: NotificationStatusChange) -> NotificationStatusChangeType:
        return cls(
            sequence=strawberry.ID(str(change.sequence)),
            order_id=strawberry.ID(str(change.order_id)),
            notification_id=None if change.notification_id is None else strawberry.ID(str(change.notification_id)),
            senders_reference=change.senders_reference,
            channel=change.channel,
            status=change.status,
            status_reason=change.status_reason,
            changed=change.changed,
        )


@strawberry.type(name="NotificationStatusFeed")
class NotificationStatusFeedType:
    items: list[NotificationStatusChangeType]
    cursor: str = strawberry.field(description="Pass as `after` to resume exactly after the last item.")
    has_more: bool

    @classmethod
    def from_feed(cls, feed: Feed) -> NotificationStatusFeedType:
        return cls(
            items=[NotificationStatusChangeType.from_model(c) for c in feed.page.changes],
            cursor=feed.cursor,
            has_more=feed.page.has_more,
        )


@strawberry.input
class NotificationRecipientInput:
    national_identity_number: str | None = None
    organization_number: str | None = None
    email_address: str | None = None
    mobile_number: str | None = None


@strawberry.input
class EmailTemplateInput:
    subject: str | None = None
    body: str | None = None
    content_type: EmailContentTypeEnum | None = None  # type: ignore[valid-type]
    from_address: str | None = None


@strawberry.input
class SmsTemplateInput:
    sender_number: str | None = None
    body: str | None = None


@strawberry.input
class ReminderInput:
    delay_days: int | None = None
    requested_send_time: datetime | None = None
    condition_endpoint: str | None = None
    email_template: EmailTemplateInput | None = None
    sms_template: SmsTemplateInput | None = None


@strawberry.input
class NotificationOrderInput:
    idempotency_id: str
    recipients: list[NotificationRecipientInput]
    channel: NotificationChannelEnum  # type: ignore[valid-type]
    senders_reference: str | None = None
    email_template: EmailTemplateInput | None = None
    sms_template: SmsTemplateInput | None = None
    requested_send_time: datetime | None = None
    condition_endpoint: str | None = None
    ignore_reservation: bool | None = None
    use_stale_contact_information: bool | None = None
    resource_id: str | None = None
    sending_time_policy: SendingTimePolicyEnum | None = None  # type: ignore[valid-type]
    reminders: list[ReminderInput] | None = None


@strawberry.input
class CorrespondenceNotificationInput:
    channel: NotificationChannelEnum  # type: ignore[valid-type]
    template: NotificationTemplateEnum | None = None  # type: ignore[valid-type]
    email_subject: str | None = None
    email_body: str | None = None
    email_content_type: EmailContentTypeEnum | None = None  # type: ignore[valid-type]
    sms_body: str | None = None
    send_reminder: bool | None = None
    reminder_channel: NotificationChannelEnum | None = None  # type: ignore[valid-type]
    reminder_email_subject: str | None = None
    reminder_email_body: str | None = None
    reminder_sms_body: str | None = None
    custom_recipients: list[NotificationRecipientInput] | None = None
    override_registered_contact_information: bool | None = None
