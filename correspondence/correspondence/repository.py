"""Every correspondence query starts here; every read made for a caller starts from what the actor may see.

Recipients: published, not purged, in an inbox their access scope opens (contract §2 and §3).
Senders: everything their organization sent. Nothing else reads correspondences for a caller; the functions at
the end serve services acting on what such a read returned, and jobs and sweeps, which act for no caller.
The correspondence, status-history and activity models are imported here and by jobs only; other modules get the
entity types from this module and the statuses from `statuses`.

A caller's replay of events starts from `events_readable_by`: the access rule's SQL form over the correspondences
the activities belong to. Recipients replay PUBLISHED of the inboxes they read (published, not purged); senders
everything about what they sent, and the events of the standalone notification orders their organization created
(activities without a correspondence, judged by the order's creator).

The scope is a `sql.Where` rather than a queryset: the inbox runs on every recipient request, and composing and
compiling its page and count through the ORM cost more than running them. Rows still become Tortoise models.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.access.sql import GrantColumns, ordered_condition, readable_condition, sent_condition
from correspondence.correspondence.models import Activity as Activity
from correspondence.correspondence.models import Correspondence as Correspondence
from correspondence.correspondence.models import CorrespondenceStatusEntry as CorrespondenceStatusEntry
from correspondence.correspondence.models import Forwarding as Forwarding
from correspondence.correspondence.models import InboxCounter
from correspondence.correspondence.statuses import (
    EVENT_TYPES,
    PURGED,
    VISIBLE_TO_RECIPIENT,
    ActivityType,
    CorrespondenceStatus,
    ForwardingStatus,
)
from correspondence.kit import sql
from correspondence.kit.pagination import Page, keyset_page
from correspondence.kit.turns import TURN
from correspondence.notification.models import Notification as Notification
from correspondence.notification.models import NotificationOrder as NotificationOrder

NOTHING = sql.NOTHING
# What a caller may read, narrowed by filters: the start of every page and count of correspondences.
Scope = sql.Where


def _column(field: str, alias: str | None = None) -> sql.Column:
    return sql.Column.of(Correspondence, field, alias=alias)


ID, RECIPIENT, SENDER, STATUS = _column("id"), _column("recipient"), _column("sender"), _column("status")
PUBLISH_AT = _column("publish_at")


class OrderField(StrEnum):
    PUBLISHED = "PUBLISHED"
    SENDER = "SENDER"
    RESOURCE = "RESOURCE"
    TITLE = "TITLE"
    DUE = "DUE"


# Every sort column is non-null and indexed with its scope, so a keyset cursor has a total order.
SORT_COLUMNS = {
    OrderField.PUBLISHED: PUBLISH_AT,
    OrderField.SENDER: _column("sender_name"),
    OrderField.RESOURCE: _column("resource_id"),
    OrderField.TITLE: _column("message_title"),
    OrderField.DUE: _column("sort_due"),
}


def readable_by_recipient(access: AccessScope, alias: str | None = None) -> sql.Where:
    """Published, not purged, and opened by one of the access scope's grants (`alias`: in a join)."""
    columns = GrantColumns(
        _column("recipient", alias), _column("resource_id", alias), _column("is_confidential", alias)
    )
    found = readable_condition(access, columns)
    if found is None:
        return NOTHING
    condition, values = found
    visible = sql.Where().and_in(_column("status", alias), [s.value for s in VISIBLE_TO_RECIPIENT])
    return visible.and_(condition, *values)


def sent_by(actor: Actor, alias: str | None = None) -> sql.Where:
    """What a service owner sent; nothing for anyone else."""
    found = sent_condition(actor, _column("sender", alias))
    if found is None:
        return NOTHING
    condition, values = found
    return sql.Where().and_(condition, *values)


def with_content_shown_to_sender(scope: sql.Where) -> sql.Where:
    """Only the letters whose content their sender still sees: not published, not purged (contract §3).

    Search and title order read the content: over published letters they would tell the sender, match by match
    and cursor by cursor, what it may no longer read.
    """
    return scope.and_(f"{_column('published').sql} IS NULL").and_compare(_column("content_purged"), "=", False)


