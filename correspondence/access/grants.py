"""The access rule (contract §2), as values: what opens which inbox, and the in-memory check.

A person reads their own inbox; a role in an organization opens its non-confidential resources, and those of its
sub-units; only the confidential roles open confidential ones; a delegation opens one resource, confidential or
not. An end-user system reads its organization's inbox. Service owners read what they send and administrators
administer; neither reads inboxes. The SQL form (`access.sql`), the batched form (`access.batch`) and the scope
of an actor (`access.scope`) are all built from `party_grant`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from correspondence.access.actor import Actor, ActorKind

# Altinn's rule: only these roles open an organization's confidential correspondences.
CONFIDENTIAL_ROLES = frozenset({"DAGL", "LEDE", "INNH", "DTPR", "DTSO", "KOMP", "BEST"})

# The role that administers an organization's delegations (its "daglig leder").
DELEGATION_ADMINISTRATOR_ROLE = "DAGL"


@dataclass(frozen=True, slots=True)
class PartyGrant:
    """What an actor may read in one party's inbox."""

    party: str
    non_confidential: bool = False  # every non-confidential resource
    confidential: bool = False  # every confidential resource
    resources: frozenset[str] = frozenset()  # delegated resources, confidential or not
    roles: tuple[str, ...] = ()
    via_parent: str | None = None  # the main unit whose roles open this sub-unit

    def allows(self, resource_id: str | None, is_confidential: bool) -> bool:
        if resource_id is not None and resource_id in self.resources:
            return True
        return self.confidential if is_confidential else self.non_confidential


def whole_inbox(party: str) -> PartyGrant:
    """A person's own inbox, or an end-user system's organization: everything in it."""
    return PartyGrant(party, non_confidential=True, confidential=True)


def party_grant(
    party: str, roles: Iterable[str], delegated: Collection[str], via_parent: str | None = None
) -> PartyGrant:
    """What a person's roles (in the organization and in its main unit) and delegations there open."""
    codes = tuple(sorted(set(roles)))
    return PartyGrant(
        party,
        non_confidential=bool(codes),
        confidential=bool(CONFIDENTIAL_ROLES.intersection(codes)),
        resources=frozenset(delegated),
        roles=codes,
        via_parent=via_parent,
    )


@dataclass(frozen=True, slots=True)
class AccessScope:
    """The inboxes an actor may read, one grant per party."""

    grants: dict[str, PartyGrant] = field(default_factory=dict)

    def can_read(self, party: str, resource_id: str, is_confidential: bool) -> bool:
        grant = self.grants.get(party)
        return grant is not None and grant.allows(resource_id, is_confidential)

    def restricted_to(self, parties: list[str]) -> AccessScope:
        return AccessScope({p: g for p, g in self.grants.items() if p in parties})

    @property
    def parties(self) -> list[str]:
        return list(self.grants)


def sender_party(actor: Actor) -> str | None:
    """The organization a service owner sends for: it sees everything sent in that name, and only that."""
    return actor.party if actor.kind is ActorKind.SERVICE_OWNER else None


def ordering_party(actor: Actor) -> str | None:
    """The organization a service owner orders notifications for: it reads those orders and their notifications,
    and it alone follows the events of its standalone orders (contract §11); None for every other actor."""
    return actor.party if actor.kind is ActorKind.SERVICE_OWNER else None


def administers_delegations(role_codes: Iterable[str]) -> bool:
    """Whether a person with these roles in an organization (or its main unit) grants and revokes its
    delegations."""
    return DELEGATION_ADMINISTRATOR_ROLE in set(role_codes)
