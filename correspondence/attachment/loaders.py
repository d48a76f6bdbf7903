"""DataLoaders over attachments: a whole page's attachments in one query, each attachment built once.

An upload is typically reused by many correspondences (one letter to many recipients, the same terms on every
letter), so a page's rows repeat the same attachments, and each distinct one becomes one model object.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence.attachment.models import Attachment, CorrespondenceAttachment
from correspondence.kit import db


class CorrespondenceAttachmentsLoader(DataLoader[UUID, list[Attachment]]):
    """Correspondence id → its attachments in the order the sender gave them (one query for all ids)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[UUID]) -> list[list[Attachment]]:
        # Hand-written: on an inbox page the ORM's query building costs more than the query.
        columns = db.columns(Attachment)
        selected = ", ".join(f'a."{name}"' for name in columns)
        where = db.Where().and_in('l."correspondence_id"', [str(i) for i in ids])
        sql = (
            f'SELECT l."correspondence_id", {selected} '
            'FROM "correspondence_attachment" l JOIN "attachment" a ON a."id" = l."attachment_id" '
            f'WHERE {where.sql} ORDER BY l."correspondence_id", l."position"'
        )
        id_at = columns.index(Attachment._meta.db_pk_column)
        built: dict[str, Attachment] = {}
        grouped: dict[str, list[Attachment]] = defaultdict(list)
        for correspondence_id, *row in await db.fetch_raw(CorrespondenceAttachment, sql, where.values):
            key = str(row[id_at])
            if key not in built:
                built[key] = db.model_from_row(Attachment, columns, row)
            grouped[str(correspondence_id)].append(built[key])
        return [grouped[str(i)] for i in ids]
