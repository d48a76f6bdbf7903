"""Live correspondence events (contract §7): one Redis listener per process, fanned out to local subscribers.

Who sees what: recipients (persons and end-user systems) get PUBLISHED for correspondences in the inboxes
their access scope opens, the confidential rule included; senders (service owners) get every event about what
their organization sent. Access is judged for every event from a per-actor cache that the bus invalidates when
roles or delegations change. Each subscriber has a bounded queue: one that falls behind is dropped, never
waited for. `since` replays from the activity log first, then continues live without gaps or duplicates.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import Counter as MetricCounter
from prometheus_client import Gauge

from correspondence.access.actor import SCOPE_READ, SCOPE_WRITE, Actor, ActorKind
from correspondence.access.scope import AccessScope, access_scope
from correspondence.adapters import event_bus, queue
from correspondence.adapters.event_bus import EventMessage
from correspondence.correspondence import repository as correspondence_repository
from correspondence.correspondence.models import VISIBLE_TO_RECIPIENT, Correspondence
from correspondence.events.models import EVENT_TYPES, Activity, ActivityType
from correspondence.kit.errors import BadUserInput, Forbidden, InputErrors
from correspondence.kit.identifiers import InvalidIdentifier, parse_party
from correspondence.kit.unit_of_work import after_commit

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500
ACCESS_TTL_SECONDS = 60.0
MAX_EVENT_ID = 2**63 - 1

# Close codes beside strawberry's own (4403 for a refused or expired token).
CLOSE_TOO_SLOW = 1013  # "try again later": reconnect, with `since`, and read faster
CLOSE_INTERNAL = 1011

SUBSCRIBERS = Gauge("correspondence_event_subscribers", "Live event subscribers", multiprocess_mode="livesum")
DELIVERED = MetricCounter("correspondence_events_delivered_total", "Events queued for local subscribers")
DROPPED = MetricCounter("correspondence_event_subscribers_dropped_total", "Subscribers dropped", ["reason"])


# --- Who may see an event -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Audience:
    """One subscription's actor and the inboxes it follows (None: every inbox its access scope opens)."""

    actor: Actor
    parties: frozenset[str] | None = None

    @property
    def is_sender(self) -> bool:
        return self.actor.kind is ActorKind.SERVICE_OWNER

    def sees(self, message: EventMessage, scope: AccessScope) -> bool:
        if self.is_sender:
            return message.sender == self.actor.party
        if message.type != ActivityType.PUBLISHED.value:
            return False
        if self.parties is not None and message.recipient not in self.parties:
            return False
        return scope.can_read(message.recipient, message.resource_id, message.is_confidential)

    def can_see_now(self, correspondence: Correspondence | None) -> bool:
        """The correspondence as it is now: recipients never see what is purged (contract §3)."""
        if correspondence is None:
            return False
        return self.is_sender or correspondence.status in VISIBLE_TO_RECIPIENT


def parse_since(since: str | None) -> int | None:
    if since is None:
        return None
    text = since.strip()
    if not text.isdigit() or not text.isascii() or int(text) > MAX_EVENT_ID:
        raise BadUserInput.single("since", "Must be the id of an event received earlier (a non-negative integer).")
    return int(text)


def _parse_parties(parties: list[str] | None) -> list[str] | None:
    if parties is None:
        return None
    errors = InputErrors()
    if not parties:
        errors.add("parties", "Name at least one party, or leave the argument out to follow every inbox.")
    urns: list[str] = []
    for index, value in enumerate(parties):
        try:
            urns.append(parse_party(value).urn)
        except InvalidIdentifier as error:
            errors.add(f"parties.{index}", str(error))
    errors.raise_if_any()
    return urns


async def authorise(hub: EventHub, actor: Actor, parties: list[str] | None) -> Audience:
    """Who the subscription is for, or FORBIDDEN / BAD_USER_INPUT before anything is delivered."""
    urns = _parse_parties(parties)
    if actor.kind is ActorKind.SERVICE_OWNER:
        if not actor.has_scope(SCOPE_WRITE):
            raise Forbidden(f"A service owner follows what it sent with the scope {SCOPE_WRITE}.")
        foreign = sorted(set(urns or ()) - {actor.party})
        if foreign:
            raise Forbidden(f"A service owner follows only its own organization's correspondences, not {foreign[0]}.")
        return Audience(actor)
    if actor.kind not in (ActorKind.PERSON, ActorKind.SYSTEM) or not actor.has_scope(SCOPE_READ):
        raise Forbidden(f"Events are for recipients with the scope {SCOPE_READ} and for senders.")
    scope = await hub.access.scope(actor)
    unreadable = [p for p in urns or () if p not in scope.grants]
    if unreadable:
        raise Forbidden(f"You may not read the inbox of {unreadable[0]}.")
    return Audience(actor, frozenset(urns) if urns is not None else None)


