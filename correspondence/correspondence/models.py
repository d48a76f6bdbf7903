"""A correspondence: one letter to one recipient (contract §3), its append-only status history, and its timeline
(the activity log), whose ids are the ordered event ids that subscribers replay from."""

from __future__ import annotations

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

# Re-exported for the repositories, jobs and migrations that know statuses through the models.
from correspondence.correspondence.statuses import LIFECYCLE_RANK as LIFECYCLE_RANK
from correspondence.correspondence.statuses import PURGED as PURGED
from correspondence.correspondence.statuses import VISIBLE_TO_RECIPIENT as VISIBLE_TO_RECIPIENT
from correspondence.correspondence.statuses import ActivityType as ActivityType
from correspondence.correspondence.statuses import CorrespondenceStatus as CorrespondenceStatus
from correspondence.correspondence.statuses import ForwardingStatus as ForwardingStatus


class Correspondence(Model):
    id = fields.UUIDField(pk=True)
    resource_id = fields.CharField(max_length=255, db_index=True)
    # The resource owner's organization URN; no index of its own: (sender, publish_at) serves every search by it.
    sender = fields.CharField(max_length=64)
    sender_name = fields.CharField(max_length=255)
    message_sender = fields.CharField(max_length=255, null=True)
    senders_reference = fields.CharField(max_length=4096)
    recipient = fields.CharField(max_length=64)
    language = fields.CharField(max_length=2)
    message_title = fields.CharField(max_length=255)
    message_summary = fields.CharField(max_length=255, null=True)
    message_body = fields.TextField()
    # The body rendered to sanitised HTML when it was sent (readers never render Markdown); null for a row from
    # before the column until the sweep renders it.
    body_html = fields.TextField(null=True)
    requested_publish_time = fields.DatetimeField(null=True)
    published = fields.DatetimeField(null=True)
    due_date_time = fields.DatetimeField(null=True)
    allow_system_delete_after = fields.DatetimeField(null=True)
    is_confirmation_needed = fields.BooleanField(default=False)
    is_confidential = fields.BooleanField(default=False)
    ignore_reservation = fields.BooleanField(default=False)
    allow_forwarding = fields.BooleanField(default=False)  # readers may forward it by e-mail (contract §13)
    property_list: dict[str, str] = fields.JSONField(default=dict)
    external_references: list[dict[str, str]] = fields.JSONField(default=list)
    reply_options: list[dict[str, str | None]] = fields.JSONField(default=list)
    idempotency_key = fields.UUIDField(null=True)
    created = fields.DatetimeField()
    is_archived = fields.BooleanField(default=False)
    # Denormalised from the history so that inbox filters and sorts are plain indexed columns.
    status = fields.CharEnumField(CorrespondenceStatus, max_length=32)
    is_read = fields.BooleanField(default=False)
    is_confirmed = fields.BooleanField(default=False)
    publish_at = fields.DatetimeField()  # requested publish time, or creation; the actual time once published
    sort_due = fields.DatetimeField()  # due date, or the far future: keyset cursors need a total order
    due_processed = fields.BooleanField(default=False)
    content_purged = fields.BooleanField(default=False)

    status_history: fields.ReverseRelation[CorrespondenceStatusEntry]
    activities: fields.ReverseRelation[Activity]
    forwardings: fields.ReverseRelation[Forwarding]

    class Meta:
        table = "correspondence"
        unique_together = (("sender", "idempotency_key"),)
        indexes = (("recipient", "status", "publish_at"), ("sender", "publish_at"), ("status", "publish_at"))


class CorrespondenceStatusEntry(Model):
    id = fields.BigIntField(pk=True)
    correspondence: fields.ForeignKeyRelation[Correspondence] = fields.ForeignKeyField(
        "models.Correspondence", related_name="status_history", on_delete=fields.CASCADE
    )
    status = fields.CharEnumField(CorrespondenceStatus, max_length=32)
    status_text = fields.CharField(max_length=1024, null=True)
    status_changed = fields.DatetimeField()
    actor = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "correspondence_status"
        indexes = (("correspondence_id", "status", "actor"),)


