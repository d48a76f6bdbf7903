"""The registry facts that access is judged from: roles, delegations and sub-units.

`correspondence.access` reads the registry only through these queries; what the facts mean is its business.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from correspondence.kit import sql
from correspondence.registry.models import Delegation, Organization, Role


@dataclass
class PersonFacts:
    """One person's roles and delegations, and the sub-units of the organizations the roles are held in."""

    roles: dict[str, set[str]] = field(default_factory=dict)  # orgno -> role codes
    delegations: dict[str, set[str]] = field(default_factory=dict)  # orgno -> resource ids
    parents: dict[str, str] = field(default_factory=dict)  # sub-unit orgno -> main unit orgno


# Roles, delegations and the sub-units that roles open, in one round trip: this runs whenever a person's access
# is not cached.
_PERSON_FACTS_SQL = """
SELECT 'role', organization_number, role_code FROM role WHERE national_identity_number = $1
UNION ALL
SELECT 'delegation', organization_number, resource_id FROM delegation WHERE national_identity_number = $1
UNION ALL
SELECT 'sub_unit', organization_number, parent_organization_number FROM organization
WHERE parent_organization_number IN (SELECT organization_number FROM role WHERE national_identity_number = $1)
"""


async def person_facts(pid: str) -> PersonFacts:
    facts = PersonFacts()
    for kind, orgno, value in await sql.fetch_raw(Role, _PERSON_FACTS_SQL, [pid]):
        if kind == "role":
            facts.roles.setdefault(str(orgno), set()).add(str(value))
        elif kind == "delegation":
            facts.delegations.setdefault(str(orgno), set()).add(str(value))
        else:
            facts.parents[str(orgno)] = str(value)
    return facts


async def parents_of(orgnos: Collection[str]) -> dict[str, str]:
    """The main unit of each sub-unit among `orgnos`."""
    if not orgnos:
        return {}
    rows = await Organization.filter(organization_number__in=sorted(orgnos), parent_organization_number__isnull=False)
    return {o.organization_number: str(o.parent_organization_number) for o in rows}


async def roles_in(orgnos: Collection[str], pid: str | None = None) -> list[tuple[str, str, str]]:
    """(person, organization, role code) of every role held in `orgnos`, or only `pid`'s."""
    if not orgnos:
        return []
    query = Role.filter(organization_number__in=sorted(orgnos))
    if pid is not None:
        query = query.filter(national_identity_number=pid)
    rows = await query.values_list("national_identity_number", "organization_number", "role_code")
    return [(str(p), str(o), str(c)) for p, o, c in rows]


async def delegations_of(orgnos: Collection[str], resource_id: str) -> list[tuple[str, str]]:
    """(person, organization) of every delegation of `resource_id` in `orgnos`."""
    if not orgnos:
        return []
    rows = await Delegation.filter(organization_number__in=sorted(orgnos), resource_id=resource_id).values_list(
        "national_identity_number", "organization_number"
    )
    return [(str(p), str(o)) for p, o in rows]
