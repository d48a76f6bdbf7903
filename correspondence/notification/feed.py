"""The status feed (contract §11 `notificationStatusFeed`): what a sender's system polls instead of asking for each
order — every change of a notification's result and every order reaching a final status, in commit-safe order.

The cursor is opaque to clients: the reader's organization and its position, in one canonical encoding. A cursor
another organization was given, or one no feed handed out, is bad input naming `after`.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import orjson

from correspondence.access.actor import Actor
from correspondence.kit.errors import BadUserInput
from correspondence.notification import repository
from correspondence.notification.repository import FeedPage, FeedPosition

MAX_FIRST = 500
NOT_A_CURSOR = "Not a cursor of this feed."


@dataclass(frozen=True, slots=True)
class Feed:
    page: FeedPage
    cursor: str


def encode_cursor(party: str, position: FeedPosition) -> str:
    raw = orjson.dumps([party, position.txid, position.sequence])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(party: str, cursor: str) -> FeedPosition:
    try:
        owner, txid, sequence = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, TypeError):
        raise BadUserInput.single("after", NOT_A_CURSOR) from None
    if not (isinstance(txid, int) and isinstance(sequence, int) and 0 <= txid < 2**63 and 0 <= sequence < 2**63):
        raise BadUserInput.single("after", NOT_A_CURSOR)
    position = FeedPosition(txid, sequence)
    if owner != party or encode_cursor(party, position) != cursor:  # foreign, or not in the form we hand out
        raise BadUserInput.single("after", NOT_A_CURSOR)
    return position


async def status_feed(actor: Actor, after: str | None, first: int) -> Feed:
    if not 1 <= first <= MAX_FIRST:
        raise BadUserInput.single("first", f"Must be between 1 and {MAX_FIRST}.")
    party = actor.party or ""
    position = FeedPosition() if after is None else decode_cursor(party, after)
    page = await repository.feed_page(actor, position, first)
    return Feed(page, encode_cursor(party, page.position))
