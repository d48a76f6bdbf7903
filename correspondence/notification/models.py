"""Notification orders, the notifications they yield (one per address and channel), and every delivery attempt.

The rows are the truth the jobs work from (contract §6): an order is due when its send time has passed, a
notification when `due_at` has passed; the sweeps find both again after a Redis flush or a dead worker.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from correspondence.notification.enums import (
    DeliveryChannel,
    EmailContentType,
    NotificationChannel,
    NotificationOrderStatus,
    NotificationResult,
    NotificationTemplate,
    SendingTimePolicy,
)

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence


class NotificationOrder(Model):
    id = fields.UUIDField(pk=True)
    creator = fields.CharField(max_length=64)  # the ordering organization's URN
    idempotency_id = fields.CharField(max_length=255, null=True)  # null for orders a correspondence made
    senders_reference = fields.CharField(max_length=4096, null=True)
    correspondence: fields.ForeignKeyNullableRelation[Correspondence] = fields.ForeignKeyField(
        "models.Correspondence", related_name="notification_orders", null=True, on_delete=fields.CASCADE
    )
    is_reminder = fields.BooleanField(default=False)
    # A reminder's main order (no foreign key: aerich refuses self-references).
    main_order_id = fields.UUIDField(null=True, db_index=True)
    requested_send_time = fields.DatetimeField()
    # Recipients as given (dicts with one of nationalIdentityNumber, organizationNumber, emailAddress,
    # mobileNumber); looked up again when the order is processed.
    recipients = fields.JSONField[list[dict[str, str]]]()
    resource_id = fields.CharField(max_length=255, null=True)
    channel = fields.CharEnumField(NotificationChannel, max_length=16)
    template = fields.CharEnumField(NotificationTemplate, max_length=32, default=NotificationTemplate.CUSTOM_MESSAGE)
    language = fields.CharField(max_length=2, default="nb")
    email_subject = fields.CharField(max_length=512, null=True)
    email_body = fields.TextField(null=True)
    email_content_type = fields.CharEnumField(EmailContentType, max_length=8, default=EmailContentType.PLAIN)
    email_from_address = fields.CharField(max_length=320, null=True)
    sms_body = fields.TextField(null=True)
    sms_sender_number = fields.CharField(max_length=32, null=True)
    condition_endpoint = fields.CharField(max_length=2048, null=True)
    condition_failures = fields.IntField(default=0)
    ignore_reservation = fields.BooleanField(default=False)
    use_stale_contact_information = fields.BooleanField(default=False)
    # A correspondence's customRecipients replace the recipient's registered contact details.
    override_registered_contact_information = fields.BooleanField(default=False)
    sending_time_policy = fields.CharEnumField(SendingTimePolicy, max_length=8, default=SendingTimePolicy.DAYTIME)
    status = fields.CharEnumField(NotificationOrderStatus, max_length=32, default=NotificationOrderStatus.REGISTERED)
    status_reason = fields.CharField(max_length=1024, null=True)
    # When the processing job may next take the order (the send time, or a send-condition retry).
    process_after = fields.DatetimeField()
    # Set while a processing job holds the order, with the worker holding it: a claim of a worker whose heartbeat
    # has expired is released by the recovery sweep; a live worker's claim is never taken over.
    claimed_at = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=64, null=True)
    # The order-time lookup: {"status": ..., "isReserved": [...], "missingContact": [...]}.
    recipient_lookup = fields.JSONField[dict[str, Any]](default=dict)
    created = fields.DatetimeField()
    processed = fields.DatetimeField(null=True)

    notifications: fields.ReverseRelation[Notification]
    correspondence_id: uuid.UUID | None  # the foreign key column, typed for readers

    class Meta:
        table = "notification_order"
        unique_together = (("creator", "idempotency_id"),)
        # The order search (contract §11): an organization's orders newest first, by status, by correspondence.
        # sendersReference (up to 4,096 characters: too long for a PostgreSQL btree) has a hand-written index.
        indexes = (
            ("status", "process_after"),
            ("creator", "created", "id"),
            ("creator", "status", "created", "id"),
            ("correspondence_id", "is_reminder"),
        )


class Notification(Model):
    id = fields.UUIDField(pk=True)
    order: fields.ForeignKeyRelation[NotificationOrder] = fields.ForeignKeyField(
        "models.NotificationOrder", related_name="notifications", on_delete=fields.CASCADE
    )
    channel = fields.CharEnumField(DeliveryChannel, max_length=8)
    address = fields.CharField(max_length=320, null=True)  # null when the recipient had none
    # Who the notification is for (placeholders): the party URN and name; for a person notified about an
    # organization's correspondence, the organization stays the correspondence recipient.
    recipient = fields.CharField(max_length=64, null=True)
    recipient_name = fields.CharField(max_length=255, null=True)
    status = fields.CharEnumField(NotificationResult, max_length=40, default=NotificationResult.NEW)
    status_reason = fields.CharField(max_length=1024, null=True)
    planned_send_time = fields.DatetimeField()
    due_at = fields.DatetimeField()  # the planned time, then each retry's time
    sent_time = fields.DatetimeField(null=True)
    message_id = fields.CharField(max_length=255, null=True, db_index=True)
    gateway_reference = fields.CharField(max_length=255, null=True, db_index=True)
    attempts = fields.IntField(default=0)
    claimed_at = fields.DatetimeField(null=True)
    claim_token = fields.UUIDField(null=True, db_index=True)
    claimed_by = fields.CharField(max_length=64, null=True)  # the sending worker's identity (adapters/heartbeat)
    status_changed = fields.DatetimeField()

    order_id: uuid.UUID  # the foreign key column, typed for readers
    attempt_log: fields.ReverseRelation[NotificationAttempt]

    class Meta:
        table = "notification"
        unique_together = (("order", "channel", "address"),)
        indexes = (("status", "channel", "due_at"), ("order_id", "status"))


class NotificationAttempt(Model):
    id = fields.BigIntField(pk=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", related_name="attempt_log", on_delete=fields.CASCADE
    )
    attempted_at = fields.DatetimeField()
    result = fields.CharEnumField(NotificationResult, max_length=40)
    transient = fields.BooleanField(default=False)
    detail = fields.CharField(max_length=1024, null=True)

    notification_id: uuid.UUID  # the foreign key column, typed for readers

    class Meta:
        table = "notification_attempt"
        # A notification's attempts in order, and its deletion's cascade.
        indexes = (("notification_id", "attempted_at", "id"),)


# The status feed (contract §11): a row for every change of a notification's result (other than NEW and SENDING)
# and every order reaching a final status, for the ordering organization. Database triggers write the rows
# (hand-written in migration 8), so each lands in the transaction of its change however the change is made (a
# batch UPDATE of results, a cancel, a delivery report), and none is forgotten. On PostgreSQL each row also carries
# `txid`, its transaction's id (not a model field: the database fills it in), which the feed reads against the
# visibility horizon (`repository.feed_page`).
class NotificationStatusChange(Model):
    sequence = fields.BigIntField(pk=True)
    creator = fields.CharField(max_length=64)
    order_id = fields.UUIDField()
    notification_id = fields.UUIDField(null=True)  # null for an order's own final status
    senders_reference = fields.CharField(max_length=4096, null=True)
    channel = fields.CharEnumField(DeliveryChannel, max_length=8, null=True)
    status = fields.CharField(max_length=40)  # a NotificationResult, or a final NotificationOrderStatus
    status_reason = fields.CharField(max_length=1024, null=True)
    changed = fields.DatetimeField(db_index=True)  # the 90-day deletion reads it

    class Meta:
        table = "notification_status_change"
