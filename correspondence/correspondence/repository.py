"""Every correspondence query starts here, from what the actor may see.

Recipients: published, not purged, in an inbox their access scope opens (contract §2 and §3).
Senders: everything their organization sent. Nothing else reads correspondences for a caller.

The scope is a `db.Where` rather than a queryset: the inbox runs on every recipient request, and composing and
compiling its page and count through the ORM cost more than running them. Rows still become Tortoise models.
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from correspondence.access.actor import Actor
from correspondence.access.grants import AccessScope
from correspondence.access.sql import GrantColumns, readable_condition, sent_condition
from correspondence.correspondence.models import VISIBLE_TO_RECIPIENT, Correspondence
from correspondence.kit import db

NOTHING = db.Where().and_("FALSE")


def column_value(field: str, value: Any) -> Any:
    """`value` as Tortoise stores it in `field`'s column, so comparisons see what is stored (SQLite keeps
    datetimes as UTC text)."""
    return Correspondence._meta.fields_map[field].to_db_value(value, Correspondence)


def _column(name: str, table: str | None) -> str:
    """A quoted column, qualified by `table` in statements that join others."""
    return f'"{name}"' if table is None else f'"{table}"."{name}"'


def readable_by_recipient(access: AccessScope, table: str | None = None) -> db.Where:
    """Published, not purged, and opened by one of the access scope's grants."""
    columns = GrantColumns(
        _column("recipient", table), _column("resource_id", table), _column("is_confidential", table)
    )
    condition = readable_condition(access, columns)
    if condition is None:
        return NOTHING
    sql, values = condition
    return db.Where().and_in(_column("status", table), [s.value for s in VISIBLE_TO_RECIPIENT]).and_(sql, *values)


def sent_by(actor: Actor, table: str | None = None) -> db.Where:
    condition = sent_condition(actor, _column("sender", table))
    if condition is None:
        return NOTHING
    sql, values = condition
    return db.Where().and_(sql, *values)


def parse_id(value: str) -> UUID | None:
    """Correspondence ids are UUIDs; anything else is an id that does not exist."""
    try:
        return UUID(str(value))
    except ValueError:
        return None


async def count(where: db.Where) -> int:
    sql = f'SELECT count(*) FROM "correspondence" WHERE {where.sql}'
    ((total,),) = await db.fetch_raw(Correspondence, sql, where.values)
    return int(total)


async def _get(scope: db.Where, correspondence_id: str) -> Correspondence | None:
    uuid = parse_id(correspondence_id)
    if uuid is None:
        return None
    where = scope.and_('"id" = ?', column_value("id", uuid))
    found = await db.select_models(Correspondence, where.sql, where.values)
    return found[0] if found else None


async def get_for_recipient(access: AccessScope, correspondence_id: str) -> Correspondence | None:
    return await _get(readable_by_recipient(access), correspondence_id)


async def get_for_sender(actor: Actor, correspondence_id: str) -> Correspondence | None:
    return await _get(sent_by(actor), correspondence_id)


def _search_terms(text: str) -> list[str]:
    # Only word characters: no tsquery or FTS5 syntax of the user's survives into the search query.
    return [term[:64] for term in re.findall(r"\w+", text.casefold())[:12]]


def matching(scope: db.Where, text: str, *, within_inboxes: bool) -> db.Where:
    """Full-text search over title, summary and body; every word must match, each also as a prefix.

    `within_inboxes`: the scope is a few recipients' inboxes. PostgreSQL then filters those rows directly:
    left to itself, the planner underestimates prefix matches and ANDs the GIN index (hundreds of thousands of
    entries for a common prefix, ~40 ms on 1M rows) with the mailbox's few thousand rows (~2 ms).
    """
    terms = _search_terms(text)
    if not terms:
        return scope
    if Correspondence._meta.db.capabilities.dialect == "postgres":
        # `|| ''::tsvector` is the same vector, but an expression the GIN index cannot serve. The sub-select
        # parses the query once: a prepared statement's generic plan would otherwise parse it again for every row.
        vector = "(\"search_vector\" || ''::tsvector)" if within_inboxes else '"search_vector"'
        query = " & ".join(f"{term}:*" for term in terms)
        return scope.and_(f"{vector} @@ (SELECT to_tsquery('norwegian', ?))", query)
    return scope.and_(
        '"rowid" IN (SELECT rowid FROM correspondence_fts WHERE correspondence_fts MATCH ?)',
        " ".join(f'"{term}"*' for term in terms),
    )
