"""The `correspondenceEvents` subscription: authorise first (an `error` message), then stream."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context, Loaders
from correspondence.correspondence.types import CorrespondenceType
from correspondence.events import hub as events
from correspondence.events.audience import Audience, authorise, parse_since
from correspondence.events.hub import EventHub
from correspondence.events.stream import stream
from correspondence.events.types import CorrespondenceEventType, CorrespondenceEventTypeEnum


async def correspondence_events(
    info: Info[Context, Any], parties: list[str] | None = None, since: strawberry.ID | None = None
) -> AsyncGenerator[CorrespondenceEventType, None]:
    # A coroutine that returns the stream: what it raises becomes the subscription's `error` message.
    actor = info.context.require_actor()
    cursor = parse_since(since)
    hub = events.current_hub()
    audience = await authorise(actor, parties)
    return _events(info, hub, audience, cursor)


async def _events(
    info: Info[Context, Any], hub: EventHub, audience: Audience, since: int | None
) -> AsyncGenerator[CorrespondenceEventType, None]:
    async for event in stream(hub, audience, since, info.context.close_connection):
        correspondence = await event.correspondence()
        assert correspondence is not None  # the stream yields only what the audience can see
        # The websocket's context lives as long as the connection: loaders must not serve stale rows.
        info.context.loaders = Loaders()
        yield CorrespondenceEventType(
            id=strawberry.ID(str(event.id)),
            type=CorrespondenceEventTypeEnum(event.type.value),
            occurred_at=event.occurred_at,
            correspondence_id=strawberry.ID(event.message.correspondence_id),
            correspondence=CorrespondenceType.from_model(correspondence, as_sender=audience.is_sender),
        )