class Activity(Model):
    """One entry of the activity log: a correspondence's timeline entry, or the outcome of a standalone notification
    order's notification (no correspondence; its ordering organization's event, contract §11)."""

    id = fields.BigIntField(pk=True)
    correspondence: fields.ForeignKeyNullableRelation[Correspondence] = fields.ForeignKeyField(
        "models.Correspondence", related_name="activities", null=True, on_delete=fields.CASCADE
    )
    # A notification's outcome (NOTIFICATION_SENT, NOTIFICATION_FAILED): its order, whose creator the access rule
    # judges when there is no correspondence, and the notification, whose recipient a webhook event names. Plain
    # ids, no foreign keys: checking them (and locking the order's row) on every outcome slowed the sending of
    # notifications measurably, and orders and notifications are never deleted but with their correspondence.
    notification_order_id = fields.UUIDField(null=True)
    notification_id = fields.UUIDField(null=True)
    type = fields.CharEnumField(ActivityType, max_length=32)
    occurred_at = fields.DatetimeField()
    actor = fields.CharField(max_length=64, null=True)
    text = fields.CharField(max_length=1024, null=True)

    correspondence_id: UUID | None  # the foreign key column, typed for readers

    class Meta:
        table = "activity"
        # A letter's timeline in order, and the purge's cascade: without it both read the whole log.
        indexes = (("correspondence_id", "id"),)


class InboxCounter(Model):
    """How many letters of one resource (and confidentiality) an inbox shows, unread and awaiting confirmation:
    the counts of `inboxSummary` (contract §13), read in a few rows however large the mailbox.

    Kept by database triggers on `correspondence` (migration `inbox_counter`), so every path that publishes,
    reads, confirms or purges a letter (services, jobs, retention, bulk updates) moves the counts in its own
    transaction. The access rule judges these rows by the same three columns it judges correspondences by."""

    id = fields.BigIntField(pk=True)
    recipient = fields.CharField(max_length=64)
    resource_id = fields.CharField(max_length=255)
    is_confidential = fields.BooleanField()
    total = fields.IntField(default=0)
    unread = fields.IntField(default=0)
    awaiting_confirmation = fields.IntField(default=0)

    class Meta:
        table = "inbox_counter"
        unique_together = (("recipient", "resource_id", "is_confidential"),)


class Forwarding(Model):
    """A reader's forwarding of a letter to one e-mail address (contract §13): the durable work of sending it.

    Written with the FORWARDED receipt in the reader's transaction; a job sends it after commit, claiming the row
    first, and the correspondence sweep re-enqueues any that are due, so a lost job or a dead worker delays the
    e-mail and never loses it. Retried with the notifications' backoff."""

    id = fields.UUIDField(pk=True)
    correspondence: fields.ForeignKeyRelation[Correspondence] = fields.ForeignKeyField(
        "models.Correspondence", related_name="forwardings", on_delete=fields.CASCADE
    )
    actor = fields.CharField(max_length=64)  # the reader's party
    email_address = fields.CharField(max_length=320)  # normalised, compared case-insensitively
    email_key = fields.CharField(max_length=320)  # the address folded: once per address
    forwarding_text = fields.CharField(max_length=200, null=True)
    status = fields.CharEnumField(ForwardingStatus, max_length=16, default=ForwardingStatus.PENDING)
    status_reason = fields.CharField(max_length=1024, null=True)
    attempts = fields.IntField(default=0)
    due_at = fields.DatetimeField()
    claimed_at = fields.DatetimeField(null=True)
    created = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "correspondence_forwarding"
        unique_together = (("correspondence", "email_key"),)
        indexes = (("status", "due_at"),)
