"""The timeline (activity log): every state change of a correspondence appends one entry; events go out after
commit."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from correspondence.adapters import event_bus
from correspondence.correspondence import repository
from correspondence.correspondence.statuses import EVENT_TYPES, ActivityType
from correspondence.kit import clock
from correspondence.kit.unit_of_work import after_commit

if TYPE_CHECKING:
    from correspondence.correspondence.repository import Activity, Correspondence


async def record(
    correspondence: Correspondence,
    type: ActivityType,
    actor: str | None,
    text: str | None = None,
    at: datetime | None = None,
) -> Activity:
    activity = await repository.add_activity(correspondence, type, actor, text, at or clock.now())
    if type in EVENT_TYPES:
        message = event_message(activity, correspondence)

        async def publish() -> None:
            await event_bus.publish(message)

        after_commit(publish)
    return activity


async def record_many(correspondences: list[Correspondence], type: ActivityType, at: datetime) -> None:
    """The same activity (one a correspondence has at most once, such as PUBLISHED) for a batch: one insert, one
    read of the ids the events carry, and the batch's events in one publish after commit."""
    activities = [repository.Activity(correspondence_id=c.id, type=type, occurred_at=at) for c in correspondences]
    await repository.add_activities(activities)
    if type not in EVENT_TYPES:
        return
    ids = await repository.activity_ids([c.id for c in correspondences], type)
    for activity, correspondence in zip(activities, correspondences, strict=True):
        activity.id = ids[correspondence.id]
    messages = [event_message(a, c) for a, c in zip(activities, correspondences, strict=True)]

    async def publish() -> None:
        await event_bus.publish_many(messages)

    after_commit(publish)


async def record_each(entries: list[tuple[Correspondence, ActivityType, str | None, datetime]]) -> None:
    """One activity per entry (correspondence, type, text, time), by no actor: one insert for all, and their
    events in one publish after commit."""
    activities = [
        repository.Activity(correspondence_id=c.id, type=type, occurred_at=at, actor=None, text=text)
        for c, type, text, at in entries
    ]
    await repository.add_activities_with_ids(activities)
    messages = [
        event_message(activity, correspondence)
        for activity, (correspondence, *_) in zip(activities, entries, strict=True)
        if activity.type in EVENT_TYPES
    ]
    if not messages:
        return

    async def publish() -> None:
        await event_bus.publish_many(messages)

    after_commit(publish)


def event_message(activity: Activity, correspondence: Correspondence) -> event_bus.EventMessage:
    """The bus message of an event: what every process needs to judge who may receive it."""
    return event_bus.EventMessage(
        id=activity.id,
        type=activity.type.value,
        occurred_at=activity.occurred_at.isoformat(),
        correspondence_id=str(correspondence.id),
        recipient=correspondence.recipient,
        sender=correspondence.sender,
        resource_id=correspondence.resource_id,
        is_confidential=correspondence.is_confidential,
    )
