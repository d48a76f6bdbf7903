"""Correspondence statuses and their rules (contract §3), and the types of its timeline entries (contract §7): plain
values any layer may use, apart from the models."""

from __future__ import annotations

from enum import StrEnum


class CorrespondenceStatus(StrEnum):
    INITIALIZED = "INITIALIZED"
    READY_FOR_PUBLISH = "READY_FOR_PUBLISH"
    PUBLISHED = "PUBLISHED"
    FETCHED = "FETCHED"
    READ = "READ"
    REPLIED = "REPLIED"
    CONFIRMED = "CONFIRMED"
    PURGED_BY_RECIPIENT = "PURGED_BY_RECIPIENT"
    PURGED_BY_ALTINN = "PURGED_BY_ALTINN"
    ARCHIVED = "ARCHIVED"
    RESERVED = "RESERVED"
    FAILED = "FAILED"
    ATTACHMENTS_DOWNLOADED = "ATTACHMENTS_DOWNLOADED"
    FORWARDED = "FORWARDED"  # a reader forwarded it by e-mail (contract §13): a receipt


# The lifecycle ranking of contract §3; receipt entries (FETCHED, ATTACHMENTS_DOWNLOADED, ARCHIVED, FORWARDED)
# never change the current status.
LIFECYCLE_RANK: dict[CorrespondenceStatus, int] = {
    status: rank
    for rank, status in enumerate(
        (
            CorrespondenceStatus.INITIALIZED,
            CorrespondenceStatus.READY_FOR_PUBLISH,
            CorrespondenceStatus.PUBLISHED,
            CorrespondenceStatus.READ,
            CorrespondenceStatus.REPLIED,
            CorrespondenceStatus.CONFIRMED,
            CorrespondenceStatus.RESERVED,
            CorrespondenceStatus.FAILED,
            CorrespondenceStatus.PURGED_BY_RECIPIENT,
            CorrespondenceStatus.PURGED_BY_ALTINN,
        )
    )
}

# Statuses in which a recipient sees the correspondence at all.
VISIBLE_TO_RECIPIENT = (
    CorrespondenceStatus.PUBLISHED,
    CorrespondenceStatus.READ,
    CorrespondenceStatus.REPLIED,
    CorrespondenceStatus.CONFIRMED,
)

PURGED = (CorrespondenceStatus.PURGED_BY_RECIPIENT, CorrespondenceStatus.PURGED_BY_ALTINN)


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
    FORWARDED = "FORWARDED"  # contract §13
    # ... and the timeline entries that are no event for subscribers.
    CREATED = "CREATED"
    RESERVED = "RESERVED"


EVENT_TYPES = frozenset(ActivityType) - {ActivityType.CREATED, ActivityType.RESERVED}


class ForwardingStatus(StrEnum):
    """The e-mail of one forwarding (contract §13), sent and retried like a notification's."""

    PENDING = "PENDING"  # due at `due_at` (first try or a retry)
    SENDING = "SENDING"  # claimed by a worker
    SENT = "SENT"  # accepted by the relay
    FAILED = "FAILED"  # refused for good, or retries used up
