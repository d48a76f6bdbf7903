"""GraphQL types of the caller and the registries."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from correspondence.auth import ActorKind
from correspondence.loaders.registry import PartyNameLoader
from correspondence.schema.context import Context

ActorType = strawberry.enum(ActorKind, name="ActorType")


@strawberry.type
class ActingParty:
    """A party whose inbox the caller can read, and why."""

    party: str
    roles: list[str]
    delegated_resources: list[str]
    can_read_confidential: bool
    via_parent: str | None = strawberry.field(
        description="The main unit whose roles open this sub-unit's inbox, when that is the reason."
    )

    @strawberry.field
    async def name(self, info: Info[Context, Any]) -> str | None:
        return await info.context.loaders.get(PartyNameLoader).load(self.party)


@strawberry.type
class MyNotificationAddress:
    organization: str
    email: str | None
    mobile: str | None


@strawberry.type
class Viewer:
    actor_type: ActorType  # type: ignore[valid-type]
    party: str | None
    scopes: list[str]
    parties: list[ActingParty]
    notification_addresses: list[MyNotificationAddress]

    @strawberry.field
    async def name(self, info: Info[Context, Any]) -> str | None:
        if self.party is None:
            return None
        return await info.context.loaders.get(PartyNameLoader).load(self.party)
