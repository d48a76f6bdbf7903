"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.resolvers import notification as notification_resolvers
from correspondence.resolvers import registry as registry_resolvers
from correspondence.schema.extensions import Transactional
from correspondence.schema.notification import NotificationOrderNode
from correspondence.schema.permissions import CanOrderNotifications, IsAuthenticated
from correspondence.schema.registry import Viewer


@strawberry.type
class Query:
    me: Viewer = strawberry.field(
        resolver=registry_resolvers.me,
        permission_classes=[IsAuthenticated],
        description="Who the caller is, and the parties it acts for with their roles and delegations.",
    )
    notification_order: NotificationOrderNode | None = strawberry.field(
        resolver=notification_resolvers.notification_order,
        permission_classes=[IsAuthenticated],
        description="A notification order, for the organization that ordered it (null for anyone else).",
    )


@strawberry.type
class Mutation:
    create_notification_order: NotificationOrderNode = strawberry.mutation(
        resolver=notification_resolvers.create_notification_order,
        permission_classes=[CanOrderNotifications],
        extensions=[Transactional()],
        description="Order notifications; a repeated idempotencyId returns the first order.",
    )
    cancel_notification_order: NotificationOrderNode = strawberry.mutation(
        resolver=notification_resolvers.cancel_notification_order,
        permission_classes=[CanOrderNotifications],
        extensions=[Transactional()],
        description="Cancel an order while REGISTERED and more than 5 minutes before its send time.",
    )
