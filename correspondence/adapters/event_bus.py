"""Correspondence events over Redis pub/sub, so subscribers on any API process hear what any process caused.

A message carries what a subscriber needs to decide who may see the event without a database round trip;
the activity row in the database stays the truth (replay with `since` reads it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from correspondence.adapters import queue

CHANNEL = "correspondence:events"


@dataclass(frozen=True, slots=True)
class EventMessage:
    id: int  # the activity id: ordered, the event id subscribers resume from
    type: str
    correspondence_id: str
    recipient: str
    sender: str
    resource_id: str
    is_confidential: bool

    def encode(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def decode(cls, raw: str | bytes) -> EventMessage:
        return cls(**json.loads(raw))


async def publish(message: EventMessage) -> None:
    await queue.pool().publish(CHANNEL, message.encode())
