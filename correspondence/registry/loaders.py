"""DataLoaders over the registries."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from correspondence.registry import party_names
from correspondence.registry.models import Resource


class PartyNameLoader(DataLoader[str, str | None]):
    """Party URN → the name in the register."""

    def __init__(self) -> None:
        super().__init__(load_fn=party_names.names_of)


class ResourceLoader(DataLoader[str, Resource | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[str]) -> list[Resource | None]:
        found = {r.resource_id: r for r in await Resource.filter(resource_id__in=list(ids))}
        return [found.get(i) for i in ids]