def parse_id(value: str) -> UUID | None:
    """Correspondence ids are UUIDs; anything else is an id that does not exist."""
    try:
        return UUID(str(value))
    except ValueError:
        return None


def to_recipients(scope: sql.Where, recipients: list[str]) -> sql.Where:
    return scope.and_in(RECIPIENT, recipients)


@dataclass(frozen=True)
class Narrowing:
    """What an inbox filter keeps of a scope, its values already parsed (contract §8 `CorrespondenceFilter`)."""

    resource_ids: Sequence[str] | None = None
    statuses: Sequence[CorrespondenceStatus] | None = None
    sender: str | None = None
    published_from: datetime | None = None
    published_to: datetime | None = None
    unread: bool | None = None
    archived: bool | None = None
    senders_reference: str | None = None


def narrowed(scope: sql.Where, by: Narrowing) -> sql.Where:
    if by.resource_ids is not None:
        scope = scope.and_in(_column("resource_id"), by.resource_ids)
    if by.statuses is not None:
        scope = scope.and_in(STATUS, [status.value for status in by.statuses])
    if by.sender is not None:
        scope = scope.and_compare(SENDER, "=", by.sender)
    if by.published_from is not None:
        scope = scope.and_compare(PUBLISH_AT, ">=", by.published_from)
    if by.published_to is not None:
        scope = scope.and_compare(PUBLISH_AT, "<", by.published_to)
    if by.unread is not None:
        scope = scope.and_compare(_column("is_read"), "=", not by.unread)
    if by.archived is not None:
        scope = scope.and_compare(_column("is_archived"), "=", by.archived)
    if by.senders_reference is not None:
        scope = scope.and_compare(_column("senders_reference"), "=", by.senders_reference)
    return scope


async def count(where: sql.Where) -> int:
    return await sql.count(Correspondence, where)


@dataclass(frozen=True, slots=True)
class InboxCounts:
    total: int
    unread: int
    awaiting_confirmation: int


async def counts_by_recipient(access: AccessScope) -> dict[str, InboxCounts]:
    """Per inbox the access scope opens: its letters, those not read, and those awaiting a needed confirmation.

    Read from the trigger-kept counters (one row per recipient, resource and confidentiality), judged by the
    same access rule as the letters: a few rows per inbox, not a pass over a mailbox of 100,000."""
    columns = GrantColumns(
        sql.Column.of(InboxCounter, "recipient"),
        sql.Column.of(InboxCounter, "resource_id"),
        sql.Column.of(InboxCounter, "is_confidential"),
    )
    found = readable_condition(access, columns)
    if found is None:
        return {}
    condition, values = found
    scope = sql.Where().and_(condition, *values)
    recipient = columns.party.sql
    total, unread, awaiting = (sql.Column.of(InboxCounter, f).sql for f in ("total", "unread", "awaiting_confirmation"))
    rows = await sql.fetch_raw(
        InboxCounter,
        f"SELECT {recipient}, sum({total}), sum({unread}), sum({awaiting}) "
        f"FROM {sql.table(InboxCounter)} WHERE {scope.sql} GROUP BY {recipient}",
        scope.values,
    )
    return {str(party): InboxCounts(int(total), int(unread), int(awaiting)) for party, total, unread, awaiting in rows}


async def page(
    scope: sql.Where, order: OrderField, descending: bool, first: int, after: str | None
) -> Page[Correspondence]:
    return await keyset_page(Correspondence, scope, SORT_COLUMNS[order], descending, first, after)


async def _get(scope: sql.Where, correspondence_id: str) -> Correspondence | None:
    uuid = parse_id(correspondence_id)
    if uuid is None:
        return None
    found = await sql.select_models(Correspondence, scope.and_compare(ID, "=", uuid))
    return found[0] if found else None


async def get_for_recipient(access: AccessScope, correspondence_id: str) -> Correspondence | None:
    return await _get(readable_by_recipient(access), correspondence_id)


async def get_for_sender(actor: Actor, correspondence_id: str) -> Correspondence | None:
    return await _get(sent_by(actor), correspondence_id)


