"""Every read and write of the activity log, and the correspondence rows events are judged by.

A caller's replay starts from `readable_by`: the access rule's SQL form over the correspondences the activities
belong to. Recipients replay PUBLISHED of the inboxes they read (published, not purged); senders everything about
what they sent.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.correspondence import repository as correspondences
from correspondence.correspondence.models import VISIBLE_TO_RECIPIENT, Correspondence
from correspondence.events.models import EVENT_TYPES, Activity, ActivityType
from correspondence.kit import db

__all__ = [
    "EVENT_TYPES",
    "ActivityType",
    "add",
    "current_correspondence",
    "readable_by",
    "replay_page",
    "visible_to_recipient",
]

_CORRESPONDENCE = "correspondence"
_JOIN = f'"activity" JOIN "{_CORRESPONDENCE}" ON "{_CORRESPONDENCE}"."id" = "activity"."correspondence_id"'


async def add(
    correspondence: Correspondence, type: ActivityType, actor: str | None, text: str | None, at: datetime
) -> Activity:
    return await Activity.create(correspondence=correspondence, type=type, occurred_at=at, actor=actor, text=text)


def readable_by(actor: Actor, access: AccessScope) -> db.Where:
    """The events (activities joined to their correspondence) the caller may replay."""
    if actor.kind is ActorKind.SERVICE_OWNER:
        return correspondences.sent_by(actor, table=_CORRESPONDENCE)
    readable = correspondences.readable_by_recipient(access, table=_CORRESPONDENCE)
    return readable.and_('"activity"."type" = ?', ActivityType.PUBLISHED.value)


async def replay_page(readable: db.Where, after: int, limit: int) -> list[tuple[Activity, Correspondence]]:
    """Up to `limit` readable events after the id `after`, in id order, each with its correspondence."""
    where = readable.and_('"activity"."id" > ?', after).and_in('"activity"."type"', sorted(EVENT_TYPES))
    activity_columns = db.columns(Activity)
    correspondence_columns = db.columns(Correspondence)
    selected = [f'"activity"."{c}"' for c in activity_columns]
    selected += [f'"{_CORRESPONDENCE}"."{c}"' for c in correspondence_columns]
    sql = f'SELECT {", ".join(selected)} FROM {_JOIN} WHERE {where.sql} ORDER BY "activity"."id" LIMIT {int(limit)}'
    split = len(activity_columns)
    return [
        (
            db.model_from_row(Activity, activity_columns, row[:split]),
            db.model_from_row(Correspondence, correspondence_columns, row[split:]),
        )
        for row in await db.fetch_raw(Activity, sql, where.values)
    ]


async def current_correspondence(correspondence_id: str) -> Correspondence | None:
    """The correspondence of a live event as it is now, read once for all of the process's subscribers: each is
    judged in memory (`Audience.sees`, `visible_to_recipient`) before anything is delivered to it."""
    return await Correspondence.get_or_none(id=UUID(correspondence_id))


def visible_to_recipient(correspondence: Correspondence) -> bool:
    """Recipients never see what is unpublished or purged (design §3)."""
    return correspondence.status in VISIBLE_TO_RECIPIENT
