"""The access rule as a SQL condition over rows that carry a party, a resource and a confidential flag.

Each grant of an `AccessScope` becomes one disjunct, exactly as `PartyGrant.allows` decides in memory. The
caller names its columns (quoted, qualified if it joins), so the rule knows no table of any domain.
"""

from __future__ import annotations

from dataclasses import dataclass

from correspondence.access.actor import Actor
from correspondence.access.grants import AccessScope, PartyGrant, sender_party
from correspondence.kit import db


@dataclass(frozen=True, slots=True)
class GrantColumns:
    """The quoted columns a row is judged by."""

    party: str
    resource_id: str
    is_confidential: str


def grant_condition(grant: PartyGrant, columns: GrantColumns) -> tuple[str, list[object]] | None:
    """The rows one grant opens: a condition with `?` marks and its values; None if it opens nothing."""
    if grant.non_confidential and grant.confidential:
        return f"{columns.party} = ?", [grant.party]
    kinds: list[str] = []
    if grant.non_confidential:
        kinds.append(f"NOT {columns.is_confidential}")
    if grant.confidential:
        kinds.append(columns.is_confidential)
    if grant.resources:
        kinds.append(f"{columns.resource_id} IN ({db.marks(len(grant.resources))})")
    if not kinds:
        return None
    return f"{columns.party} = ? AND ({' OR '.join(kinds)})", [grant.party, *sorted(grant.resources)]


def readable_condition(access: AccessScope, columns: GrantColumns) -> tuple[str, list[object]] | None:
    """The rows any grant of the scope opens, as one condition; None if the scope opens nothing."""
    conditions = [c for c in (grant_condition(g, columns) for g in access.grants.values()) if c is not None]
    if not conditions:
        return None
    return " OR ".join(f"({sql})" for sql, _ in conditions), [v for _, values in conditions for v in values]


def sent_condition(actor: Actor, sender_column: str) -> tuple[str, list[object]] | None:
    """The rows a service owner sent; None for every other actor."""
    party = sender_party(actor)
    return None if party is None else (f"{sender_column} = ?", [party])
