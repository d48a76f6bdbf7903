"""Resolvers for correspondences: parse the input, pick the caller's side, call the lifecycle services."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.actor import ActorKind
from correspondence.access.context import Context
from correspondence.access.grants import AccessScope
from correspondence.correspondence import forwarding as forwarding
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence.attachments import ExternalAttachment
from correspondence.correspondence.carried_attachments import page_attachments
from correspondence.correspondence.inbox import (
    InboxFilter,
    InboxOrder,
    InboxRole,
    list_correspondences,
    party_urns,
    summarise_inboxes,
)
from correspondence.correspondence.repository import Narrowing
from correspondence.correspondence.send import Content, ExternalReference, ReplyOption, SendRequest, send
from correspondence.correspondence.types import (
    CorrespondenceConnectionType,
    CorrespondenceFilterInput,
    CorrespondenceOrderInput,
    CorrespondenceType,
    ForwardCorrespondenceInput,
    InboxSummaryType,
    OrderDirectionEnum,
    SendCorrespondenceInput,
    SendCorrespondencePayloadType,
)
from correspondence.kit.errors import Forbidden, InputErrors
from correspondence.kit.fair_use import LimitClass
from correspondence.kit.selection import selects
from correspondence.kit.turns import one_large_request_at_a_time
from correspondence.kit.unit_of_work import opens_its_unit_of_work, unit_of_work
from correspondence.notification.resolvers import correspondence_notification_input


def _aware(value: datetime | None, field: str, errors: InputErrors) -> datetime | None:
    if value is not None and value.tzinfo is None:
        errors.add(field, "Must include a time zone (for example 2026-12-01T09:00:00Z).")
        return None
    return value


def parse_send_input(data: SendCorrespondenceInput) -> SendRequest:
    errors = InputErrors()
    request = SendRequest(
        resource_id=data.resource_id,
        senders_reference=data.senders_reference,
        recipients=list(data.recipients),
        content=Content(
            language=data.content.language,
            message_title=data.content.message_title,
            message_summary=data.content.message_summary,
            message_body=data.content.message_body,
        ),
        message_sender=data.message_sender,
        requested_publish_time=_aware(data.requested_publish_time, "input.requestedPublishTime", errors),
        due_date_time=_aware(data.due_date_time, "input.dueDateTime", errors),
        allow_system_delete_after=_aware(data.allow_system_delete_after, "input.allowSystemDeleteAfter", errors),
        is_confirmation_needed=bool(data.is_confirmation_needed),
        is_confidential=data.is_confidential,
        ignore_reservation=bool(data.ignore_reservation),
        allow_forwarding=bool(data.allow_forwarding),
        idempotency_key=data.idempotency_key,
        property_list=[(p.key, p.value) for p in data.property_list or []],
        external_references=[
            ExternalReference(r.reference_type.value, r.reference_value) for r in data.external_references or []
        ],
        reply_options=[ReplyOption(o.link_url, o.link_text) for o in data.reply_options or []],
        existing_attachments=[str(i) for i in data.existing_attachments or []],
        external_attachments=[
            ExternalAttachment(a.url, a.file_name, a.display_name) for a in data.external_attachments or []
        ],
        notification=correspondence_notification_input(data.notification) if data.notification else None,
    )
    errors.raise_if_any()
    return request


@opens_its_unit_of_work  # a large send waits for its turn before its transaction opens
async def send_correspondence(
    info: Info[Context, Any], input: SendCorrespondenceInput
) -> SendCorrespondencePayloadType:
    actor = info.context.require_actor()
    request = replace(
        parse_send_input(input), reminder_delay=timedelta(seconds=info.context.settings.reminder_delay_seconds)
    )
    await info.context.take_fair_use(LimitClass.SEND, len(request.recipients))
    async with one_large_request_at_a_time(len(request.recipients)), unit_of_work():
        sent = await send(actor, request)
    return SendCorrespondencePayloadType(
        correspondences=[CorrespondenceType.from_model(c, as_sender=True) for c in sent]
    )


async def correspondence(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType | None:
    actor = info.context.require_actor()
    if actor.kind is ActorKind.SERVICE_OWNER:
        sent = await repository.get_for_sender(actor, id)
        return CorrespondenceType.from_model(sent, as_sender=True) if sent else None
    opened = await lifecycle.open_for_recipient(actor, await info.context.access(), id)
    return CorrespondenceType.from_model(opened, as_sender=False) if opened else None


async def mark_correspondence_read(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType:
    actor = info.context.require_actor()
    read = await lifecycle.mark_read(actor, await info.context.access(), id)
    return CorrespondenceType.from_model(read, as_sender=False)


async def confirm_correspondence(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType:
    actor = info.context.require_actor()
    confirmed = await lifecycle.confirm(actor, await info.context.access(), id)
    return CorrespondenceType.from_model(confirmed, as_sender=False)


async def archive_correspondence(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType:
    actor = info.context.require_actor()
    archived = await lifecycle.archive(actor, await info.context.access(), id)
    return CorrespondenceType.from_model(archived, as_sender=False)


async def unarchive_correspondence(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType:
    actor = info.context.require_actor()
    unarchived = await lifecycle.unarchive(actor, await info.context.access(), id)
    return CorrespondenceType.from_model(unarchived, as_sender=False)


async def purge_correspondence(info: Info[Context, Any], id: strawberry.ID) -> CorrespondenceType:
    actor = info.context.require_actor()
    if actor.kind is ActorKind.SERVICE_OWNER:
        return CorrespondenceType.from_model(await lifecycle.purge_by_sender(actor, id), as_sender=True)
    if actor.kind in (ActorKind.PERSON, ActorKind.SYSTEM):
        purged = await lifecycle.purge_by_recipient(actor, await info.context.access(), id)
        return CorrespondenceType.from_model(purged, as_sender=False)
    raise Forbidden("Only the recipient, or the sender before publishing, can purge a correspondence.")


def parse_filter(data: CorrespondenceFilterInput | None) -> InboxFilter:
    if data is None:
        return InboxFilter()
    errors = InputErrors()
    narrowing = Narrowing(
        resource_ids=data.resource_ids,
        statuses=data.statuses,
        sender=party_urns([data.sender], "filter.sender")[0] if data.sender is not None else None,
        published_from=_aware(data.from_, "filter.from", errors),
        published_to=_aware(data.to, "filter.to", errors),
        unread=data.unread,
        archived=data.archived,
        senders_reference=data.senders_reference,
    )
    where = InboxFilter(role=data.role or InboxRole.RECIPIENT, parties=data.parties, narrowing=narrowing)
    errors.raise_if_any()
    return where


async def correspondences(
    info: Info[Context, Any],
    filter: CorrespondenceFilterInput | None = None,
    search: str | None = None,
    order_by: CorrespondenceOrderInput | None = None,
    first: int | None = 20,
    after: str | None = None,
) -> CorrespondenceConnectionType:
    actor = info.context.require_actor()
    where = parse_filter(filter)
    order = (
        InboxOrder(field=order_by.field, descending=order_by.direction is OrderDirectionEnum.DESC)
        if order_by
        else InboxOrder()
    )
    access = await info.context.access() if where.role is InboxRole.RECIPIENT else AccessScope()
    inbox = await list_correspondences(actor, access, where, search, order, 20 if first is None else first, after)
    connection = CorrespondenceConnectionType.from_page(inbox, as_sender=where.role is InboxRole.SENDER)
    if any(selects(field.selections, ("edges", "node", "attachments")) for field in info.selected_fields):
        nodes = [edge.node for edge in connection.edges]
        for node, attachments in zip(nodes, await page_attachments(info, inbox.page.rows), strict=True):
            node.prefetched_attachments = attachments
    return connection


async def inbox_summary(info: Info[Context, Any], parties: list[str] | None = None) -> list[InboxSummaryType]:
    summaries = await summarise_inboxes(await info.context.access(), parties)
    return [InboxSummaryType.from_summary(s) for s in summaries]


async def forward_correspondence(
    info: Info[Context, Any], id: strawberry.ID, input: ForwardCorrespondenceInput
) -> CorrespondenceType:
    actor = info.context.require_actor()
    forwarded = await forwarding.forward(
        actor, await info.context.access(), id, input.email_address, input.forwarding_text
    )
    return CorrespondenceType.from_model(forwarded, as_sender=False)