def _search_terms(text: str) -> list[str]:
    # Only word characters: no tsquery or FTS5 syntax of the user's survives into the search query.
    return [term[:64] for term in re.findall(r"\w+", text.casefold())[:12]]


def matching(scope: sql.Where, text: str, *, within_inboxes: bool) -> sql.Where:
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


# --- For services acting on what a caller's read returned, and for jobs and sweeps (no caller) -----------------


async def lock(correspondence_id: UUID) -> Correspondence:
    """The correspondence, its row locked where the database can, so concurrent changes serialise (SQLite
    serialises writers anyway)."""
    return await Correspondence.select_for_update().get(id=correspondence_id)


async def lock_for_recipient(access: AccessScope, correspondence_id: str) -> Correspondence | None:
    """What `get_for_recipient` answers, its row locked; None when the caller may not read it.

    The read that finds the row runs before the lock, so a purge may commit while this waits for it: the status,
    the one part of the readable rule a concurrent change moves, is checked again on the locked row."""
    found = await get_for_recipient(access, correspondence_id)
    if found is None:
        return None
    locked = await lock(found.id)
    return locked if locked.status in VISIBLE_TO_RECIPIENT else None


async def ids_in_status(status: CorrespondenceStatus, limit: int) -> list[UUID]:
    return _uuids(await Correspondence.filter(status=status).limit(limit).values_list("id", flat=True))


async def ids_carrying(attachment_id: UUID, statuses: Sequence[CorrespondenceStatus]) -> list[UUID]:
    """The correspondences in one of `statuses` that carry the attachment."""
    carrying = Correspondence.filter(status__in=list(statuses), attachment_links__attachment_id=attachment_id)
    return _uuids(await carrying.values_list("id", flat=True))


async def any_live_carrying(attachment_id: UUID) -> bool:
    """Whether a correspondence not purged carries the attachment."""
    carrying = Correspondence.filter(attachment_links__attachment_id=attachment_id).exclude(status__in=PURGED)
    return await carrying.exists()


async def has_receipt(
    correspondence: Correspondence,
    status: CorrespondenceStatus,
    actor: str | None = None,
    since: datetime | None = None,
    text: str | None = None,
) -> bool:
    """Whether the history holds `status` (by `actor`, since `since`, with `text`, where given)."""
    entries = CorrespondenceStatusEntry.filter(correspondence_id=correspondence.id, status=status)
    if actor is not None:
        entries = entries.filter(actor=actor)
    if since is not None:
        entries = entries.filter(status_changed__gte=since)
    if text is not None:
        entries = entries.filter(status_text=text)
    return await entries.exists()


async def histories_of(correspondence_ids: Sequence[UUID]) -> list[list[CorrespondenceStatusEntry]]:
    """The history of each correspondence (already read by the caller), oldest first: one query for all."""
    grouped: dict[UUID, list[CorrespondenceStatusEntry]] = defaultdict(list)
    for entry in await CorrespondenceStatusEntry.filter(correspondence_id__in=list(correspondence_ids)).order_by("id"):
        grouped[entry.correspondence_id].append(entry)  # type: ignore[attr-defined]
    return [grouped[i] for i in correspondence_ids]


async def activities_of(correspondence_ids: Sequence[UUID]) -> list[list[Activity]]:
    """The timeline of each correspondence (already read by the caller), oldest first: one query for all."""
    grouped: dict[UUID | None, list[Activity]] = defaultdict(list)
    for entry in await Activity.filter(correspondence_id__in=list(correspondence_ids)).order_by("id"):
        grouped[entry.correspondence_id].append(entry)
    return [grouped[i] for i in correspondence_ids]


async def add_activity(
    correspondence: Correspondence, type: ActivityType, actor: str | None, text: str | None, at: datetime
) -> Activity:
    return await Activity.create(correspondence=correspondence, type=type, occurred_at=at, actor=actor, text=text)


