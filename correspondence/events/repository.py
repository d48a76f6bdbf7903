"""Every read and write of the activity log, and the correspondence rows events are judged by.

A caller's replay starts from `readable_by`: the access rule's SQL form over the correspondences the activities
belong to. Recipients replay PUBLISHED of the inboxes they read (published, not purged); senders everything about
what they sent.
"""

from __future__ import annotations

from datetime import datetime

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.correspondence import repository as correspondences
from correspondence.correspondence.models import VISIBLE_TO_RECIPIENT, Correspondence
from correspondence.events.models import EVENT_TYPES, Activity, ActivityType
from correspondence.kit import sql

__all__ = [
    "EVENT_TYPES",
    "ActivityType",
    "add",
    "readable_by",
    "replay_page",
    "visible_to_recipient",
]

# Replay joins each activity to its correspondence, whose columns the access rule judges.
_ACTIVITY, _CORRESPONDENCE = "activity", "correspondence"
_ACTIVITY_ID = sql.Column.of(Activity, "id", alias=_ACTIVITY)
_ACTIVITY_TYPE = sql.Column.of(Activity, "type", alias=_ACTIVITY)


async def add(
    correspondence: Correspondence, type: ActivityType, actor: str | None, text: str | None, at: datetime
) -> Activity:
    return await Activity.create(correspondence=correspondence, type=type, occurred_at=at, actor=actor, text=text)


def readable_by(actor: Actor, access: AccessScope) -> sql.Where:
    """The events (activities joined to their correspondence) the caller may replay."""
    if actor.kind is ActorKind.SERVICE_OWNER:
        return correspondences.sent_by(actor, alias=_CORRESPONDENCE)
    readable = correspondences.readable_by_recipient(access, alias=_CORRESPONDENCE)
    return readable.and_compare(_ACTIVITY_TYPE, "=", ActivityType.PUBLISHED.value)


async def replay_page(readable: sql.Where, after: int, limit: int) -> list[tuple[Activity, Correspondence]]:
    """Up to `limit` readable events after the id `after`, in id order, each with its correspondence."""
    where = readable.and_compare(_ACTIVITY_ID, ">", after).and_in(_ACTIVITY_TYPE, sorted(EVENT_TYPES))
    activity_columns = sql.columns(Activity, alias=_ACTIVITY)
    correspondence_columns = sql.columns(Correspondence, alias=_CORRESPONDENCE)
    join = sql.Join(
        Correspondence,
        _CORRESPONDENCE,
        sql.Column.of(Correspondence, "id", alias=_CORRESPONDENCE),
        sql.Column.of(Activity, "correspondence_id", alias=_ACTIVITY),
    )
    rows = await sql.select_rows(
        Activity,
        [*activity_columns, *correspondence_columns],
        where,
        alias=_ACTIVITY,
        joins=[join],
        order_by=sql.OrderBy((_ACTIVITY_ID,)),
        limit=limit,
    )
    split = len(activity_columns)
    return [
        (
            sql.model_from_row(Activity, activity_columns, row[:split]),
            sql.model_from_row(Correspondence, correspondence_columns, row[split:]),
        )
        for row in rows
    ]


def visible_to_recipient(correspondence: Correspondence) -> bool:
    """Recipients never see what is unpublished or purged (contract §3)."""
    return correspondence.status in VISIBLE_TO_RECIPIENT
