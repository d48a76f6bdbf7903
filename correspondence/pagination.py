"""Keyset pagination: a cursor is an opaque encoding of the sort value and the id of the last row seen.

Offsets drift when an inbox gains rows at its head; a keyset cursor names a position in the order itself, so
pages stay stable with ties (the id breaks them) and with concurrent inserts.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

import orjson
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from correspondence.errors import BadUserInput

M = TypeVar("M", bound=Model)
MAX_PAGE_SIZE = 100


@dataclass(frozen=True, slots=True)
class Page(Generic[M]):
    rows: list[M]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool


def _encode_value(value: Any) -> Any:
    return {"t": value.isoformat()} if isinstance(value, datetime) else value


def _decode_value(value: Any) -> Any:
    return datetime.fromisoformat(value["t"]) if isinstance(value, dict) else value


def encode_cursor(sort_value: Any, row_id: Any) -> str:
    raw = orjson.dumps([_encode_value(sort_value), str(row_id)])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, row_id = orjson.loads(base64.urlsafe_b64decode(padded))
        return _decode_value(value), str(row_id)
    except (ValueError, TypeError, KeyError):
        raise BadUserInput.single("after", "Not a cursor of this connection.") from None


def page_size(first: int) -> int:
    if first < 0:
        raise BadUserInput.single("first", "Must not be negative.")
    return min(first, MAX_PAGE_SIZE)


async def keyset_page(
    queryset: QuerySet[M], sort_field: str, descending: bool, first: int, after: str | None
) -> Page[M]:
    size = page_size(first)
    ordered = queryset.order_by(f"-{sort_field}", "-id") if descending else queryset.order_by(sort_field, "id")
    if after is not None:
        value, row_id = decode_cursor(after)
        beyond = "lt" if descending else "gt"
        ordered = ordered.filter(
            Q(**{f"{sort_field}__{beyond}": value}) | Q(**{sort_field: value, f"id__{beyond}": row_id})
        )
    rows = list(await ordered.limit(size + 1))
    has_next = len(rows) > size
    rows = rows[:size]
    cursors = [encode_cursor(getattr(row, sort_field), row.pk) for row in rows]
    return Page(rows=rows, cursors=cursors, has_next_page=has_next, has_previous_page=after is not None)
