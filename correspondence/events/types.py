"""GraphQL types of live events (contract §7, §8; §11: standalone notification orders' events)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from correspondence.correspondence.types import CorrespondenceType
from correspondence.notification.types import NotificationOrderType


@strawberry.enum(name="CorrespondenceEventType")
class CorrespondenceEventTypeEnum(Enum):
    """The fixed event types; the activity log's other entries (CREATED, RESERVED) are no events."""

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
    FORWARDED = "FORWARDED"


@strawberry.type(name="CorrespondenceEvent")
class CorrespondenceEventType:
    id: strawberry.ID = strawberry.field(description="Ordered; pass the last one received as `since` to resume.")
    type: CorrespondenceEventTypeEnum
    occurred_at: datetime
    correspondence_id: strawberry.ID | None = strawberry.field(
        description="Null only for the event of a standalone notification order (see `notificationOrder`)."
    )
    correspondence: CorrespondenceType | None = strawberry.field(
        description=(
            "As the `correspondence` query shows it to the subscriber (reading it here adds no receipt). Null only "
            "for the event of a standalone notification order (createNotificationOrder), which has no correspondence."
        )
    )
    notification_order: NotificationOrderType | None = strawberry.field(
        description=(
            "For NOTIFICATION_SENT and NOTIFICATION_FAILED: the notification's order, as the `notificationOrder` "
            "query shows it (a correspondence's order or a standalone one); null for other events and for events "
            "recorded before orders were named."
        )
    )
