"""Every attachment query starts here.

For a caller: an attachment is readable by the service owners of the organization that uploaded it
(`readable_by`); an attachment of a correspondence is readable through that correspondence only, so the functions
over correspondence links take the ids of correspondences the caller has already read through the correspondence
repository. Everything else here serves jobs, sweeps and the services acting on what those reads returned.

The attachment domain knows correspondences by id only: whatever needs a correspondence's status lives in the
correspondence domain.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from tortoise.queryset import QuerySet

from correspondence.access.actor import Actor, ActorKind
from correspondence.attachment.models import Attachment as Attachment
from correspondence.attachment.models import CorrespondenceAttachment
from correspondence.attachment.statuses import FINAL, AttachmentStatus
from correspondence.kit import sql
from correspondence.kit.identifiers import organization_urn

SWEEP_BATCH = 500


@cache
def _of_correspondences() -> tuple[str, list[sql.Column]]:
    """A whole page's attachments in one query, hand-written: on an inbox page the ORM's query building costs
    more than the query. Built on first use: a foreign key's column exists in the metadata once the ORM is up."""
    attachment_columns = sql.columns(Attachment, alias="a")
    link_correspondence = sql.Column.of(CorrespondenceAttachment, "correspondence_id", alias="l")
    order = sql.OrderBy((link_correspondence, sql.Column.of(CorrespondenceAttachment, "position", alias="l")))
    query = (
        f"SELECT {link_correspondence.sql}, {', '.join(c.sql for c in attachment_columns)} "
        f"FROM {sql.table(CorrespondenceAttachment, alias='l')} JOIN {sql.table(Attachment, alias='a')} "
        f"ON {sql.Column.of(Attachment, 'id', alias='a').sql} = "
        f"{sql.Column.of(CorrespondenceAttachment, 'attachment_id', alias='l').sql} "
        f"WHERE {{where}} {order.sql}"
    )
    return query, attachment_columns


def parse_id(value: str) -> uuid.UUID | None:
    """Attachment ids are UUIDs; anything else is an id that does not exist."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def readable_by(actor: Actor) -> QuerySet[Attachment]:
    """The attachments the caller may read as such: those its organization uploaded, for its service owners."""
    if actor.kind is not ActorKind.SERVICE_OWNER or actor.organization_number is None:
        return Attachment.filter(id__in=[])
    return Attachment.filter(sender=organization_urn(actor.organization_number))


async def get_for_sender(actor: Actor, attachment_id: str) -> Attachment | None:
    parsed = parse_id(attachment_id)
    if parsed is None:
        return None
    return await readable_by(actor).get_or_none(id=parsed)


async def lock_for_sending(sender: str, attachment_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Attachment]:
    """The sender's own attachments among `attachment_ids`, locked where the database can: an upload settling
    now waits for the send, so it sees the new links."""
    found = await Attachment.select_for_update().filter(id__in=list(attachment_ids), sender=sender)
    return {a.id: a for a in found}


async def of_correspondences(correspondence_ids: Sequence[uuid.UUID]) -> list[list[Attachment]]:
    """The attachments of each correspondence (already read by the caller), in the sender's order; an upload
    reused by many correspondences of the page becomes one model object."""
    query, attachment_columns = _of_correspondences()
    link_correspondence = sql.Column.of(CorrespondenceAttachment, "correspondence_id", alias="l")
    where = sql.Where().and_in(link_correspondence, [str(i) for i in correspondence_ids])
    rows = await sql.fetch_raw(CorrespondenceAttachment, query.format(where=where.sql), where.values)
    id_at = [c.field for c in attachment_columns].index(Attachment._meta.pk_attr)
    built: dict[str, Attachment] = {}
    grouped: dict[str, list[Attachment]] = defaultdict(list)
    for correspondence_id, *row in rows:
        key = str(row[id_at])
        if key not in built:
            built[key] = sql.model_from_row(Attachment, attachment_columns, row)
        grouped[str(correspondence_id)].append(built[key])
    return [grouped[str(i)] for i in correspondence_ids]


async def linked(correspondence_id: uuid.UUID, attachment_id: uuid.UUID) -> Attachment | None:
    """The attachment when the correspondence (already read by the caller) carries it."""
    link = (
        await CorrespondenceAttachment.filter(correspondence_id=correspondence_id, attachment_id=attachment_id)
        .select_related("attachment")
        .first()
    )
    return link.attachment if link is not None else None


async def create(**values: Any) -> Attachment:
    return await Attachment.create(**values)


async def create_many(attachments: list[Attachment]) -> None:
    await Attachment.bulk_create(attachments)


async def link(correspondence_ids: Sequence[uuid.UUID], attachment_ids: Sequence[uuid.UUID]) -> None:
    """Every correspondence carries every attachment, in the order given."""
    await CorrespondenceAttachment.bulk_create(
        [
            CorrespondenceAttachment(correspondence_id=c, attachment_id=a, position=position)
            for c in correspondence_ids
            for position, a in enumerate(attachment_ids)
        ],
        batch_size=1000,
    )


async def attachment_ids_of(correspondence_id: uuid.UUID) -> list[uuid.UUID]:
    ids = await CorrespondenceAttachment.filter(correspondence_id=correspondence_id).values_list(
        "attachment_id", flat=True
    )
    return [uuid.UUID(str(i)) for i in ids]


async def correspondences_waiting_for_unpublished(correspondence_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Those of `correspondence_ids` that carry an attachment not (yet) PUBLISHED."""
    blocked = (
        await CorrespondenceAttachment.filter(correspondence_id__in=list(correspondence_ids))
        .exclude(attachment__status=AttachmentStatus.PUBLISHED)
        .values_list("correspondence_id", flat=True)
    )
    return {uuid.UUID(str(b)) for b in blocked}


