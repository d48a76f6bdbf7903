"""GraphQL types and inputs of correspondences (contract §8)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import datetime
from enum import Enum
from typing import Any
from uuid import UUID

import strawberry
from strawberry.types import Info

from correspondence.access.actor import ActorKind
from correspondence.access.context import Context
from correspondence.attachment.types import CorrespondenceAttachmentType
from correspondence.correspondence import statuses
from correspondence.correspondence.carried_attachments import correspondence_attachments
from correspondence.correspondence.content import plain_html
from correspondence.correspondence.forwarding import shows_forwarding
from correspondence.correspondence.inbox import InboxPage, InboxRole, InboxSummary
from correspondence.correspondence.loaders import ActivitiesLoader, StatusHistoryLoader
from correspondence.correspondence.repository import Correspondence, OrderField
from correspondence.correspondence.statuses import CorrespondenceStatus
from correspondence.kit.connection import PageInfoType
from correspondence.kit.identifiers import PERSON_URN_PREFIX
from correspondence.notification.loaders import NotificationOrdersByCorrespondenceLoader
from correspondence.notification.types import CorrespondenceNotificationInput, NotificationOrderType
from correspondence.registry.loaders import PartyNameLoader

CorrespondenceStatusEnum = strawberry.enum(CorrespondenceStatus, name="CorrespondenceStatus")
ActivityTypeEnum = strawberry.enum(statuses.ActivityType, name="ActivityType")


@strawberry.enum(name="ExternalReferenceType")
class ExternalReferenceTypeEnum(Enum):
    GENERIC = "GENERIC"
    ALTINN_APP_INSTANCE = "ALTINN_APP_INSTANCE"
    ALTINN_BROKER_FILE_TRANSFER = "ALTINN_BROKER_FILE_TRANSFER"
    DIALOGPORTEN_DIALOG_ID = "DIALOGPORTEN_DIALOG_ID"


@strawberry.type(name="CorrespondenceContent")
class CorrespondenceContentType:
    language: str
    message_title: str
    message_summary: str | None
    message_body: str


ACTOR_DESCRIPTION = (
    "Who did it: an organization's URN, your own party's URN, or for another person their name in the register; "
    "a sender sees the recipient party. Never another person's national identity number."
)


@strawberry.type(name="CorrespondenceStatusEntry")
class CorrespondenceStatusEntryType:
    status: CorrespondenceStatusEnum  # type: ignore[valid-type]
    status_text: str | None
    status_changed: datetime
    actor: str | None = strawberry.field(description=ACTOR_DESCRIPTION)


@strawberry.type(name="Activity")
class ActivityType:
    id: strawberry.ID
    type: ActivityTypeEnum  # type: ignore[valid-type]
    occurred_at: datetime
    actor: str | None = strawberry.field(description=ACTOR_DESCRIPTION)
    text: str | None


async def _shown_actor(info: Info[Context, Any], correspondence: CorrespondenceType, actor: str | None) -> str | None:
    """The actor of a history entry as this viewer may see it (contract §10): a person's national identity number
    is theirs and the sender's business only. Colleagues reading an organization's letter see each other's names;
    a sender learns that the recipient party acted, not which of its people did."""
    viewer = info.context.require_actor()
    if actor is None or not actor.startswith(PERSON_URN_PREFIX) or actor == viewer.party:
        return actor
    if viewer.kind is ActorKind.SERVICE_OWNER:  # a service owner sees only what its organization sent
        return correspondence.recipient
    return await info.context.loaders.get(PartyNameLoader).load(actor) or correspondence.recipient


@strawberry.type(name="KeyValue")
class KeyValueType:
    key: str
    value: str


@strawberry.type(name="ExternalReference")
class ExternalReferenceType:
    reference_type: ExternalReferenceTypeEnum
    reference_value: str


@strawberry.type(name="ReplyOption")
class ReplyOptionType:
    link_url: str
    link_text: str | None


@strawberry.type(name="Correspondence")
class CorrespondenceType:
    model: strawberry.Private[Correspondence]
    id: strawberry.ID
    resource_id: str
    sender: str
    sender_name: str
    recipient: str
    message_sender: str | None
    senders_reference: str
    status: CorrespondenceStatusEnum  # type: ignore[valid-type]
    is_archived: bool
    created: datetime
    published: datetime | None
    requested_publish_time: datetime | None
    due_date_time: datetime | None
    allow_system_delete_after: datetime | None
    is_confirmation_needed: bool
    is_confidential: bool
    allow_forwarding: bool = strawberry.field(description="Whether readers may forward it by e-mail.")
    property_list: list[KeyValueType]
    external_references: list[ExternalReferenceType]
    reply_options: list[ReplyOptionType]
    content: CorrespondenceContentType | None = strawberry.field(
        description="The letter itself; null for its sender once published, and for everybody once purged."
    )
    prefetched_attachments: strawberry.Private[list[CorrespondenceAttachmentType] | None] = None

    @classmethod
    def from_model(cls, model: Correspondence, *, as_sender: bool) -> CorrespondenceType:
        # Senders follow receipts; the content is theirs to see only until the recipient has it (contract §3).
        show_content = not model.content_purged and not (as_sender and model.published is not None)
        return cls(
            model=model,
            id=strawberry.ID(str(model.id)),
            resource_id=model.resource_id,
            sender=model.sender,
            sender_name=model.sender_name,
            recipient=model.recipient,
            message_sender=model.message_sender,
            senders_reference=model.senders_reference,
            status=model.status,
            is_archived=model.is_archived,
            created=model.created,
            published=model.published,
            requested_publish_time=model.requested_publish_time,
            due_date_time=model.due_date_time,
            allow_system_delete_after=model.allow_system_delete_after,
            is_confirmation_needed=model.is_confirmation_needed,
            is_confidential=model.is_confidential,
            allow_forwarding=model.allow_forwarding,
            property_list=[KeyValueType(key=k, value=v) for k, v in (model.property_list or {}).items()],
            external_references=[
                ExternalReferenceType(
                    reference_type=ExternalReferenceTypeEnum(r["referenceType"]), reference_value=r["referenceValue"]
                )
                for r in model.external_references or []
            ],
            reply_options=[
                ReplyOptionType(link_url=str(o["linkUrl"]), link_text=o.get("linkText"))
                for o in model.reply_options or []
            ],
            content=CorrespondenceContentType(
                language=model.language,
                message_title=model.message_title,
                message_summary=model.message_summary,
                message_body=model.message_body,
            )
            if show_content
            else None,
        )

    @strawberry.field(description="The Markdown body rendered to sanitised HTML; null where content is.")  # type: ignore[untyped-decorator]
    def body_html(self) -> str | None:
        # Rendered when sent; a row from before that, not yet rendered by the sweep, shows its text escaped.
        if self.content is None:
            return None
        return self.model.body_html if self.model.body_html is not None else plain_html(self.content.message_body)

    @strawberry.field
    async def recipient_name(self, info: Info[Context, Any]) -> str | None:
        return await info.context.loaders.get(PartyNameLoader).load(self.recipient)

    @strawberry.field
    async def status_history(self, info: Info[Context, Any]) -> list[CorrespondenceStatusEntryType]:
        viewer = info.context.require_actor()
        entries = [
            e
            for e in await info.context.loaders.get(StatusHistoryLoader).load(self.model.id)
            if e.status is not CorrespondenceStatus.FORWARDED or shows_forwarding(viewer, e.actor)
        ]
        actors = await asyncio.gather(*(_shown_actor(info, self, e.actor) for e in entries))
        return [
            CorrespondenceStatusEntryType(
                status=e.status, status_text=e.status_text, status_changed=e.status_changed, actor=actor
            )
            for e, actor in zip(entries, actors, strict=True)
        ]

    @strawberry.field(  # type: ignore[untyped-decorator]
        graphql_type=list[CorrespondenceAttachmentType],
        description="Attachments in the sender's order, each with a short-lived downloadUrl.",
    )
    def attachments(
        self, info: Info[Context, Any]
    ) -> list[CorrespondenceAttachmentType] | Awaitable[list[CorrespondenceAttachmentType]]:
        # Not a coroutine function: a page's nodes come with their attachments prefetched, and answering them
        # synchronously spares GraphQL execution an awaitable per node. A single correspondence loads its own.
        if self.prefetched_attachments is not None:
            return self.prefetched_attachments
        return correspondence_attachments(info, self.model)

    @strawberry.field(description="The notification orders and reminders of this correspondence; for its sender.")  # type: ignore[untyped-decorator]
    async def notification_orders(self, info: Info[Context, Any]) -> list[NotificationOrderType]:
        # Who was notified where is the sender's business, not the inbox's: the loader reads what the actor may.
        reader = info.context.require_actor()
        orders = await info.context.loaders.get(NotificationOrdersByCorrespondenceLoader).load(
            (reader, str(self.model.id))
        )
        return [NotificationOrderType.from_model(o) for o in orders]

    @strawberry.field
    async def activities(self, info: Info[Context, Any]) -> list[ActivityType]:
        viewer = info.context.require_actor()
        entries = [
            a
            for a in await info.context.loaders.get(ActivitiesLoader).load(self.model.id)
            if a.type is not statuses.ActivityType.FORWARDED or shows_forwarding(viewer, a.actor)
        ]
        actors = await asyncio.gather(*(_shown_actor(info, self, a.actor) for a in entries))
        return [
            ActivityType(id=strawberry.ID(str(a.id)), type=a.type, occurred_at=a.occurred_at, actor=actor, text=a.text)
            for a, actor in zip(entries, actors, strict=True)
        ]


@strawberry.type(name="SendCorrespondencePayload")
class SendCorrespondencePayloadType:
    correspondences: list[CorrespondenceType]


@strawberry.input
class CorrespondenceContentInput:
    language: str
    message_title: str
    message_body: str
    message_summary: str | None = None


@strawberry.input
class KeyValueInput:
    key: str
    value: str


@strawberry.input
class ExternalReferenceInput:
    reference_type: ExternalReferenceTypeEnum
    reference_value: str


@strawberry.input
class ReplyOptionInput:
    link_url: str
    link_text: str | None = None


@strawberry.input
class ExternalAttachmentInput:
    url: str = strawberry.field(description="Where the content lives: an https URL.")
    file_name: str
    display_name: str | None = None


@strawberry.input
class SendCorrespondenceInput:
    resource_id: str
    senders_reference: str
    recipients: list[str]
    content: CorrespondenceContentInput
    message_sender: str | None = None
    requested_publish_time: datetime | None = None
    due_date_time: datetime | None = None
    allow_system_delete_after: datetime | None = None
    is_confirmation_needed: bool | None = None
    is_confidential: bool | None = None
    ignore_reservation: bool | None = None
    allow_forwarding: bool | None = strawberry.field(
        default=None,
        description="Readers may forward it by e-mail (forwardCorrespondence). Refused for confidential letters and "
        "when the attachments total more than 10 MB.",
    )
    idempotency_key: UUID | None = None
    property_list: list[KeyValueInput] | None = None
    external_references: list[ExternalReferenceInput] | None = None
    reply_options: list[ReplyOptionInput] | None = None
    existing_attachments: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Attachments your organization uploaded; uploads in progress are waited for."
    )
    external_attachments: list[ExternalAttachmentInput] | None = None
    notification: CorrespondenceNotificationInput | None = None


CorrespondenceRoleEnum = strawberry.enum(InboxRole, name="CorrespondenceRole")
CorrespondenceOrderFieldEnum = strawberry.enum(OrderField, name="CorrespondenceOrderField")


@strawberry.enum(name="OrderDirection")
class OrderDirectionEnum(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input(name="CorrespondenceFilter")
class CorrespondenceFilterInput:
    role: CorrespondenceRoleEnum | None = InboxRole.RECIPIENT  # type: ignore[valid-type]
    parties: list[str] | None = None
    resource_ids: list[str] | None = None
    statuses: list[CorrespondenceStatusEnum] | None = None  # type: ignore[valid-type]
    sender: str | None = None
    from_: datetime | None = strawberry.field(default=None, name="from", description="Published at or after.")
    to: datetime | None = strawberry.field(default=None, description="Published before.")
    unread: bool | None = None
    archived: bool | None = None
    senders_reference: str | None = None


@strawberry.input(name="CorrespondenceOrder")
class CorrespondenceOrderInput:
    field: CorrespondenceOrderFieldEnum  # type: ignore[valid-type]
    direction: OrderDirectionEnum


@strawberry.type(name="CorrespondenceEdge")
class CorrespondenceEdgeType:
    cursor: str
    node: CorrespondenceType


@strawberry.type(name="CorrespondenceConnection")
class CorrespondenceConnectionType:
    inbox: strawberry.Private[InboxPage]
    edges: list[CorrespondenceEdgeType]
    page_info: PageInfoType

    @strawberry.field(description="How many correspondences match, on every page together.")  # type: ignore[untyped-decorator]
    async def total_count(self) -> int:
        return await self.inbox.total_count()

    @classmethod
    def from_page(cls, inbox: InboxPage, *, as_sender: bool) -> CorrespondenceConnectionType:
        page = inbox.page
        return cls(
            inbox=inbox,
            edges=[
                CorrespondenceEdgeType(cursor=cursor, node=CorrespondenceType.from_model(row, as_sender=as_sender))
                for row, cursor in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=PageInfoType.from_page(page),
        )


@strawberry.type(name="InboxSummary", description="The counts of one inbox the caller reads.")
class InboxSummaryType:
    party: str
    name: str | None
    unread: int = strawberry.field(description="Letters not read yet.")
    total: int = strawberry.field(description="Letters the caller sees in this inbox (published, not purged).")
    awaiting_confirmation: int = strawberry.field(description="Letters whose needed confirmation is missing.")

    @classmethod
    def from_summary(cls, summary: InboxSummary) -> InboxSummaryType:
        counts = summary.counts
        return cls(
            party=summary.party,
            name=summary.name,
            unread=counts.unread,
            total=counts.total,
            awaiting_confirmation=counts.awaiting_confirmation,
        )


@strawberry.input(name="ForwardCorrespondenceInput")
class ForwardCorrespondenceInput:
    email_address: str = strawberry.field(description="Where to send it: one e-mail address, once per address.")
    forwarding_text: str | None = strawberry.field(
        default=None, description="A note above the letter: plain text, at most 200 characters."
    )
