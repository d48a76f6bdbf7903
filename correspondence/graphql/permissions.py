"""Field permissions by actor and scope (contract §1). Each raises a domain error with its contract code."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from correspondence.access.actor import SCOPE_NOTIFICATIONS, SCOPE_READ, SCOPE_WRITE, Actor, ActorKind
from correspondence.access.context import Context
from correspondence.kit.errors import Forbidden


def _actor(info: Info[Context, Any]) -> Actor:
    return info.context.require_actor()


class IsAuthenticated(BasePermission):
    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        _actor(info)
        return True


class IsServiceOwner(BasePermission):
    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        actor = _actor(info)
        if actor.kind is not ActorKind.SERVICE_OWNER or not actor.has_scope(SCOPE_WRITE):
            raise Forbidden(f"This needs a service owner token with the scope {SCOPE_WRITE}.")
        return True


class CanOrderNotifications(BasePermission):
    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        actor = _actor(info)
        if actor.kind is not ActorKind.SERVICE_OWNER or not actor.has_scope(SCOPE_NOTIFICATIONS):
            raise Forbidden(f"This needs a service owner token with the scope {SCOPE_NOTIFICATIONS}.")
        return True


class IsReader(BasePermission):
    """Persons and end-user systems with the read scope."""

    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        actor = _actor(info)
        if actor.kind not in (ActorKind.PERSON, ActorKind.SYSTEM) or not actor.has_scope(SCOPE_READ):
            raise Forbidden(f"This needs a person or end-user system token with the scope {SCOPE_READ}.")
        return True


class IsPerson(BasePermission):
    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        if _actor(info).kind is not ActorKind.PERSON:
            raise Forbidden("This needs a person's token.")
        return True


class IsAdmin(BasePermission):
    def has_permission(self, source: Any, info: Info[Context, Any], **kwargs: Any) -> bool:
        if _actor(info).kind is not ActorKind.ADMIN:
            raise Forbidden("This needs an administrator token (altinn:correspondence.admin).")
        return True
