"""DataLoaders over the registries."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from correspondence.identifiers import InvalidIdentifier, PartyKind, parse_party
from correspondence.models import Organization, Person, Resource


class PartyNameLoader(DataLoader[str, str | None]):
    """Party URN → the name in the register, with one query per party kind."""

    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, urns: Sequence[str]) -> list[str | None]:
        pids: dict[str, str] = {}
        orgnos: dict[str, str] = {}
        for urn in urns:
            try:
                party = parse_party(urn)
            except InvalidIdentifier:
                continue
            (pids if party.kind is PartyKind.PERSON else orgnos)[urn] = party.number
        names: dict[str, str] = {}
        if pids:
            person_names = dict(
                await Person.filter(national_identity_number__in=list(pids.values())).values_list(
                    "national_identity_number", "name"
                )
            )
            names.update({urn: person_names[pid] for urn, pid in pids.items() if pid in person_names})
        if orgnos:
            org_names = dict(
                await Organization.filter(organization_number__in=list(orgnos.values())).values_list(
                    "organization_number", "name"
                )
            )
            names.update({urn: org_names[no] for urn, no in orgnos.items() if no in org_names})
        return [names.get(urn) for urn in urns]


class ResourceLoader(DataLoader[str, Resource | None]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, ids: Sequence[str]) -> list[Resource | None]:
        found = {r.resource_id: r for r in await Resource.filter(resource_id__in=list(ids))}
        return [found.get(i) for i in ids]