class AccessCache:
    """Access scopes of subscribing actors, loaded once and dropped when the bus says that access changed.

    Entries also expire after `ttl` seconds: a change the bus never announced (an import run where Redis was
    unreachable, an invalidation published while Redis was away, a row changed by hand) still takes effect
    within that time.
    """

    def __init__(self, ttl: float = ACCESS_TTL_SECONDS) -> None:
        self.ttl = ttl
        self._scopes: dict[Actor, tuple[AccessScope, float]] = {}
        self._users: Counter[Actor] = Counter()
        self._generation = 0

    async def scope(self, actor: Actor) -> AccessScope:
        cached = self._scopes.get(actor)
        if cached is not None and time.monotonic() - cached[1] < self.ttl:
            return cached[0]
        generation = self._generation
        loaded_at = time.monotonic()
        scope = await access_scope(actor)
        # An invalidation that arrived while loading may concern what was just read: keep it uncached then.
        if generation == self._generation and self._users[actor]:
            self._scopes[actor] = (scope, loaded_at)
        return scope

    def hold(self, actor: Actor) -> None:
        self._users[actor] += 1

    def release(self, actor: Actor) -> None:
        self._users[actor] -= 1
        if self._users[actor] <= 0:
            del self._users[actor]
            self._scopes.pop(actor, None)

    def invalidate(self, pid: str) -> None:
        self._generation += 1
        if pid == event_bus.ALL_PARTIES:
            self._scopes.clear()
            return
        for actor in [a for a in self._scopes if a.national_identity_number == pid]:
            del self._scopes[actor]


def invalidate_access(pid: str | None = None) -> None:
    """Call in the unit of work that changes roles or delegations (or an organization's parent).

    `pid` is the person whose access changed; None means everybody's (a bulk import, a re-parented
    organization). After commit every API process drops its cached access and reloads it before judging the
    next event, so a revoked delegation stops delivery at once.
    """

    if not queue.is_connected():
        # A process without the queue (a command-line import with no Redis configured): there is no bus to
        # announce on, and subscribers' cached access expires within ACCESS_TTL_SECONDS.
        return

    async def announce() -> None:
        await event_bus.publish_access_changed(pid or event_bus.ALL_PARTIES)

    after_commit(announce)


# --- Events and subscribers -----------------------------------------------------------------------------------


class Event:
    """One event as delivered; its correspondence is read once for all local subscribers, when first needed."""

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
        self.access = AccessCache()
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
        self.access.hold(audience.actor)
        SUBSCRIBERS.set(len(self._subscribers))
        return subscriber

    def remove(self, subscriber: Subscriber) -> None:
        if subscriber in self._subscribers:
            self._subscribers.discard(subscriber)
            self.access.release(subscriber.audience.actor)
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
            self.access.invalidate(message.pid)
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
                scope = AccessScope() if audience.is_sender else await self.access.scope(audience.actor)
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


# --- A subscription's stream ----------------------------------------------------------------------------------


async def _replay(audience: Audience, scope: AccessScope, after: int) -> AsyncIterator[Event]:
    """What the activity log holds after `after` for this audience, in id order, read in batches."""
    while True:
        query = Activity.filter(id__gt=after, type__in=sorted(EVENT_TYPES)).select_related("correspondence")
        if audience.is_sender:
            query = query.filter(correspondence__sender=audience.actor.party)
        else:
            parties = sorted(scope.grants if audience.parties is None else audience.parties & set(scope.grants))
            query = query.filter(
                type=ActivityType.PUBLISHED,
                correspondence__recipient__in=parties,
                correspondence__status__in=VISIBLE_TO_RECIPIENT,
            )
        rows = await query.order_by("id").limit(REPLAY_BATCH)
        for row in rows:
            correspondence = row.correspondence
            message = EventMessage(
                id=row.id,
                type=row.type.value,
                occurred_at=row.occurred_at.isoformat(),
                correspondence_id=str(correspondence.id),
                recipient=correspondence.recipient,
                sender=correspondence.sender,
                resource_id=correspondence.resource_id,
                is_confidential=correspondence.is_confidential,
            )
            if audience.sees(message, scope):
                yield Event(message, correspondence)
        if len(rows) < REPLAY_BATCH:
            return
        after = rows[-1].id


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
            async for event in _replay(audience, await hub.access.scope(audience.actor), since):
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
                    async for event in _replay(audience, await hub.access.scope(audience.actor), cursor):
                        replayed.add(event.id)
                        cursor = max(cursor, event.id)
                        yield event
                continue
            assert isinstance(item, Event)
            if item.id in replayed or (since is not None and item.id <= since):
                continue
            if not audience.can_see_now(await item.correspondence()):
                continue
            cursor = max(cursor or 0, item.id)
            yield item
    finally:
        hub.remove(subscriber)