@dataclass(frozen=True, slots=True)
class OrderFacts:
    """What an event tells of the notification order behind a notification's outcome: its ordering organization
    (whom the access rule lets see a standalone order's events) and what a webhook event names."""

    id: UUID
    creator: str
    resource_id: str | None
    senders_reference: str | None
    status: str

    @classmethod
    def of(cls, order: NotificationOrder) -> OrderFacts:
        return cls(order.id, order.creator, order.resource_id, order.senders_reference, order.status.value)


@dataclass(frozen=True, slots=True)
class LoggedActivity:
    """An entry of the activity log with what it is about: its correspondence, or none (a standalone notification
    order's outcome); for a notification's outcome, where recorded, its order and the party notified."""

    activity: Activity
    correspondence: Correspondence | None
    order: OrderFacts | None = None
    notified: str | None = None  # the notification's recipient party URN; None for a raw address


# Replay joins each activity to its correspondence, whose columns the access rule judges, and (left joins: either
# may be absent) to the notification order whose creator it judges when there is no correspondence.
_ACTIVITY, _CORRESPONDENCE, _ORDER, _NOTIFICATION = "activity", "correspondence", "notification_order", "notification"
_ACTIVITY_ID = sql.Column.of(Activity, "id", alias=_ACTIVITY)
_ACTIVITY_TYPE = sql.Column.of(Activity, "type", alias=_ACTIVITY)
_ORDER_COLUMNS = [
    sql.Column.of(NotificationOrder, field, alias=_ORDER)
    for field in ("id", "creator", "resource_id", "senders_reference", "status")
]
_NOTIFIED = sql.Column.of(Notification, "recipient", alias=_NOTIFICATION)


def _activity_reference(field: str) -> sql.Column:
    # Foreign key columns are known once the models are initialised: named when a query is made.
    return sql.Column.of(Activity, field, alias=_ACTIVITY)


def _log_joins() -> list[sql.Join]:
    """An activity's letter, or its standalone order and notification: whichever it has (outer joins)."""
    return [
        _activity_join(Correspondence, _CORRESPONDENCE, "correspondence_id"),
        _activity_join(NotificationOrder, _ORDER, "notification_order_id"),
        _activity_join(Notification, _NOTIFICATION, "notification_id"),
    ]


def _activity_join(model: type[Model], alias: str, reference: str) -> sql.Join:
    return sql.Join(model, alias, sql.Column.of(model, "id", alias=alias), _activity_reference(reference), outer=True)


def events_readable_by(actor: Actor, access: AccessScope) -> sql.Where:
    """The events (activities joined to their correspondence or notification order) the caller may replay: a
    service owner's are what its organization sent, and its standalone orders' (no correspondence)."""
    if actor.kind is ActorKind.SERVICE_OWNER:
        sent = sent_condition(actor, _column("sender", _CORRESPONDENCE))
        ordered = ordered_condition(actor, _ORDER_COLUMNS[1])
        if sent is None or ordered is None:
            return NOTHING
        standalone = f"{_activity_reference('correspondence_id').sql} IS NULL AND {ordered[0]}"
        return sql.Where().and_(f"({sent[0]}) OR ({standalone})", *sent[1], *ordered[1])
    readable = readable_by_recipient(access, alias=_CORRESPONDENCE)
    return readable.and_compare(_ACTIVITY_TYPE, "=", ActivityType.PUBLISHED.value)


def _order_facts(row: Sequence[object]) -> OrderFacts | None:
    order_id, creator, resource_id, senders_reference, status = row
    if order_id is None:
        return None
    return OrderFacts(
        UUID(str(order_id)),
        str(creator),
        None if resource_id is None else str(resource_id),
        None if senders_reference is None else str(senders_reference),
        str(status),
    )