async def settled_for_good(correspondence_ids: Sequence[uuid.UUID]) -> list[tuple[uuid.UUID, str]]:
    """(correspondence id, file name) of each attachment of `correspondence_ids` that can never be sent."""
    rows = await CorrespondenceAttachment.filter(
        correspondence_id__in=list(correspondence_ids), attachment__status__in=FINAL
    ).values_list("correspondence_id", "attachment__file_name")
    return [(uuid.UUID(str(c)), str(name)) for c, name in rows]


async def get(attachment_id: uuid.UUID) -> Attachment | None:
    """For jobs and sweeps, which act for no caller."""
    return await Attachment.get_or_none(id=attachment_id)


async def change_status(
    attachment: Attachment, values: dict[str, Any], *, only_from: Sequence[AttachmentStatus] = ()
) -> bool:
    """Update the attachment (only while its status is one of `only_from`, when given) and reload it; False when
    another request or job changed it first."""
    changed = Attachment.filter(id=attachment.id)
    if only_from:
        changed = changed.filter(status__in=list(only_from))
    updated = await changed.update(**values)
    await attachment.refresh_from_db()
    return bool(updated)


async def retire(
    attachment_id: uuid.UUID, values: dict[str, Any], *, only_from: Sequence[AttachmentStatus] = ()
) -> bool:
    """Update a live (not FINAL) attachment, optionally only from `only_from`; False when it was not live."""
    live = Attachment.filter(id=attachment_id).exclude(status__in=FINAL)
    if only_from:
        live = live.filter(status__in=list(only_from))
    return bool(await live.update(**values))


async def forget_content(attachment_id: uuid.UUID) -> None:
    await Attachment.filter(id=attachment_id).update(has_content=False)


async def _ids(queryset: QuerySet[Attachment], limit: int) -> list[uuid.UUID]:
    return [uuid.UUID(str(i)) for i in await queryset.limit(limit).values_list("id", flat=True)]


async def due_for_expiry(now: datetime, limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    live = (AttachmentStatus.INITIALIZED, AttachmentStatus.PUBLISHED)
    return await _ids(Attachment.filter(status__in=live, expires_at__lte=now), limit)


async def processing_since(before: datetime, limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    """Uploads still receiving bytes since `before` (stored bytes waiting for their scan are not stale)."""
    stale = Attachment.filter(status=AttachmentStatus.UPLOAD_PROCESSING, has_content=False, status_changed__lte=before)
    return await _ids(stale, limit)


async def awaiting_scan(limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    return await _ids(Attachment.filter(status=AttachmentStatus.UPLOAD_PROCESSING, has_content=True), limit)


async def live_blobs(after: uuid.UUID | None, limit: int) -> list[tuple[uuid.UUID, int, int]]:
    """(id, size, chunk size) of live attachments whose bytes are stored, in id order after `after`."""
    stored = Attachment.filter(has_content=True, size__isnull=False, chunk_size__isnull=False).exclude(status__in=FINAL)
    if after is not None:
        stored = stored.filter(id__gt=after)
    rows = await stored.order_by("id").limit(limit).values_list("id", "size", "chunk_size")
    return [(uuid.UUID(str(i)), int(size), int(chunk)) for i, size, chunk in rows]


async def retired_with_content(limit: int = SWEEP_BATCH) -> list[uuid.UUID]:
    return await _ids(Attachment.filter(has_content=True, status__in=FINAL), limit)


async def keys_not_under(active_id: str, limit: int) -> list[tuple[uuid.UUID, str, bytes]]:
    """(id, key id, wrapped key) of attachments whose data key another master key wraps."""
    rows = (
        await Attachment.filter(key_id__isnull=False)
        .exclude(key_id=active_id)
        .limit(limit)
        .values_list("id", "key_id", "wrapped_key")
    )
    return [(uuid.UUID(str(i)), str(key_id), bytes(wrapped)) for i, key_id, wrapped in rows]


async def replace_key(attachment_id: uuid.UUID, old_key_id: str, key_id: str, wrapped: bytes) -> int:
    """Conditional on the key id read: a row changed meanwhile is left for the next round, never overwritten."""
    return await Attachment.filter(id=attachment_id, key_id=old_key_id).update(key_id=key_id, wrapped_key=wrapped)
