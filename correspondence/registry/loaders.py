"""DataLoaders over the registries."""

from __future__ import annotations

from strawberry.dataloader import DataLoader

from correspondence.registry import party_names


class PartyNameLoader(DataLoader[str, str | None]):
    """Party URN → the name in the register."""

    def __init__(self) -> None:
        super().__init__(load_fn=party_names.names_of)
