"""Replaying the activity log for a subscription: what happened after an event id, for this audience only."""

from __future__ import annotations

from collections.abc import AsyncIterator

from correspondence.access.grants import AccessScope
from correspondence.correspondence import repository
from correspondence.correspondence.timeline import event_message
from correspondence.events.audience import Audience
from correspondence.events.hub import Event

REPLAY_BATCH = 500


async def replay(audience: Audience, scope: AccessScope, after: int) -> AsyncIterator[Event]:
    """The events after `after` that the audience may see, in id order, read in batches."""
    readable = repository.events_readable_by(audience.actor, audience.readable(scope))
    while True:
        rows = await repository.replay_page(readable, after, REPLAY_BATCH)
        for logged in rows:
            yield Event(event_message(logged), logged.correspondence)
        if len(rows) < REPLAY_BATCH:
            return
        after = rows[-1].activity.id
