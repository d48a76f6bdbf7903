"""The access rule as a SQL condition over rows that carry a party, a resource and a confidential flag.

Each grant of an `AccessScope` becomes one disjunct, exactly as `PartyGrant.allows` decides in memory. The
caller names its columns (typed, from its models' metadata), so the rule knows no table of any domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from correspondence.access.actor import Actor
from correspondence.access.grants import AccessScope, PartyGrant, ordering_party, sender_party
from correspondence.kit.sql import Column, marks


@dataclass(frozen=True, slots=True)
class GrantColumns:
    """The columns a row is judged by."""

    party: Column
    resource_id: Column
    is_confidential: Column


def grant_condition(grant: PartyGrant, columns: GrantColumns) -> tuple[str, list[object]] | None:
    """The rows one grant opens: a condition with `?` marks and its values; None if it opens nothing."""
    party, resource_id, is_confidential = columns.party.sql, columns.resource_id.sql, columns.is_confidential.sql
    if grant.non_confidential and grant.confidential:
        return f"{party} = ?", [grant.party]
    kinds: list[str] = []
    if grant.non_confidential:
        kinds.append(f"NOT {is_confidential}")
    if grant.confidential:
        kinds.append(is_confidential)
    if grant.resources:
        kinds.append(f"{resource_id} IN ({marks(len(grant.resources))})")
    if not kinds:
        return None
    return f"{party} = ? AND ({' OR '.join(kinds)})", [grant.party, *sorted(grant.resources)]


def readable_condition(access: AccessScope, columns: GrantColumns) -> tuple[str, list[object]] | None:
    """The rows any grant of the scope opens, as one condition; None if the scope opens nothing."""
    conditions = [c for c in (grant_condition(g, columns) for g in access.grants.values()) if c is not None]
    if not conditions:
        return None
    return " OR ".join(f"({sql})" for sql, _ in conditions), [v for _, values in conditions for v in values]


def sent_condition(actor: Actor, sender: Column) -> tuple[str, list[object]] | None:
    """The rows a service owner sent; None for every other actor."""
    party = sender_party(actor)
    return None if party is None else (f"{sender.sql} = ?", [party])


def ordered_condition(actor: Actor, creator: Column) -> tuple[str, list[object]] | None:
    """The rows of notification orders a service owner's organization created; None for every other actor."""
    party = ordering_party(actor)
    return None if party is None else (f"{creator.sql} = ?", [party])