async def replay_page(readable: sql.Where, after: int, limit: int, *, events_only: bool = True) -> list[LoggedActivity]:
    """Up to `limit` readable events after the id `after`, in id order, each with its correspondence or order
    (`events_only=False`: every activity, the timeline entries that are no event too)."""
    where = readable.and_compare(_ACTIVITY_ID, ">", after)
    # Every entry is about a correspondence or an order; one whose order is gone (none ever is) would be about nothing.
    where = where.and_(f"{_column('id', _CORRESPONDENCE).sql} IS NOT NULL OR {_ORDER_COLUMNS[0].sql} IS NOT NULL")
    if events_only:
        where = where.and_in(_ACTIVITY_TYPE, sorted(EVENT_TYPES))
    activity_columns = sql.columns(Activity, alias=_ACTIVITY)
    correspondence_columns = sql.columns(Correspondence, alias=_CORRESPONDENCE)
    rows = await sql.select_rows(
        Activity,
        [*activity_columns, *correspondence_columns, *_ORDER_COLUMNS, _NOTIFIED],
        where,
        alias=_ACTIVITY,
        joins=_log_joins(),
        order_by=sql.OrderBy((_ACTIVITY_ID,)),
        limit=limit,
    )
    first, second, third = (
        len(activity_columns),
        len(activity_columns) + len(correspondence_columns),
        len(activity_columns) + len(correspondence_columns) + len(_ORDER_COLUMNS),
    )
    logged = []
    for row in rows:
        activity = sql.model_from_row(Activity, activity_columns, row[:first])
        correspondence = (
            sql.model_from_row(Correspondence, correspondence_columns, row[first:second])
            if activity.correspondence_id is not None
            else None
        )
        notified = row[third]
        logged.append(
            LoggedActivity(
                activity, correspondence, _order_facts(row[second:third]), None if notified is None else str(notified)
            )
        )
    return logged


async def for_event(correspondence_id: str | None) -> Correspondence | None:
    """The correspondence of a live event, read once for every subscriber of the event, each of whom the hub
    then checks against its own access before anything is shown; None for a standalone order's event."""
    uuid = parse_id(correspondence_id) if correspondence_id is not None else None
    return await Correspondence.get_or_none(id=uuid) if uuid else None


async def by_ids(correspondence_ids: Sequence[UUID]) -> dict[UUID, Correspondence]:
    """The correspondences (as they are now) of events a job is about to act on, by id; one query for all."""
    found = await Correspondence.filter(id__in=list(set(correspondence_ids)))
    return {correspondence.id: correspondence for correspondence in found}


async def lock_if_any(correspondence_id: str) -> Correspondence | None:
    uuid = parse_id(correspondence_id)
    return await Correspondence.select_for_update().get_or_none(id=uuid) if uuid else None


async def save(correspondence: Correspondence, changed: list[str]) -> None:
    if changed:
        await correspondence.save(update_fields=changed)


async def add_history_entry(
    correspondence: Correspondence, status: CorrespondenceStatus, actor: str | None, text: str | None, at: datetime
) -> CorrespondenceStatusEntry:
    return await CorrespondenceStatusEntry.create(
        correspondence=correspondence, status=status, status_text=text, status_changed=at, actor=actor
    )


async def due_for_publishing(now: datetime, limit: int) -> list[UUID]:
    due = Correspondence.filter(status=CorrespondenceStatus.READY_FOR_PUBLISH, publish_at__lte=now)
    return _uuids(await due.limit(limit).values_list("id", flat=True))


# Due rows a claim considers per row it takes: room for the rows concurrent workers hold and skip.
CLAIM_CANDIDATES = 4


