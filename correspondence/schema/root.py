"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.resolvers import registry as registry_resolvers
from correspondence.schema.permissions import IsAuthenticated
from correspondence.schema.registry import Viewer


@strawberry.type
class Query:
    me: Viewer = strawberry.field(
        resolver=registry_resolvers.me,
        permission_classes=[IsAuthenticated],
        description="Who the caller is, and the parties it acts for with their roles and delegations.",
    )
