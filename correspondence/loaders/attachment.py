"""DataLoaders over attachments: a whole page's attachments in two queries, each attachment built once.

An upload is typically reused by many correspondences (one letter to many recipients, the same terms on every
letter), so a page's links are read as bare ids and every distinct attachment becomes one model object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence import db
from correspondence.models import Attachment, CorrespondenceAttachment


class AttachmentLoader(DataLoader[UUID, Attachment | None]):
    """Attachment id → the attachment (one query for all ids)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[UUID]) -> list[Attachment | None]:
        # Hand-written for the same reason as the links below: a page's few attachments, by primary key.
        found = await db.select_models(Attachment, f'"id" IN ({db.parameters(1, len(ids))})', map(str, ids))
        by_id = {a.id: a for a in found}
        return [by_id.get(i) for i in ids]


class CorrespondenceAttachmentIdsLoader(DataLoader[UUID, list[UUID]]):
    """Correspondence id → its attachments' ids in the order the sender gave them (one query for all ids)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[UUID]) -> list[list[UUID]]:
        # Hand-written: on an inbox page the ORM's query building and row conversion cost several times the query.
        sql = (
            "SELECT correspondence_id, attachment_id FROM correspondence_attachment "
            f"WHERE correspondence_id IN ({db.parameters(1, len(ids))}) ORDER BY correspondence_id, position"
        )
        grouped: dict[str, list[UUID]] = defaultdict(list)
        for correspondence_id, attachment_id in await db.fetch_raw(CorrespondenceAttachment, sql, map(str, ids)):
            grouped[str(correspondence_id)].append(UUID(str(attachment_id)))
        return [grouped[str(i)] for i in ids]
