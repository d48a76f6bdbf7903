"""The inbox query (contract §8 `correspondences`): filters, free-text search, ordering, keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.correspondence import repository as repository
from correspondence.correspondence.repository import Correspondence, Narrowing, OrderField
from correspondence.kit.errors import BadUserInput, Forbidden, InputErrors
from correspondence.kit.identifiers import InvalidIdentifier, parse_party
from correspondence.kit.pagination import Page
from correspondence.registry.party_names import names_of


class InboxRole(StrEnum):
    RECIPIENT = "RECIPIENT"
    SENDER = "SENDER"


@dataclass(frozen=True)
class InboxFilter:
    role: InboxRole = InboxRole.RECIPIENT
    parties: Sequence[str] | None = None
    narrowing: Narrowing = field(default_factory=Narrowing)


@dataclass(frozen=True)
class InboxOrder:
    field: OrderField = OrderField.PUBLISHED
    descending: bool = True


@dataclass(frozen=True)
class InboxPage:
    page: Page[Correspondence]
    matching: repository.Scope  # the whole filtered set, for a total count when asked

    async def total_count(self) -> int:
        return await repository.count(self.matching)


def party_urns(values: Sequence[str], field: str) -> list[str]:
    errors = InputErrors()
    urns: list[str] = []
    for index, value in enumerate(values):
        try:
            urns.append(parse_party(value).urn)
        except InvalidIdentifier as error:
            errors.add(f"{field}[{index}]", str(error))
    errors.raise_if_any()
    return urns


async def _scope(actor: Actor, access: AccessScope, where: InboxFilter) -> repository.Scope:
    if where.role is InboxRole.SENDER:
        if actor.kind is not ActorKind.SERVICE_OWNER:
            raise Forbidden("Only a service owner can list what it sent.")
        scope = repository.sent_by(actor)
        if where.parties is not None:
            scope = repository.to_recipients(scope, party_urns(where.parties, "filter.parties"))
        return scope
    if actor.kind not in (ActorKind.PERSON, ActorKind.SYSTEM):
        raise Forbidden("Only persons and end-user systems have inboxes; senders list with role SENDER.")
    if where.parties is not None:
        access = access.restricted_to(_readable(access, party_urns(where.parties, "filter.parties")))
    return repository.readable_by_recipient(access)


def _readable(access: AccessScope, wanted: list[str]) -> list[str]:
    """`wanted`, if the caller may read every one of those inboxes; an unknown party is refused the same way."""
    refused = [p for p in wanted if p not in access.grants]
    if refused:
        raise Forbidden(f"You may not read the inbox of {', '.join(refused)}.")
    return wanted


async def list_correspondences(
    actor: Actor,
    access: AccessScope,
    where: InboxFilter,
    search: str | None,
    order: InboxOrder,
    first: int,
    after: str | None,
) -> InboxPage:
    if search is not None and len(search) > 500:
        raise BadUserInput.single("search", "At most 500 characters.")
    scope = repository.narrowed(await _scope(actor, access, where), where.narrowing)
    if where.role is InboxRole.SENDER and (search or order.field is OrderField.TITLE):
        scope = repository.with_content_shown_to_sender(scope)
    if search:
        scope = repository.matching(scope, search, within_inboxes=where.role is InboxRole.RECIPIENT)
    page = await repository.page(scope, order.field, order.descending, first, after)
    return InboxPage(page=page, matching=scope)


@dataclass(frozen=True)
class InboxSummary:
    """The counts of one inbox the caller reads (contract §13 `inboxSummary`)."""

    party: str
    name: str | None
    counts: repository.InboxCounts


async def summarise_inboxes(access: AccessScope, parties: Sequence[str] | None) -> list[InboxSummary]:
    """Per party (those named, else every inbox the caller reads): letters it sees there, unread, and awaiting
    a needed confirmation. Counted under the same access rule as the inbox itself, from kept counters."""
    if parties is None:
        wanted = access.parties
    else:
        wanted = _readable(access, list(dict.fromkeys(party_urns(parties, "parties"))))
    if not wanted:
        return []
    counted = await repository.counts_by_recipient(access.restricted_to(wanted))
    none = repository.InboxCounts(total=0, unread=0, awaiting_confirmation=0)
    names = await names_of(wanted)
    return [InboxSummary(party, name, counted.get(party, none)) for party, name in zip(wanted, names, strict=True)]
