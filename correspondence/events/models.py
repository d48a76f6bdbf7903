"""The activity log of each correspondence. Its ids are the ordered event ids that subscribers replay from."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from correspondence.correspondence.models import Correspondence


class ActivityType(StrEnum):
    # The event types of contract §7 (`CorrespondenceEventType`) ...
    PUBLISHED = "PUBLISHED"
    PUBLISH_FAILED = "PUBLISH_FAILED"
    FETCHED = "FETCHED"
    READ = "READ"
    CONFIRMED = "CONFIRMED"
    ARCHIVED = "ARCHIVED"
    UNARCHIVED = "UNARCHIVED"
    PURGED_BY_RECIPIENT = "PURGED_BY_RECIPIENT"
    PURGED_BY_ALTINN = "PURGED_BY_ALTINN"
    ATTACHMENTS_DOWNLOADED = "ATTACHMENTS_DOWNLOADED"
    NEVER_READ = "NEVER_READ"
    NEVER_CONFIRMED = "NEVER_CONFIRMED"
    NOTIFICATION_SENT = "NOTIFICATION_SENT"
    NOTIFICATION_FAILED = "NOTIFICATION_FAILED"
    # ... and the timeline entries that are no event for subscribers.
    CREATED = "CREATED"
    RESERVED = "RESERVED"


EVENT_TYPES = frozenset(ActivityType) - {ActivityType.CREATED, ActivityType.RESERVED}


class Activity(Model):
    id = fields.BigIntField(pk=True)
    correspondence: fields.ForeignKeyRelation[Correspondence] = fields.ForeignKeyField(
        "models.Correspondence", related_name="activities", on_delete=fields.CASCADE
    )
    type = fields.CharEnumField(ActivityType, max_length=32)
    occurred_at = fields.DatetimeField()
    actor = fields.CharField(max_length=64, null=True)
    text = fields.CharField(max_length=1024, null=True)

    class Meta:
        table = "activity"
