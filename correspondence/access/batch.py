"""The access rule for many persons at once: who may read one resource in some organizations' inboxes.

Notification lookup asks it which persons with a role or delegation get notified (and whose registered addresses
count); sending asks whether a confidential correspondence has anybody to read it. A few queries answer for every
person and organization, and each answer is the grant `access.grants.party_grant` builds for that person.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from correspondence.access.grants import PartyGrant, party_grant
from correspondence.kit.identifiers import organization_urn
from correspondence.registry import grants as registry


@dataclass(frozen=True, slots=True)
class OrganizationReaders:
    """The grants every person with a role or a delegation of `resource_id` holds in each organization."""

    resource_id: str | None
    grants: dict[tuple[str, str], PartyGrant]  # (person, orgno) -> grant

    @classmethod
    async def load(cls, orgnos: Collection[str], resource_id: str | None) -> OrganizationReaders:
        parents = await registry.parents_of(orgnos)
        roles: dict[tuple[str, str], set[str]] = {}
        for pid, orgno, code in await registry.roles_in({*orgnos, *parents.values()}):
            roles.setdefault((pid, orgno), set()).add(code)
        delegated = set(await registry.delegations_of(orgnos, resource_id)) if resource_id else set()

        def roles_reaching(pid: str, orgno: str) -> set[str]:
            parent = parents.get(orgno)
            return roles.get((pid, orgno), set()) | (roles.get((pid, parent), set()) if parent else set())

        units_of = {orgno: {orgno, *([parents[orgno]] if orgno in parents else [])} for orgno in orgnos}
        holders = {(pid, orgno) for orgno in orgnos for pid, unit in roles if unit in units_of[orgno]} | delegated
        grants = {
            (pid, orgno): party_grant(
                organization_urn(orgno),
                roles_reaching(pid, orgno),
                {resource_id} if resource_id and (pid, orgno) in delegated else set(),
            )
            for pid, orgno in holders
        }
        return cls(resource_id, grants)

    def may_read(self, pid: str, orgno: str, is_confidential: bool) -> bool:
        grant = self.grants.get((pid, orgno))
        return grant is not None and grant.allows(self.resource_id, is_confidential)

    def has_reader(self, orgno: str, is_confidential: bool) -> bool:
        return any(self.may_read(pid, unit, is_confidential) for pid, unit in self.grants if unit == orgno)


async def organization_has_confidential_reader(orgno: str, resource_id: str) -> bool:
    """Whether some person may read a confidential correspondence of `resource_id` in this organization's inbox:
    a confidential role in it or in its main unit, or a delegation of that resource."""
    readers = await OrganizationReaders.load([orgno], resource_id)
    return readers.has_reader(orgno, is_confidential=True)