async def claim_due_for_publishing(now: datetime, limit: int) -> list[Correspondence]:
    """Up to `limit` due READY_FOR_PUBLISH correspondences, locked for this transaction, taken in turns across
    senders (each sender's earliest first): one organization's bulk never holds back another's letter for longer
    than one batch. Rows another worker holds are skipped (PostgreSQL); SQLite's write transactions take turns."""
    status, publish_at = sql.Column.of(Correspondence, "status"), sql.Column.of(Correspondence, "publish_at")
    sender, key = sql.Column.of(Correspondence, "sender"), sql.Column.of(Correspondence, "id")
    turns = f"row_number() OVER (PARTITION BY {sender.sql} ORDER BY {publish_at.sql}, {key.sql})"
    rows = await sql.fetch_raw(
        Correspondence,
        f"SELECT {key.sql} FROM (SELECT {key.sql}, {publish_at.sql}, {turns} AS turn FROM {sql.table(Correspondence)} "
        f"WHERE {status.sql} = $1 AND {publish_at.sql} <= $2) due "
        f"ORDER BY turn, {publish_at.sql} LIMIT {int(limit) * CLAIM_CANDIDATES}",
        [status.to_db(CorrespondenceStatus.READY_FOR_PUBLISH), publish_at.to_db(now)],
    )
    candidates = [UUID(str(row[0])) for row in rows]
    if Correspondence._meta.db.capabilities.dialect != "postgres":
        taken = candidates[:limit]  # SQLite: this write transaction is the only one, nobody else holds a row
    else:
        # Lock in the turns' order, skipping rows another worker holds: it takes the next candidates.
        locked = await sql.fetch_raw(
            Correspondence,
            f"SELECT {key.sql} FROM {sql.table(Correspondence)} WHERE {key.sql} = ANY($1::uuid[]) "
            f"AND {status.sql} = $2 ORDER BY array_position($1::uuid[], {key.sql}) LIMIT {int(limit)} "
            "FOR UPDATE SKIP LOCKED",
            [candidates, status.to_db(CorrespondenceStatus.READY_FOR_PUBLISH)],
        )
        taken = [UUID(str(row[0])) for row in locked]
    due = Correspondence.filter(id__in=taken, status=CorrespondenceStatus.READY_FOR_PUBLISH, publish_at__lte=now)
    by_id = {c.id: c for c in await due}
    return [by_id[i] for i in taken if i in by_id]


async def mark_published(correspondence_ids: Sequence[UUID], now: datetime) -> None:
    if Correspondence._meta.db.capabilities.dialect == "postgres":  # SQLite's writers take turns: no deadlock
        await _lock_inbox_counters(correspondence_ids)
    await Correspondence.filter(id__in=correspondence_ids).update(
        status=CorrespondenceStatus.PUBLISHED, published=now, publish_at=now
    )


_COUNTER_KEY = ("recipient", "resource_id", "is_confidential")


async def _lock_inbox_counters(correspondence_ids: Sequence[UUID]) -> None:
    """Creates (empty) and locks, in one fixed order, the inbox counters a batch of letters is about to move.

    The triggers move a counter per letter in whatever order the UPDATE visits the letters, so two workers
    publishing batches to the same inboxes took the same counters in opposite orders and deadlocked. Taken here
    sorted, every batch waits for another at its first shared counter instead; the triggers then find them held.
    """
    letters = ", ".join(sql.Column.of(Correspondence, field).sql for field in _COUNTER_KEY)
    counters = ", ".join(sql.Column.of(InboxCounter, field).sql for field in _COUNTER_KEY)
    zeros = ", ".join(sql.Column.of(InboxCounter, f).sql for f in ("total", "unread", "awaiting_confirmation"))
    batch = f"SELECT DISTINCT {letters} FROM {sql.table(Correspondence)} WHERE {ID.sql} = ANY($1::uuid[])"
    ids = [ID.to_db(i) for i in correspondence_ids]
    await sql.fetch_raw(
        InboxCounter,
        f"INSERT INTO {sql.table(InboxCounter)} ({counters}, {zeros}) SELECT *, 0, 0, 0 FROM ({batch}) AS batch "
        f"ORDER BY {letters} ON CONFLICT DO NOTHING",
        [ids],
    )
    await sql.fetch_raw(
        InboxCounter,
        f"SELECT 1 FROM {sql.table(InboxCounter)} WHERE ({counters}) IN ({batch}) ORDER BY {counters} FOR UPDATE",
        [ids],
    )


async def activity_ids(correspondence_ids: Sequence[UUID], type: ActivityType) -> dict[UUID, int]:
    """The id of each correspondence's activity of `type` (one it has at most once, such as PUBLISHED)."""
    rows = await Activity.filter(correspondence_id__in=correspondence_ids, type=type).values_list(
        "correspondence_id", "id"
    )
    return {UUID(str(correspondence_id)): int(activity_id) for correspondence_id, activity_id in rows}


