"""The timeline (activity log): every state change of a correspondence appends one entry, and so does every outcome
of a standalone notification order's notification (no correspondence); events go out after commit."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from correspondence.adapters import event_bus
from correspondence.correspondence import repository
from correspondence.correspondence.repository import LoggedActivity, OrderFacts
from correspondence.correspondence.statuses import EVENT_TYPES, ActivityType
from correspondence.kit import clock
from correspondence.kit.unit_of_work import after_commit

if TYPE_CHECKING:
    from correspondence.correspondence.repository import Activity, Correspondence
    from correspondence.notification.hooks import Outcome


async def record(
    correspondence: Correspondence,
    type: ActivityType,
    actor: str | None,
    text: str | None = None,
    at: datetime | None = None,
) -> Activity:
    activity = await repository.add_activity(correspondence, type, actor, text, at or clock.now())
    if type in EVENT_TYPES:
        _publish_after_commit([event_message(LoggedActivity(activity, correspondence))])
    return activity


async def record_notification_outcomes(outcomes: list[Outcome]) -> None:
    """Notifications' NOTIFICATION_SENT and NOTIFICATION_FAILED, by no actor, in one insert: on their letters'
    timelines, or, for a standalone order (no letter), in the activity log alone, where they are the ordering
    organization's events (contract §11). Their events go out in one publish after commit."""
    if not outcomes:
        return
    activities = [
        repository.Activity(
            correspondence_id=outcome.correspondence.id if outcome.correspondence is not None else None,
            notification_order_id=outcome.order.id,
            notification_id=outcome.notification.id,
            type=ActivityType.NOTIFICATION_SENT if outcome.sent else ActivityType.NOTIFICATION_FAILED,
            occurred_at=outcome.at,
            actor=None,
            text=outcome.text,
        )
        for outcome in outcomes
    ]
    await repository.add_activities_with_ids(activities)
    logged = [
        LoggedActivity(activity, o.correspondence, OrderFacts.of(o.order), o.notification.recipient)
        for activity, o in zip(activities, outcomes, strict=True)
    ]
    _publish_after_commit([event_message(entry) for entry in logged])


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
    _publish_after_commit(
        [event_message(LoggedActivity(a, c)) for a, c in zip(activities, correspondences, strict=True)]
    )


def _publish_after_commit(messages: list[event_bus.EventMessage]) -> None:
    async def publish() -> None:
        if len(messages) == 1:
            await event_bus.publish(messages[0])
        else:
            await event_bus.publish_many(messages)

    after_commit(publish)


def event_message(logged: LoggedActivity) -> event_bus.EventMessage:
    """The bus message of an event: what every process needs to judge who may receive it. A standalone order's
    event (no correspondence) carries its ordering organization as the sender, the party notified (where known) as
    the recipient, and the order's resource (where named)."""
    activity, correspondence, order = logged.activity, logged.correspondence, logged.order
    order_id = str(order.id) if order is not None else None
    if correspondence is not None:
        return event_bus.EventMessage(
            id=activity.id,
            type=activity.type.value,
            occurred_at=activity.occurred_at.isoformat(),
            correspondence_id=str(correspondence.id),
            recipient=correspondence.recipient,
            sender=correspondence.sender,
            resource_id=correspondence.resource_id,
            is_confidential=correspondence.is_confidential,
            notification_order_id=order_id,
        )
    if order is None:
        raise ValueError(f"Activity {activity.id} has neither a correspondence nor a notification order")
    return event_bus.EventMessage(
        id=activity.id,
        type=activity.type.value,
        occurred_at=activity.occurred_at.isoformat(),
        correspondence_id=None,
        recipient=logged.notified,
        sender=order.creator,
        resource_id=order.resource_id,
        is_confidential=False,
        notification_order_id=order_id,
    )
