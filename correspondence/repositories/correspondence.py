"""Every correspondence query starts here, from what the actor may see.

Recipients: published, not purged, in an inbox their access scope opens (design §2 and §3).
Senders: everything their organization sent. Nothing else reads correspondences for a caller.
"""

from __future__ import annotations

import re
from uuid import UUID

from tortoise.expressions import Q, RawSQL
from tortoise.queryset import QuerySet

from correspondence.auth import Actor, ActorKind
from correspondence.models import Correspondence
from correspondence.models.correspondence import VISIBLE_TO_RECIPIENT
from correspondence.services.access import AccessScope, PartyGrant


def _grant_condition(grant: PartyGrant) -> Q | None:
    kinds: list[Q] = []
    if grant.non_confidential and grant.confidential:
        return Q(recipient=grant.party)
    if grant.non_confidential:
        kinds.append(Q(is_confidential=False))
    if grant.confidential:
        kinds.append(Q(is_confidential=True))
    if grant.resources:
        kinds.append(Q(resource_id__in=sorted(grant.resources)))
    if not kinds:
        return None
    return Q(recipient=grant.party) & Q(*kinds, join_type="OR")


def readable_by_recipient(access: AccessScope) -> QuerySet[Correspondence]:
    conditions = [c for c in map(_grant_condition, access.grants.values()) if c is not None]
    if not conditions:
        return Correspondence.filter(id__isnull=True)  # matches nothing, still a queryset to compose
    return Correspondence.filter(status__in=VISIBLE_TO_RECIPIENT).filter(Q(*conditions, join_type="OR"))


def sent_by(actor: Actor) -> QuerySet[Correspondence]:
    if actor.kind is not ActorKind.SERVICE_OWNER or actor.party is None:
        return Correspondence.filter(id__isnull=True)
    return Correspondence.filter(sender=actor.party)


def parse_id(value: str) -> UUID | None:
    """Correspondence ids are UUIDs; anything else is an id that does not exist."""
    try:
        return UUID(str(value))
    except ValueError:
        return None


async def get_for_recipient(access: AccessScope, correspondence_id: str) -> Correspondence | None:
    uuid = parse_id(correspondence_id)
    return None if uuid is None else await readable_by_recipient(access).get_or_none(id=uuid)


async def get_for_sender(actor: Actor, correspondence_id: str) -> Correspondence | None:
    uuid = parse_id(correspondence_id)
    return None if uuid is None else await sent_by(actor).get_or_none(id=uuid)


def _search_terms(text: str) -> list[str]:
    # Only word characters reach the SQL text below: no quote, operator or syntax of the user's survives.
    return [term[:64] for term in re.findall(r"\w+", text.casefold())[:12]]


def matching(queryset: QuerySet[Correspondence], text: str, *, within_inboxes: bool) -> QuerySet[Correspondence]:
    """Full-text search over title, summary and body; every word must match, each also as a prefix.

    `within_inboxes`: the queryset is scoped to a few recipients' inboxes. PostgreSQL then filters those rows
    directly: left to itself, the planner underestimates prefix matches and ANDs the GIN index (hundreds of
    thousands of entries for a common prefix, ~40 ms on 1M rows) with the mailbox's few thousand rows (~2 ms).
    """
    terms = _search_terms(text)
    if not terms:
        return queryset
    if Correspondence._meta.db.capabilities.dialect == "postgres":
        query = " & ".join(f"{term}:*" for term in terms)
        # `|| ''::tsvector` is the same vector, but an expression the GIN index cannot serve.
        vector = (
            '("correspondence"."search_vector" || \'\'::tsvector)'
            if within_inboxes
            else '"correspondence"."search_vector"'
        )
        condition = f"{vector} @@ to_tsquery('norwegian', '{query}')"
    else:
        query = " ".join(f'"{term}"*' for term in terms)
        condition = (
            '"correspondence"."rowid" IN '
            f"(SELECT rowid FROM correspondence_fts WHERE correspondence_fts MATCH '{query}')"
        )
    return queryset.annotate(search_match=RawSQL(condition)).filter(search_match=True)
