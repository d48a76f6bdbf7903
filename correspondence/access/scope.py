"""Which inboxes an actor may read (contract §2): own inbox, roles (with sub-units), delegations.

Every recipient-side query starts from an `AccessScope`, so no code path can forget access control.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from correspondence.access.actor import SCOPE_READ, Actor, ActorKind
from correspondence.kit import sql
from correspondence.kit.identifiers import organization_urn
from correspondence.registry.models import Delegation, Organization, Role

# Altinn's rule: only these roles open an organization's confidential correspondences.
CONFIDENTIAL_ROLES = frozenset({"DAGL", "LEDE", "INNH", "DTPR", "DTSO", "KOMP", "BEST"})


@dataclass(frozen=True, slots=True)
class PartyGrant:
    """What an actor may read in one party's inbox."""

    party: str
    non_confidential: bool = False  # every non-confidential resource
    confidential: bool = False  # every confidential resource
    resources: frozenset[str] = frozenset()  # delegated resources, confidential or not
    roles: tuple[str, ...] = ()
    via_parent: str | None = None  # the main unit whose roles open this sub-unit

    def allows(self, resource_id: str, is_confidential: bool) -> bool:
        if resource_id in self.resources:
            return True
        return self.confidential if is_confidential else self.non_confidential


@dataclass(frozen=True, slots=True)
class AccessScope:
    grants: dict[str, PartyGrant] = field(default_factory=dict)

    def can_read(self, party: str, resource_id: str, is_confidential: bool) -> bool:
        grant = self.grants.get(party)
        return grant is not None and grant.allows(resource_id, is_confidential)

    def restricted_to(self, parties: list[str]) -> AccessScope:
        return AccessScope({p: g for p, g in self.grants.items() if p in parties})

    @property
    def parties(self) -> list[str]:
        return list(self.grants)


async def access_scope(actor: Actor) -> AccessScope:
    """The inboxes the actor may read; empty for service owners and administrators."""
    if not actor.has_scope(SCOPE_READ):
        return AccessScope()
    if actor.kind is ActorKind.SYSTEM and actor.organization_number:
        party = organization_urn(actor.organization_number)
        return AccessScope({party: PartyGrant(party, non_confidential=True, confidential=True)})
    if actor.kind is ActorKind.PERSON and actor.national_identity_number and actor.party:
        return await _person_scope(actor.national_identity_number, actor.party)
    return AccessScope()


# Roles, delegations and the sub-units that roles open, in one round trip: this runs on every recipient request.
_PERSON_GRANTS_SQL = """
SELECT 'role', organization_number, role_code, NULL FROM role WHERE national_identity_number = $1
UNION ALL
SELECT 'delegation', organization_number, resource_id, NULL FROM delegation WHERE national_identity_number = $1
UNION ALL
SELECT 'sub_unit', organization_number, NULL, parent_organization_number FROM organization
WHERE parent_organization_number IN (SELECT organization_number FROM role WHERE national_identity_number = $1)
"""


async def _person_grant_rows(pid: str) -> list[tuple[str, str, str | None, str | None]]:
    rows = await sql.fetch_raw(Role, _PERSON_GRANTS_SQL, [pid])
    return [(str(kind), str(orgno), value, parent) for kind, orgno, value, parent in rows]


# An organization a person has roles for, the role codes, and the main unit whose roles open it (if a sub-unit).
_RoleSource = tuple[str, list[str], str | None]


async def _person_scope(pid: str, own_party: str) -> AccessScope:
    roles_by_org: dict[str, list[str]] = {}
    delegated: dict[str, set[str]] = {}
    sub_units: list[tuple[str, str]] = []
    for kind, orgno, value, parent in await _person_grant_rows(pid):
        if kind == "role":
            roles_by_org.setdefault(orgno, []).append(str(value))
        elif kind == "delegation":
            delegated.setdefault(orgno, set()).add(str(value))
        else:
            sub_units.append((orgno, str(parent)))

    grants: dict[str, PartyGrant] = {own_party: PartyGrant(own_party, non_confidential=True, confidential=True)}
    role_sources: list[_RoleSource] = [(orgno, codes, None) for orgno, codes in roles_by_org.items()]
    role_sources += [(sub, roles_by_org[parent], parent) for sub, parent in sub_units if sub not in roles_by_org]
    for orgno, codes, parent in role_sources:
        party = organization_urn(orgno)
        grants[party] = PartyGrant(
            party,
            non_confidential=True,
            confidential=bool(CONFIDENTIAL_ROLES.intersection(codes)),
            resources=frozenset(delegated.pop(orgno, set())),
            roles=tuple(sorted(codes)),
            via_parent=organization_urn(parent) if parent else None,
        )
    for orgno, resources in delegated.items():
        party = organization_urn(orgno)
        grants[party] = PartyGrant(party, resources=frozenset(resources))
    return AccessScope(grants)


async def organization_has_confidential_reader(orgno: str, resource_id: str) -> bool:
    """Whether some person may read a confidential correspondence of `resource_id` in this organization's inbox:
    a confidential role in it or in its main unit, or a delegation of that resource."""
    organization = await Organization.get_or_none(organization_number=orgno)
    units = [orgno] + (
        [organization.parent_organization_number] if organization and organization.parent_organization_number else []
    )
    if await Role.filter(organization_number__in=units, role_code__in=sorted(CONFIDENTIAL_ROLES)).exists():
        return True
    return await Delegation.filter(organization_number=orgno, resource_id=resource_id).exists()
