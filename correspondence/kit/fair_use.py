"""The fair-use limits' configuration (design §15): `CORRESPONDENCE_RATE_LIMITS`, parsed and checked at start.

Counting them is `adapters.rate_limits`'s work; this module only reads the setting, so the settings can refuse a
bad one before anything starts.
"""

from __future__ import annotations

from enum import StrEnum

from limits import RateLimitItem, parse

SETTING = "CORRESPONDENCE_RATE_LIMITS"


class LimitClass(StrEnum):
    SEND = "send"  # recipients of sendCorrespondence
    ORDER = "order"  # recipients of createNotificationOrder
    GRAPHQL = "graphql"  # requests (GraphQL operations and authenticated plain routes)


DEFAULT_RATE_LIMITS = "send=60000/minute;order=60000/minute;graphql=100/second"


def parse_rate_limits(text: str) -> dict[LimitClass, RateLimitItem]:
    """`class=amount/period;…` (a class left out keeps its default); anything else is refused with a message that
    names the setting, so the service does not start on a limit it misread."""
    limits = _parse(DEFAULT_RATE_LIMITS)
    limits.update(_parse(text))
    return limits


def _parse(text: str) -> dict[LimitClass, RateLimitItem]:
    parsed: dict[LimitClass, RateLimitItem] = {}
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        name, separator, value = (piece.strip() for piece in entry.partition("="))
        if not separator or name not in LimitClass.__members__.values():
            raise ValueError(
                f"{SETTING}: {entry!r} is not class=limit with class one of {', '.join(LimitClass)} "
                f"(e.g. {DEFAULT_RATE_LIMITS})"
            )
        if LimitClass(name) in parsed:
            raise ValueError(f"{SETTING}: {name} is given twice")
        try:
            parsed[LimitClass(name)] = parse(value)
        except ValueError:
            raise ValueError(f"{SETTING}: {value!r} is not a limit such as 100/second or 60000/minute") from None
    return parsed
