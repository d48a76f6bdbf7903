"""DataLoaders over attachments: a whole page's attachments in one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence.models import Attachment, CorrespondenceAttachment


class CorrespondenceAttachmentsLoader(DataLoader[UUID, list[Attachment]]):
    """Correspondence id → its attachments in the order the sender gave them (one JOIN for all ids)."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[UUID]) -> list[list[Attachment]]:
        grouped: dict[UUID, list[Attachment]] = defaultdict(list)
        links = (
            await CorrespondenceAttachment.filter(correspondence_id__in=list(ids))
            .select_related("attachment")
            .order_by("correspondence_id", "position")
        )
        for link in links:
            grouped[UUID(str(link.correspondence_id))].append(link.attachment)  # type: ignore[attr-defined]
        return [grouped[UUID(str(i))] for i in ids]