async def past_due_unprocessed(now: datetime, limit: int) -> list[Correspondence]:
    """Published correspondences whose due date passed and that no worker has processed yet."""
    return list(
        await Correspondence.filter(due_processed=False, due_date_time__lte=now, status__in=VISIBLE_TO_RECIPIENT).limit(
            limit
        )
    )


async def claim_due_processing(correspondence_id: UUID) -> bool:
    """Claim the due-date processing of one correspondence; False when another worker took it."""
    return bool(await Correspondence.filter(id=correspondence_id, due_processed=False).update(due_processed=True))


async def past_delete_after(now: datetime, limit: int) -> list[Correspondence]:
    return list(await Correspondence.filter(allow_system_delete_after__lte=now).exclude(status__in=PURGED).limit(limit))


async def past_retention(resource_id: str, cutoff: datetime, limit: int) -> list[Correspondence]:
    """Correspondences of the resource published (or, never published, created) before `cutoff`, not purged."""
    old = Q(published__lte=cutoff) | Q(published__isnull=True, created__lte=cutoff)
    return list(await Correspondence.filter(old, resource_id=resource_id).exclude(status__in=PURGED).limit(limit))


async def bodies_to_render(limit: int) -> list[tuple[UUID, str]]:
    """(id, body) of correspondences sent before bodies were rendered at send time."""
    rows = await Correspondence.filter(body_html__isnull=True).limit(limit).values_list("id", "message_body")
    return [(UUID(str(correspondence_id)), str(body)) for correspondence_id, body in rows]


async def store_body_html(correspondence_id: UUID, body_html: str) -> None:
    """Stores a body's HTML unless the row has some already: a purge in between leaves an empty one."""
    await Correspondence.filter(id=correspondence_id, body_html__isnull=True).update(body_html=body_html)


async def by_idempotency_key(sender: str, key: UUID) -> list[Correspondence]:
    return list(await Correspondence.filter(sender=sender, idempotency_key=key))


async def create_many(correspondences: list[Correspondence]) -> None:
    await Correspondence.bulk_create(correspondences, batch_size=TURN)  # a send's rows, a turn at a time


async def add_history(entries: list[CorrespondenceStatusEntry]) -> None:
    await CorrespondenceStatusEntry.bulk_create(entries, batch_size=TURN)


async def add_activities(activities: list[Activity]) -> None:
    await Activity.bulk_create(activities, batch_size=TURN)


# The first three name what an activity is about: its correspondence, or (a notification's outcome) its order and
# notification, which tell apart the outcomes of standalone orders (no correspondence).
_ACTIVITY_INSERTED = (
    "correspondence_id",
    "notification_order_id",
    "notification_id",
    "type",
    "occurred_at",
    "actor",
    "text",
)
_ACTIVITIES_PER_INSERT = 1000  # 7,000 bound values: well within both drivers' limits


async def add_activities_with_ids(activities: Sequence[Activity]) -> None:
    """Inserts `activities` in one statement and sets their ids (which the events carry). The ids come back with
    each row's correspondence, notification and type, so they are matched by those, not by the order of the
    returned rows; activities alike in all three are alike in what their events say."""
    for start in range(0, len(activities), _ACTIVITIES_PER_INSERT):
        await _insert_activities(activities[start : start + _ACTIVITIES_PER_INSERT])


async def _insert_activities(activities: Sequence[Activity]) -> None:
    # Columns named once Tortoise is initialised: a foreign key's column is known only then.
    inserted = [sql.Column.of(Activity, name) for name in _ACTIVITY_INSERTED]
    width = len(inserted)
    marks = (", ".join(f"${row * width + column + 1}" for column in range(width)) for row in range(len(activities)))
    rows = ", ".join(f"({row})" for row in marks)
    values = [column.to_db(getattr(activity, column.field)) for activity in activities for column in inserted]
    listed = ", ".join(column.sql for column in inserted)
    returned = await sql.write_returning(
        Activity,
        f"INSERT INTO {sql.table(Activity)} ({listed}) VALUES {rows} "
        'RETURNING "id", "correspondence_id", "notification_id", "type"',
        values,
    )
    ids: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for row in returned:
        ids[(str(row["correspondence_id"]), str(row["notification_id"]), str(row["type"]))].append(int(row["id"]))
    for index, activity in enumerate(activities):  # each row's values start with its correspondence's id
        about = (str(values[index * width]), str(values[index * width + 2]))
        activity.id = ids[(*about, activity.type.value)].pop()


