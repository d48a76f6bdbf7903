"""Resolvers for webhook subscriptions: map the GraphQL inputs, call the service, return a type."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.access.context import Context
from correspondence.correspondence.statuses import ActivityType
from correspondence.webhook import subscriptions as service
from correspondence.webhook.types import (
    WebhookDeliveryConnectionType,
    WebhookSubscriptionCreatedType,
    WebhookSubscriptionInput,
    WebhookSubscriptionType,
)


def _created(created: service.Created) -> WebhookSubscriptionCreatedType:
    return WebhookSubscriptionCreatedType(
        subscription=WebhookSubscriptionType.from_model(created.subscription), secret=created.secret
    )


async def create_webhook_subscription(
    info: Info[Context, Any], input: WebhookSubscriptionInput
) -> WebhookSubscriptionCreatedType:
    data = service.SubscriptionInput(
        url=input.url,
        parties=input.parties,
        resource_ids=input.resource_ids,
        types=[ActivityType(t.value) for t in input.types or ()],
    )
    return _created(await service.create(info.context.require_actor(), data, info.context.settings))


async def delete_webhook_subscription(info: Info[Context, Any], id: strawberry.ID) -> bool:
    return await service.delete(info.context.require_actor(), str(id))


async def rotate_webhook_secret(info: Info[Context, Any], id: strawberry.ID) -> WebhookSubscriptionCreatedType:
    return _created(await service.rotate_secret(info.context.require_actor(), str(id), info.context.settings))


async def webhook_subscriptions(info: Info[Context, Any]) -> list[WebhookSubscriptionType]:
    return [WebhookSubscriptionType.from_model(s) for s in await service.subscriptions(info.context.require_actor())]


async def webhook_deliveries(
    info: Info[Context, Any], subscription_id: strawberry.ID, first: int = 20, after: str | None = None
) -> WebhookDeliveryConnectionType:
    page, total = await service.deliveries(info.context.require_actor(), str(subscription_id), first, after)
    return WebhookDeliveryConnectionType.from_page(page, total)
