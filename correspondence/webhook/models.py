"""Webhook subscriptions, the deliveries derived from the activity log for each, and every attempt (contract §12).

The activity log is the outbox: a delivery row is made for each event a subscription may see, by the fan-out that
reads the log after the position it has settled (`WebhookFanOut`), so a crash, a dead worker or a Redis flush
delays deliveries and loses none. A delivery's id is its `webhook-id`, the same on every attempt.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from correspondence.webhook.enums import SubscriberKind, WebhookDeliveryStatus, WebhookSubscriptionStatus


class WebhookSubscription(Model):
    id = fields.UUIDField(pk=True)
    owner_kind = fields.CharEnumField(SubscriberKind, max_length=16)
    owner = fields.CharField(max_length=64)  # the subscriber's organization URN
    url = fields.CharField(max_length=2048)
    # Filters; an empty list means everything the subscriber may see.
    parties: list[str] = fields.JSONField(default=list)
    resource_ids: list[str] = fields.JSONField(default=list)
    types: list[str] = fields.JSONField(default=list)
    status = fields.CharEnumField(WebhookSubscriptionStatus, max_length=16, default=WebhookSubscriptionStatus.ACTIVE)
    status_text = fields.CharField(max_length=1024, null=True)  # why it was disabled
    # The signing secret, sealed under the master key `secret_key_id` (adapters/crypto.py).
    secret_key_id = fields.CharField(max_length=64)
    secret_sealed = fields.BinaryField()
    created = fields.DatetimeField()
    # Events with a higher id are for this subscription: it starts at its creation, with no history.
    after_event = fields.BigIntField(default=0)
    # Since when every attempt failed (null after a success): DISABLED once it lasts long enough.
    failing_since = fields.DatetimeField(null=True)
    # One worker delivers a subscription's events at a time, in event order; a dead worker's lease runs out.
    lease_until = fields.DatetimeField(null=True)
    lease_owner = fields.CharField(max_length=64, null=True)

    deliveries: fields.ReverseRelation[WebhookDelivery]

    class Meta:
        table = "webhook_subscription"
        indexes = (("owner_kind", "owner"),)


class WebhookDelivery(Model):
    id = fields.UUIDField(pk=True)  # the webhook-id header, stable across retries
    subscription: fields.ForeignKeyRelation[WebhookSubscription] = fields.ForeignKeyField(
        "models.WebhookSubscription", related_name="deliveries", on_delete=fields.CASCADE
    )
    event_id = fields.BigIntField()
    type = fields.CharField(max_length=32)
    correspondence_id = fields.UUIDField(null=True)  # null for a standalone notification order's event
    notification_order_id = fields.UUIDField(null=True)  # the order of a notification's outcome
    payload = fields.TextField()  # the CloudEvent, exactly the bytes signed and sent on every attempt
    status = fields.CharEnumField(WebhookDeliveryStatus, max_length=16, default=WebhookDeliveryStatus.PENDING)
    attempts = fields.IntField(default=0)
    response_status = fields.IntField(null=True)
    error = fields.CharField(max_length=1024, null=True)
    created = fields.DatetimeField()
    delivered_at = fields.DatetimeField(null=True)
    next_attempt_at = fields.DatetimeField(null=True)  # while PENDING

    attempt_log: fields.ReverseRelation[WebhookAttempt]

    class Meta:
        table = "webhook_delivery"
        unique_together = (("subscription_id", "event_id"),)
        indexes = (("status", "next_attempt_at"), ("subscription_id", "status", "next_attempt_at"))


class WebhookAttempt(Model):
    id = fields.BigIntField(pk=True)
    delivery: fields.ForeignKeyRelation[WebhookDelivery] = fields.ForeignKeyField(
        "models.WebhookDelivery", related_name="attempt_log", on_delete=fields.CASCADE
    )
    number = fields.IntField()
    started = fields.DatetimeField()
    duration_ms = fields.IntField()
    response_status = fields.IntField(null=True)
    error = fields.CharField(max_length=1024, null=True)

    class Meta:
        table = "webhook_attempt"
        indexes = (("delivery_id", "number"),)  # a delivery's attempts in order, and its deletion's cascade


class WebhookFanOut(Model):
    """How far the fan-out has settled the activity log: every event up to `position` has its deliveries."""

    id = fields.IntField(pk=True)  # one row
    position = fields.BigIntField(default=0)

    class Meta:
        table = "webhook_fan_out"
