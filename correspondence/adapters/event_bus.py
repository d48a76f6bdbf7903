"""Correspondence events over Redis pub/sub, so subscribers on any API process hear what any process caused.

A message carries what a subscriber needs to decide who may see the event without a database round trip;
the activity row in the database stays the truth (replay with `since` reads it). A second channel tells every
API process that someone's access changed, so cached access is reloaded before the next event is judged.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from correspondence.adapters import queue

logger = logging.getLogger(__name__)

EVENTS = "events"
ACCESS_CHANGED = "access-changed"
ALL_PARTIES = "*"  # an access change that concerns everybody (a bulk import, an organization's parent)

# An idle subscription pings Redis this often, so a silently dead connection is noticed and replaced.
_IDLE_PING_SECONDS = 15.0
_RECONNECT_DELAYS = (0.1, 0.5, 1.0, 2.0, 5.0)


def channel(name: str, db: int) -> str:
    """Pub/sub ignores Redis database numbers: the number goes into the channel name, so that deployments (and
    test runs) sharing one Redis on different databases do not hear each other's events."""
    return f"correspondence:{db}:{name}"


def _db_of(client: Redis) -> int:
    return int(client.connection_pool.connection_kwargs.get("db", 0))


@dataclass(frozen=True, slots=True)
class EventMessage:
    id: int  # the activity id: ordered, the event id subscribers resume from
    type: str
    occurred_at: str  # ISO 8601, UTC
    correspondence_id: str | None  # None: a standalone notification order's event
    recipient: str | None  # the correspondence's recipient; for a standalone order, the party notified, if known
    sender: str  # the correspondence's sender, or the ordering organization
    resource_id: str | None  # None only for a standalone order that names no resource
    is_confidential: bool
    notification_order_id: str | None = None  # the order of a notification's outcome

    def encode(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def decode(cls, raw: str | bytes) -> EventMessage:
        return cls(**json.loads(raw))


@dataclass(frozen=True, slots=True)
class AccessChanged:
    """The roles or delegations of one person (national identity number), or of everybody (`ALL_PARTIES`)."""

    pid: str


@dataclass(frozen=True, slots=True)
class Subscribed:
    """The listener is (again) subscribed: anything published while it was not has to be read from the database."""


@dataclass(frozen=True, slots=True)
class Disconnected:
    """The connection to Redis is lost; the listener keeps trying to reconnect."""

    reason: str


BusMessage = EventMessage | AccessChanged | Subscribed | Disconnected


async def publish(message: EventMessage) -> None:
    pool = queue.pool()
    await pool.publish(channel(EVENTS, _db_of(pool)), message.encode())


async def publish_many(messages: list[EventMessage]) -> None:
    """A batch's events in one round trip (a pipeline), in order."""
    pool = queue.pool()
    name = channel(EVENTS, _db_of(pool))
    async with pool.pipeline(transaction=False) as pipe:
        for message in messages:
            pipe.publish(name, message.encode())
        await pipe.execute()


async def publish_access_changed(pid: str) -> None:
    pool = queue.pool()
    await pool.publish(channel(ACCESS_CHANGED, _db_of(pool)), pid)


def _decode(name: str, data: bytes) -> BusMessage | None:
    try:
        if name.endswith(ACCESS_CHANGED):
            return AccessChanged(data.decode())
        return EventMessage.decode(data)
    except (ValueError, TypeError):
        logger.error("Ignoring a malformed message on %s: %r", name, data[:200])
        return None


async def listen(redis_url: str) -> AsyncIterator[BusMessage]:
    """Every message on both channels, over one dedicated connection, for as long as the caller iterates.

    A lost connection is re-established with backoff; `Subscribed` follows every (re)subscription, because
    messages published in between are gone from pub/sub (not from the database).
    """
    failures = 0
    while True:
        try:
            async for message in _subscription(redis_url):
                failures = 0
                yield message
        except (RedisConnectionError, RedisTimeoutError, OSError) as error:
            delay = _RECONNECT_DELAYS[min(failures, len(_RECONNECT_DELAYS) - 1)]
            failures += 1
            logger.warning("Event bus connection lost (%s); reconnecting in %.1f s", error, delay)
            yield Disconnected(str(error))
            await asyncio.sleep(delay)


async def _subscription(redis_url: str) -> AsyncIterator[BusMessage]:
    client = Redis.from_url(redis_url, socket_connect_timeout=2)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(channel(EVENTS, _db_of(client)), channel(ACCESS_CHANGED, _db_of(client)))
        yield Subscribed()
        while True:
            message = await pubsub.get_message(timeout=_IDLE_PING_SECONDS)
            if message is None:
                await pubsub.ping()  # a dead connection fails here instead of waiting forever
            elif message["type"] == "message":
                decoded = _decode(message["channel"].decode(), message["data"])
                if decoded is not None:
                    yield decoded
    finally:
        await pubsub.aclose()
        await client.aclose()
