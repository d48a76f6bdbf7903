"""Replaying the activity log for a subscription: what happened after an event id, for this audience only."""

from __future__ import annotations

from collections.abc import AsyncIterator

from correspondence.access.grants import AccessScope
from correspondence.adapters.event_bus import EventMessage
from correspondence.correspondence import repository
from correspondence.events.audience import Audience
from correspondence.events.hub import Event

REPLAY_BATCH = 500


async def replay(audience: Audience, scope: AccessScope, after: int) -> AsyncIterator[Event]:
    """The events after `after` that the audience may see, in id order, read in batches."""
    readable = repository.events_readable_by(audience.actor, audience.readable(scope))
    while True:
        rows = await repository.replay_page(readable, after, REPLAY_BATCH)
        for activity, correspondence in rows:
            message = EventMessage(
                id=activity.id,
                type=activity.type.value,
                occurred_at=activity.occurred_at.isoformat(),
                correspondence_id=str(correspondence.id),
                recipient=correspondence.recipient,
                sender=correspondence.sender,
                resource_id=correspondence.resource_id,
                is_confidential=correspondence.is_confidential,
            )
            yield Event(message, correspondence)
        if len(rows) < REPLAY_BATCH:
            return
        after = rows[-1][0].id
