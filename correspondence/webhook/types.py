"""GraphQL types and inputs of webhooks (contract §12)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.events.types import CorrespondenceEventTypeEnum
from correspondence.kit.connection import PageInfoType
from correspondence.kit.pagination import Page
from correspondence.webhook.enums import WebhookDeliveryStatus, WebhookSubscriptionStatus
from correspondence.webhook.loaders import AttemptsByDeliveryLoader
from correspondence.webhook.repository import WebhookAttempt, WebhookDelivery, WebhookSubscription

WebhookSubscriptionStatusEnum = strawberry.enum(WebhookSubscriptionStatus, name="WebhookSubscriptionStatus")
WebhookDeliveryStatusEnum = strawberry.enum(WebhookDeliveryStatus, name="WebhookDeliveryStatus")


@strawberry.input(name="WebhookSubscriptionInput")
class WebhookSubscriptionInput:
    url: str = strawberry.field(description="An https URL (no credentials, no private or loopback address).")
    parties: list[str] | None = strawberry.field(
        default=None, description="Only events about these recipients; empty or absent: every one you may see."
    )
    resource_ids: list[str] | None = strawberry.field(
        default=None, description="Only events of these resources; empty or absent: every one."
    )
    types: list[CorrespondenceEventTypeEnum] | None = strawberry.field(
        default=None, description="Only these event types; empty or absent: every one you may receive."
    )


@strawberry.type(name="WebhookSubscription")
class WebhookSubscriptionType:
    id: strawberry.ID
    url: str
    parties: list[str]
    resource_ids: list[str]
    types: list[CorrespondenceEventTypeEnum]
    status: WebhookSubscriptionStatusEnum  # type: ignore[valid-type]
    status_text: str | None = strawberry.field(description="Why the subscription was disabled.")
    created: datetime

    @classmethod
    def from_model(cls, subscription: WebhookSubscription) -> WebhookSubscriptionType:
        return cls(
            id=strawberry.ID(str(subscription.id)),
            url=subscription.url,
            parties=list(subscription.parties),
            resource_ids=list(subscription.resource_ids),
            types=[CorrespondenceEventTypeEnum(t) for t in subscription.types],
            status=subscription.status,
            status_text=subscription.status_text,
            created=subscription.created,
        )


@strawberry.type(name="WebhookSubscriptionCreated")
class WebhookSubscriptionCreatedType:
    subscription: WebhookSubscriptionType
    secret: str = strawberry.field(
        description="The signing secret (whsec_…): shown this once; verify deliveries with it (Standard Webhooks)."
    )


@strawberry.type(name="WebhookAttempt")
class WebhookAttemptType:
    number: int
    started: datetime
    duration_ms: int
    response_status: int | None
    error: str | None

    @classmethod
    def from_model(cls, attempt: WebhookAttempt) -> WebhookAttemptType:
        return cls(
            number=attempt.number,
            started=attempt.started,
            duration_ms=attempt.duration_ms,
            response_status=attempt.response_status,
            error=attempt.error,
        )


@strawberry.type(name="WebhookDelivery")
class WebhookDeliveryType:
    id: strawberry.ID = strawberry.field(description="The webhook-id header, the same on every attempt.")
    event_id: strawberry.ID
    type: CorrespondenceEventTypeEnum
    attempt: int = strawberry.field(description="Attempts made so far.")
    status: WebhookDeliveryStatusEnum  # type: ignore[valid-type]
    response_status: int | None = strawberry.field(description="The HTTP status of the last attempt, if any.")
    error: str | None = strawberry.field(description="What went wrong in the last attempt.")
    created: datetime
    delivered_at: datetime | None
    next_attempt_at: datetime | None

    @strawberry.field(description="Every attempt made, first first.")  # type: ignore[untyped-decorator]
    async def attempt_history(self, info: Info[Context, Any]) -> list[WebhookAttemptType]:
        loader = info.context.loaders.get(AttemptsByDeliveryLoader)
        attempts = await loader.load((info.context.require_actor(), str(self.id)))
        return [WebhookAttemptType.from_model(a) for a in attempts]

    @classmethod
    def from_model(cls, delivery: WebhookDelivery) -> WebhookDeliveryType:
        return cls(
            id=strawberry.ID(str(delivery.id)),
            event_id=strawberry.ID(str(delivery.event_id)),
            type=CorrespondenceEventTypeEnum(delivery.type),
            attempt=delivery.attempts,
            status=delivery.status,
            response_status=delivery.response_status,
            error=delivery.error,
            created=delivery.created,
            delivered_at=delivery.delivered_at,
            next_attempt_at=delivery.next_attempt_at,
        )


@strawberry.type(name="WebhookDeliveryEdge")
class WebhookDeliveryEdgeType:
    cursor: str
    node: WebhookDeliveryType


@strawberry.type(name="WebhookDeliveryConnection")
class WebhookDeliveryConnectionType:
    edges: list[WebhookDeliveryEdgeType]
    page_info: PageInfoType
    total_count: int

    @classmethod
    def from_page(cls, page: Page[WebhookDelivery], total_count: int) -> WebhookDeliveryConnectionType:
        return cls(
            edges=[
                WebhookDeliveryEdgeType(cursor=cursor, node=WebhookDeliveryType.from_model(row))
                for row, cursor in zip(page.rows, page.cursors, strict=True)
            ],
            page_info=PageInfoType(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=page.cursors[0] if page.cursors else None,
                end_cursor=page.cursors[-1] if page.cursors else None,
            ),
            total_count=total_count,
        )
