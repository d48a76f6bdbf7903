"""Which inboxes an actor may read (design §2): own inbox, roles (with sub-units), delegations.

Every recipient-side query starts from an `AccessScope`, so no code path can forget access control.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from correspondence.auth import SCOPE_READ, Actor, ActorKind
from correspondence.identifiers import organization_urn
from correspondence.models import Delegation, Organization, Role

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


async def _person_scope(pid: str, own_party: str) -> AccessScope:
    roles = await Role.filter(national_identity_number=pid).values_list("organization_number", "role_code")
    delegations = await Delegation.filter(national_identity_number=pid).values_list(
        "organization_number", "resource_id"
    )
    roles_by_org: dict[str, list[str]] = {}
    for orgno, code in roles:
        roles_by_org.setdefault(orgno, []).append(str(code))
    sub_units = await Organization.filter(parent_organization_number__in=list(roles_by_org)).values_list(
        "organization_number", "parent_organization_number"
    )
    delegated: dict[str, set[str]] = {}
    for orgno, resource_id in delegations:
        delegated.setdefault(orgno, set()).add(str(resource_id))

    grants: dict[str, PartyGrant] = {own_party: PartyGrant(own_party, non_confidential=True, confidential=True)}
    role_sources = [(orgno, codes, None) for orgno, codes in roles_by_org.items()]
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
