"""The inbox query (contract §8 `correspondences`): filters, free-text search, ordering, keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from correspondence.access.actor import Actor, ActorKind
from correspondence.access.grants import AccessScope
from correspondence.correspondence import repository as repository
from correspondence.correspondence.models import Correspondence, CorrespondenceStatus
from correspondence.kit import db
from correspondence.kit.errors import BadUserInput, Forbidden, InputErrors
from correspondence.kit.identifiers import InvalidIdentifier, parse_party
from correspondence.kit.pagination import Page, keyset_page


class InboxRole(StrEnum):
    RECIPIENT = "RECIPIENT"
    SENDER = "SENDER"


class OrderField(StrEnum):
    PUBLISHED = "PUBLISHED"
    SENDER = "SENDER"
    RESOURCE = "RESOURCE"
    TITLE = "TITLE"
    DUE = "DUE"


# Every sort column is non-null and indexed with its scope, so a keyset cursor has a total order.
SORT_COLUMNS = {
    OrderField.PUBLISHED: "publish_at",
    OrderField.SENDER: "sender_name",
    OrderField.RESOURCE: "resource_id",
    OrderField.TITLE: "message_title",
    OrderField.DUE: "sort_due",
}


@dataclass(frozen=True)
class InboxFilter:
    role: InboxRole = InboxRole.RECIPIENT
    parties: Sequence[str] | None = None
    resource_ids: Sequence[str] | None = None
    statuses: Sequence[CorrespondenceStatus] | None = None
    sender: str | None = None
    published_from: datetime | None = None
    published_to: datetime | None = None
    unread: bool | None = None
    archived: bool | None = None
    senders_reference: str | None = None


@dataclass(frozen=True)
class InboxOrder:
    field: OrderField = OrderField.PUBLISHED
    descending: bool = True


@dataclass(frozen=True)
class InboxPage:
    page: Page[Correspondence]
    matching: db.Where  # the whole filtered set, for a total count when asked

    async def total_count(self) -> int:
        return await repository.count(self.matching)


def _party_urns(values: Sequence[str], field: str) -> list[str]:
    errors = InputErrors()
    urns: list[str] = []
    for index, value in enumerate(values):
        try:
            urns.append(parse_party(value).urn)
        except InvalidIdentifier as error:
            errors.add(f"{field}[{index}]", str(error))
    errors.raise_if_any()
    return urns


async def _scope(actor: Actor, access: AccessScope, where: InboxFilter) -> db.Where:
    if where.role is InboxRole.SENDER:
        if actor.kind is not ActorKind.SERVICE_OWNER:
            raise Forbidden("Only a service owner can list what it sent.")
        scope = repository.sent_by(actor)
        if where.parties is not None:
            scope = scope.and_in('"recipient"', _party_urns(where.parties, "filter.parties"))
        return scope
    if actor.kind not in (ActorKind.PERSON, ActorKind.SYSTEM):
        raise Forbidden("Only persons and end-user systems have inboxes; senders list with role SENDER.")
    if where.parties is not None:
        wanted = _party_urns(where.parties, "filter.parties")
        refused = [p for p in wanted if p not in access.grants]
        if refused:
            raise Forbidden(f"You may not read the inbox of {', '.join(refused)}.")
        access = access.restricted_to(wanted)
    return repository.readable_by_recipient(access)


def _filtered(scope: db.Where, where: InboxFilter) -> db.Where:
    if where.resource_ids is not None:
        scope = scope.and_in('"resource_id"', list(where.resource_ids))
    if where.statuses is not None:
        scope = scope.and_in('"status"', [status.value for status in where.statuses])
    if where.sender is not None:
        (sender,) = _party_urns([where.sender], "filter.sender")
        scope = scope.and_('"sender" = ?', sender)
    if where.published_from is not None:
        scope = scope.and_('"publish_at" >= ?', repository.column_value("publish_at", where.published_from))
    if where.published_to is not None:
        scope = scope.and_('"publish_at" < ?', repository.column_value("publish_at", where.published_to))
    if where.unread is not None:
        scope = scope.and_('"is_read" = ?', not where.unread)
    if where.archived is not None:
        scope = scope.and_('"is_archived" = ?', where.archived)
    if where.senders_reference is not None:
        scope = scope.and_('"senders_reference" = ?', where.senders_reference)
    return scope


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
    scope = _filtered(await _scope(actor, access, where), where)
    if search:
        scope = repository.matching(scope, search, within_inboxes=where.role is InboxRole.RECIPIENT)
    page = await keyset_page(Correspondence, scope, SORT_COLUMNS[order.field], order.descending, first, after)
    return InboxPage(page=page, matching=scope)
