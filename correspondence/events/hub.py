"""Live correspondence events (contract §7): one Redis listener per process, fanned out to local subscribers.

Access is judged for every event, in memory, from the process's access cache (`access.cache`), which the bus
invalidates when roles or delegations change. Each subscriber has a bounded queue: one that falls behind is
dropped, never waited for.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import Counter as MetricCounter
from prometheus_client import Gauge

from correspondence.access.cache import access_cache, access_of
from correspondence.access.grants import AccessScope
from correspondence.adapters import event_bus
from correspondence.adapters.event_bus import EventMessage
from correspondence.correspondence import repository as correspondence_repository
from correspondence.correspondence.statuses import ActivityType
from correspondence.events.audience import Audience

if TYPE_CHECKING:
    from correspondence.correspondence.repository import Correspondence

logger = logging.getLogger(__name__)

# Close codes beside strawberry's own (4403 for a refused or expired token).
CLOSE_TOO_SLOW = 1013  # "try again later": reconnect, with `since`, and read faster
CLOSE_INTERNAL = 1011

SUBSCRIBERS = Gauge("correspondence_event_subscribers", "Live event subscribers", multiprocess_mode="livesum")
DELIVERED = MetricCounter("correspondence_events_delivered_total", "Events queued for local subscribers")
DROPPED = MetricCounter("correspondence_event_subscribers_dropped_total", "Subscribers dropped", ["reason"])


class Event:
    """One event as delivered; its correspondence is read once for all local subscribers, when first needed (a
    standalone notification order's event has none)."""

    __slots__ = ("_loading", "message")

    def __init__(self, message: EventMessage, correspondence: Correspondence | None = None) -> None:
        self.message = message
        self._loading: asyncio.Future[Correspondence | None] | None = None
        if correspondence is not None:
            self._loading = asyncio.get_running_loop().create_future()
            self._loading.set_result(correspondence)

    @property
    def id(self) -> int:
        return self.message.id

    @property
    def type(self) -> ActivityType:
        return ActivityType(self.message.type)

    @property
    def occurred_at(self) -> datetime:
        return datetime.fromisoformat(self.message.occurred_at)

    async def correspondence(self) -> Correspondence | None:
        if self._loading is None:
            self._loading = asyncio.ensure_future(correspondence_repository.for_event(self.message.correspondence_id))
        # Shielded: one subscriber going away must not cancel the read the others wait for.
        return await asyncio.shield(self._loading)


class _Signal:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


CATCH_UP = _Signal("CATCH_UP")  # the bus was away: read what was missed from the database
CLOSED = _Signal("CLOSED")  # the server shuts down: end the stream


class SubscriberDropped(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


Item = Event | _Signal | SubscriberDropped
Disconnect = Callable[[int, str], None]


class Subscriber:
    def __init__(self, audience: Audience, capacity: int, disconnect: Disconnect | None) -> None:
        self.audience = audience
        self.capacity = capacity
        self.disconnect = disconnect
        # Unbounded underneath so that control signals always fit; `EventHub.offer` enforces the capacity.
        self.queue: asyncio.Queue[Item] = asyncio.Queue()


class EventHub:
    """The process's one listener on the event bus and its local subscribers."""

    def __init__(self, redis_url: str | None, queue_size: int) -> None:
        self.redis_url = redis_url
        self.queue_size = queue_size
        self.listening = False
        self._subscribers: set[Subscriber] = set()
        self._task: asyncio.Task[None] | None = None

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def start(self) -> None:
        if self.redis_url is not None:
            self._task = asyncio.create_task(self._listen(self.redis_url), name="event-bus-listener")

    async def stop(self) -> None:
        """End every subscription cleanly (each stream completes) and stop listening."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        self.listening = False
        for subscriber in list(self._subscribers):
            subscriber.queue.put_nowait(CLOSED)

    def add(self, audience: Audience, disconnect: Disconnect | None) -> Subscriber:
        subscriber = Subscriber(audience, self.queue_size, disconnect)
        self._subscribers.add(subscriber)
        SUBSCRIBERS.set(len(self._subscribers))
        return subscriber

    def remove(self, subscriber: Subscriber) -> None:
        if subscriber in self._subscribers:
            self._subscribers.discard(subscriber)
            SUBSCRIBERS.set(len(self._subscribers))

    async def _listen(self, redis_url: str) -> None:
        async for message in event_bus.listen(redis_url):
            try:
                await self.handle(message)
            except Exception:  # the listener must outlive any one bad message
                logger.exception("Event bus message %r could not be handled", message)

    async def handle(self, message: event_bus.BusMessage) -> None:
        if isinstance(message, EventMessage):
            await self.dispatch(message)
        elif isinstance(message, event_bus.AccessChanged):
            access_cache().invalidate(message.pid)
        elif isinstance(message, event_bus.Subscribed):
            self.listening = True
            for subscriber in list(self._subscribers):
                subscriber.queue.put_nowait(CATCH_UP)
        else:
            self.listening = False

    async def dispatch(self, message: EventMessage) -> None:
        event = Event(message)
        for subscriber in list(self._subscribers):
            audience = subscriber.audience
            try:
                scope = AccessScope() if audience.is_sender else await access_of(audience.actor)
            except Exception:
                logger.exception("Access of a subscriber could not be loaded; dropping it")
                self.drop(subscriber, CLOSE_INTERNAL, "Access could not be checked; reconnect with since.")
                continue
            if audience.sees(message, scope):
                self.offer(subscriber, event)

    def offer(self, subscriber: Subscriber, event: Event) -> None:
        if subscriber.queue.qsize() >= subscriber.capacity:
            reason = f"Too slow: more than {subscriber.capacity} events waited; reconnect with since."
            self.drop(subscriber, CLOSE_TOO_SLOW, reason)
            return
        subscriber.queue.put_nowait(event)
        DELIVERED.inc()

    def drop(self, subscriber: Subscriber, code: int, reason: str) -> None:
        """Stop delivering to a subscriber and disconnect it, without waiting for it."""
        self.remove(subscriber)
        DROPPED.labels("too_slow" if code == CLOSE_TOO_SLOW else "error").inc()
        subscriber.queue.put_nowait(SubscriberDropped(code, reason))
        if subscriber.disconnect is not None:
            subscriber.disconnect(code, reason)


_hub: EventHub | None = None


def use_hub(hub: EventHub | None) -> None:
    """Make `hub` this process's event hub (the API's lifespan does)."""
    global _hub
    _hub = hub


def running_hub() -> EventHub | None:
    return _hub


def current_hub() -> EventHub:
    if _hub is None:
        raise RuntimeError("Live events are not running in this process")
    return _hub
