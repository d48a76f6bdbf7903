"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.resolvers import attachment as attachment_resolvers
from correspondence.resolvers import registry as registry_resolvers
from correspondence.schema.attachment import Attachment
from correspondence.schema.extensions import Transactional
from correspondence.schema.permissions import IsAuthenticated, IsServiceOwner
from correspondence.schema.registry import Viewer


@strawberry.type
class Query:
    me: Viewer = strawberry.field(
        resolver=registry_resolvers.me,
        permission_classes=[IsAuthenticated],
        description="Who the caller is, and the parties it acts for with their roles and delegations.",
    )
    attachment: Attachment | None = strawberry.field(
        resolver=attachment_resolvers.attachment,
        permission_classes=[IsAuthenticated],
        description="An attachment the caller's organization uploaded; null for anyone else.",
    )


@strawberry.type
class Mutation:
    initialize_attachment: Attachment = strawberry.field(
        resolver=attachment_resolvers.initialize_attachment,
        permission_classes=[IsServiceOwner],
        extensions=[Transactional()],
        description="Create an attachment; then PUT its content to /attachments/{id}/content.",
    )
    upload_attachment: Attachment = strawberry.field(
        resolver=attachment_resolvers.upload_attachment,
        permission_classes=[IsServiceOwner],
        extensions=[Transactional()],
        description="Create an attachment with its content (multipart request; files up to the /graphql body limit).",
    )
