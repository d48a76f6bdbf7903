"""The `correspondenceEvents` subscription: authorise first (an `error` message), then stream."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context, Loaders
from correspondence.correspondence.types import CorrespondenceType
from correspondence.events import hub as events
from correspondence.events.audience import Audience, authorise, parse_since
from correspondence.events.hub import EventHub
from correspondence.events.stream import stream
from correspondence.events.types import CorrespondenceEventType, CorrespondenceEventTypeEnum
from correspondence.notification.orders import visible_order
from correspondence.notification.types import NotificationOrderType

if TYPE_CHECKING:
    from correspondence.notification.models import NotificationOrder


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
        # The stream yields only what the audience can see: an event about a correspondence comes with it.
        assert correspondence is not None or event.message.correspondence_id is None
        order = await _order_of(audience, event.message.notification_order_id)
        # The websocket's context lives as long as the connection: loaders must not serve stale rows.
        info.context.loaders = Loaders()
        yield CorrespondenceEventType(
            id=strawberry.ID(str(event.id)),
            type=CorrespondenceEventTypeEnum(event.type.value),
            occurred_at=event.occurred_at,
            correspondence_id=strawberry.ID(str(correspondence.id)) if correspondence is not None else None,
            correspondence=CorrespondenceType.from_model(correspondence, as_sender=audience.is_sender)
            if correspondence is not None
            else None,
            notification_order=NotificationOrderType.from_model(order) if order is not None else None,
        )


async def _order_of(audience: Audience, order_id: str | None) -> NotificationOrder | None:
    """The notification order of a notification's outcome, if the subscriber may read it (its ordering
    organization: recipients never see notification events, nor anyone's orders)."""
    if order_id is None:
        return None
    return await visible_order(audience.actor, order_id)
