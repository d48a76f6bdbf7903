"""Loading an actor's access: which inboxes it may read (contract §2), and its right to administer delegations.

Callers judging an operation use `access.cache.access_of`, which serves these loads from the process's cache.
"""

from __future__ import annotations

from correspondence.access.actor import SCOPE_READ, Actor, ActorKind
from correspondence.access.grants import AccessScope, PartyGrant, administers_delegations, party_grant, whole_inbox
from correspondence.kit.errors import Forbidden
from correspondence.kit.identifiers import organization_urn, person_urn
from correspondence.registry import grants as registry


def registry_free_scope(actor: Actor) -> AccessScope | None:
    """The scope of an actor whose access the registry does not decide; None for a person reading inboxes."""
    if not actor.has_scope(SCOPE_READ):
        return AccessScope()
    if actor.kind is ActorKind.SYSTEM and actor.organization_number:
        party = organization_urn(actor.organization_number)
        return AccessScope({party: whole_inbox(party)})
    if actor.kind is ActorKind.PERSON and actor.national_identity_number:
        return None
    return AccessScope()  # service owners and administrators read no inboxes


async def person_scope(pid: str) -> AccessScope:
    """Own inbox, every organization the person has roles in or whose sub-unit it is, and delegations."""
    facts = await registry.person_facts(pid)
    own = person_urn(pid)
    grants: dict[str, PartyGrant] = {own: whole_inbox(own)}
    for orgno in sorted(facts.roles.keys() | facts.delegations.keys() | facts.parents.keys()):
        own_roles = facts.roles.get(orgno, set())
        parent = facts.parents.get(orgno)
        parent_roles = facts.roles.get(parent, set()) if parent else set()
        party = organization_urn(orgno)
        grants[party] = party_grant(
            party,
            own_roles | parent_roles,
            facts.delegations.get(orgno, set()),
            via_parent=organization_urn(parent) if parent and parent_roles and not own_roles else None,
        )
    return AccessScope(grants)


async def load_scope(actor: Actor) -> AccessScope:
    """The inboxes the actor may read, read from the registry now (uncached)."""
    scope = registry_free_scope(actor)
    if scope is not None:
        return scope
    assert actor.national_identity_number is not None  # registry_free_scope answers for everyone else
    return await person_scope(actor.national_identity_number)


async def require_delegation_rights(actor: Actor, orgno: str) -> None:
    """Administrators always; a person who is DAGL of the organization, or of its main unit (roles reach
    sub-units, as for reading)."""
    if actor.kind is ActorKind.ADMIN:
        return
    if actor.kind is ActorKind.PERSON and actor.national_identity_number:
        units = [orgno, *(await registry.parents_of([orgno])).values()]
        roles = await registry.roles_in(units, actor.national_identity_number)
        if administers_delegations(code for _, _, code in roles):
            return
    raise Forbidden("Only an administrator or the organization's DAGL (daglig leder) may manage its delegations.")
