"""DataLoaders over correspondences: one query per field for a whole page."""

from __future__ import annotations

from uuid import UUID

from strawberry.dataloader import DataLoader

from correspondence.correspondence import repository as repository
from correspondence.correspondence.repository import Activity, CorrespondenceStatusEntry


class StatusHistoryLoader(DataLoader[UUID, list[CorrespondenceStatusEntry]]):
    """Correspondence id (of a correspondence the caller read) → its history, oldest first."""

    def __init__(self) -> None:
        super().__init__(load_fn=repository.histories_of)


class ActivitiesLoader(DataLoader[UUID, list[Activity]]):
    """Correspondence id (of a correspondence the caller read) → its timeline, oldest first."""

    def __init__(self) -> None:
        super().__init__(load_fn=repository.activities_of)
