"""A subscription's stream: the replay after `since`, then live events, none twice, none missed."""

from __future__ import annotations

from collections.abc import AsyncIterator

from correspondence.access.cache import access_of
from correspondence.events.audience import Audience
from correspondence.events.hub import CATCH_UP, CLOSED, Disconnect, Event, EventHub, SubscriberDropped
from correspondence.events.replay import replay


async def stream(
    hub: EventHub, audience: Audience, since: int | None, disconnect: Disconnect | None
) -> AsyncIterator[Event]:
    """Replay after `since`, then live events; each visible to the audience, none twice, none missed.

    The subscriber registers before the replay reads, so whatever is published meanwhile waits in its queue;
    queued events that the replay already yielded are skipped. Ids are compared as a set, not by order: a
    transaction that committed late may publish an id lower than one already replayed.
    """
    subscriber = hub.add(audience, disconnect)
    try:
        replayed: set[int] = set()
        cursor = since  # the highest id delivered; a catch-up replays after it
        if since is not None:
            async for event in replay(audience, await access_of(audience.actor), since):
                replayed.add(event.id)
                cursor = max(cursor or 0, event.id)
                yield event
        while True:
            item = await subscriber.queue.get()
            if item is CLOSED:
                return
            if isinstance(item, SubscriberDropped):
                raise item
            if item is CATCH_UP:
                if cursor is not None:
                    async for event in replay(audience, await access_of(audience.actor), cursor):
                        replayed.add(event.id)
                        cursor = max(cursor, event.id)
                        yield event
                continue
            assert isinstance(item, Event)
            if item.id in replayed or (since is not None and item.id <= since):
                continue
            if not audience.can_see_now(item.message, await item.correspondence()):
                continue
            cursor = max(cursor or 0, item.id)
            yield item
    finally:
        hub.remove(subscriber)