def _uuids(values: Sequence[object]) -> list[UUID]:
    return [UUID(str(value)) for value in values]


# --- Forwardings (contract §13): the reader's request, then the job that sends it and the sweep ----------------


async def forwarded_to(correspondence_id: UUID, email_key: str) -> bool:
    return await Forwarding.filter(correspondence_id=correspondence_id, email_key=email_key).exists()


async def add_forwarding(
    correspondence: Correspondence, *, actor: str, email_address: str, email_key: str, text: str | None, at: datetime
) -> Forwarding:
    return await Forwarding.create(
        correspondence=correspondence,
        actor=actor,
        email_address=email_address,
        email_key=email_key,
        forwarding_text=text,
        due_at=at,
        created=at,
    )


def _claimable(now: datetime, stale_before: datetime) -> Q:
    return Q(status=ForwardingStatus.PENDING, due_at__lte=now) | Q(
        status=ForwardingStatus.SENDING, claimed_at__lt=stale_before
    )


async def claim_forwarding(
    forwarding_id: UUID, now: datetime, stale_before: datetime
) -> tuple[Forwarding, Correspondence] | None:
    """Claim a due forwarding (or one a dead worker left SENDING) in one conditional update: two workers never
    both send it. Returns it with its correspondence, or None when it is not this worker's to send."""
    claimed = await Forwarding.filter(_claimable(now, stale_before), id=forwarding_id).update(
        status=ForwardingStatus.SENDING, claimed_at=now
    )
    if not claimed:
        return None
    forwarding = await Forwarding.get(id=forwarding_id).prefetch_related("correspondence")
    return forwarding, forwarding.correspondence


async def finish_forwarding(
    forwarding: Forwarding,
    *,
    status: ForwardingStatus,
    attempts: int,
    sent_at: datetime | None = None,
    due_at: datetime | None = None,
    reason: str | None = None,
) -> bool:
    """Record an attempt's outcome, unless another worker took the claim over meanwhile (then it is theirs)."""
    changes: dict[str, object] = {"status": status, "attempts": attempts, "claimed_at": None}
    changes["status_reason"] = reason[:1024] if reason else None
    if sent_at is not None:
        changes["sent_at"] = sent_at
    if due_at is not None:
        changes["due_at"] = due_at
    mine = Forwarding.filter(id=forwarding.id, status=ForwardingStatus.SENDING, claimed_at=forwarding.claimed_at)
    return bool(await mine.update(**changes))


async def due_forwardings(now: datetime, stale_before: datetime, limit: int) -> list[tuple[UUID, int]]:
    rows = await Forwarding.filter(_claimable(now, stale_before)).limit(limit).values_list("id", "attempts")
    return [(UUID(str(forwarding_id)), int(attempts)) for forwarding_id, attempts in rows]


async def latest_activity_id() -> int:
    newest = await Activity.all().order_by("-id").limit(1).values_list("id", flat=True)
    return int(str(newest[0])) if newest else 0


async def activity_log_page(after: int, limit: int) -> list[LoggedActivity]:
    """Up to `limit` activities after the id `after`, each with its correspondence or order: for the
    webhook fan-out, which acts for no caller and judges each event against each subscriber's access itself. Every
    activity, events or not: the fan-out tells an id not committed yet from one that is no event."""
    return await replay_page(sql.Where(), after, limit, events_only=False)


async def activity_log_entries(ids: Sequence[int]) -> list[LoggedActivity]:
    """Those of the activities `ids` that exist (committed), each with its correspondence or order: for the
    fan-out."""
    if not ids:
        return []
    return await replay_page(sql.Where().and_in(_ACTIVITY_ID, list(ids)), 0, len(ids), events_only=False)
