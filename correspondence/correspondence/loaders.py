"""DataLoaders over correspondences: one query per field for a whole page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence.correspondence import repository as repository
from correspondence.correspondence.repository import CorrespondenceStatusEntry
from correspondence.events.models import Activity


class StatusHistoryLoader(DataLoader[UUID, list[CorrespondenceStatusEntry]]):
    """Correspondence id (of a correspondence the caller read) → its history, oldest first."""

    def __init__(self) -> None:
        super().__init__(load_fn=repository.histories_of)


class ActivitiesLoader(DataLoader[UUID, list[Activity]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[UUID]) -> list[list[Activity]]:
        grouped: dict[UUID, list[Activity]] = defaultdict(list)
        for entry in await Activity.filter(correspondence_id__in=list(ids)).order_by("id"):
            grouped[entry.correspondence_id].append(entry)  # type: ignore[attr-defined]
        return [grouped[i] for i in ids]
