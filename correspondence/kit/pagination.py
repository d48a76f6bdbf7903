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
from tortoise.fields import Field
from tortoise.models import Model

from correspondence.kit import sql
from correspondence.kit.errors import BadUserInput

M = TypeVar("M", bound=Model)
MAX_PAGE_SIZE = 100
NOT_A_CURSOR = "Not a cursor of this connection."


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
    """The sort value and row id of a cursor in exactly the form `encode_cursor` gives: any other text, even
    one that decodes to the same values, was not handed out by a connection."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value, row_id = orjson.loads(base64.urlsafe_b64decode(padded))
        decoded = _decode_value(value), row_id
    except (ValueError, TypeError, KeyError):
        raise BadUserInput.single("after", NOT_A_CURSOR) from None
    if not isinstance(row_id, str) or encode_cursor(*decoded) != cursor:
        raise BadUserInput.single("after", NOT_A_CURSOR)
    return decoded


def page_size(first: int) -> int:
    if first < 0:
        raise BadUserInput.single("first", "Must not be negative.")
    return min(first, MAX_PAGE_SIZE)


def _storable(field: Field[Any], value: Any) -> bool:
    """Whether a row could hold `value` in `field`: a sort column is never null, its datetimes are aware, and
    its text fits the column (PostgreSQL text holds no NUL)."""
    if not isinstance(value, field.field_type):
        return False
    if isinstance(value, datetime):
        return value.tzinfo is not None
    if isinstance(value, str):
        return "\x00" not in value and len(value) <= (getattr(field, "max_length", None) or len(value))
    return True


def _position(sort: sql.Column, pk: sql.Column, cursor: str) -> tuple[Any, Any]:
    """A cursor's sort value and row id as the columns store them; a cursor of another order is bad input."""
    value, row_id = decode_cursor(cursor)
    fields = sort.model._meta.fields_map
    if not _storable(fields[sort.field], value):
        raise BadUserInput.single("after", NOT_A_CURSOR)
    try:
        return (
            sort.to_db(fields[sort.field].to_python_value(value)),
            pk.to_db(fields[pk.field].to_python_value(row_id)),
        )
    except (ValueError, TypeError, OverflowError):  # OverflowError: a datetime beyond the range in UTC
        raise BadUserInput.single("after", NOT_A_CURSOR) from None


async def keyset_page(
    model: type[M], where: sql.Where, sort: sql.Column, descending: bool, first: int, after: str | None
) -> Page[M]:
    """One page of `model`s matching `where`, ordered by the `sort` column (non-null) and then the primary key."""
    size = page_size(first)
    pk = sql.Column.of(model, model._meta.pk_attr)
    if after is not None:
        value, row_id = _position(sort, pk, after)
        beyond = "<" if descending else ">"
        # A row comparison, not `sort < ? OR (sort = ? AND pk < ?)`: PostgreSQL makes it the index condition of a
        # (…, sort, pk) index, so a deep page starts at its cursor instead of walking every row before it.
        where = where.and_(f"({sort.sql}, {pk.sql}) {beyond} (?, ?)", value, row_id)
    rows = await sql.select_models(model, where, order_by=sql.OrderBy((sort, pk), descending), limit=size + 1)
    cursors = [encode_cursor(getattr(row, sort.field), row.pk) for row in rows[:size]]
    return Page(rows[:size], cursors, has_next_page=len(rows) > size, has_previous_page=after is not None)
