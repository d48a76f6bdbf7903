"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.resolvers import attachment as attachment_resolvers
from correspondence.resolvers import correspondence as correspondence_resolvers
from correspondence.resolvers import registry as registry_resolvers
from correspondence.schema.attachment import Attachment
from correspondence.schema.correspondence import (
    CorrespondenceConnection,
    CorrespondenceType,
    SendCorrespondencePayload,
)
from correspondence.schema.extensions import Transactional
from correspondence.schema.permissions import IsAuthenticated, IsReader, IsServiceOwner
from correspondence.schema.registry import Viewer


@strawberry.type
class Query:
    me: Viewer = strawberry.field(
        resolver=registry_resolvers.me,
        permission_classes=[IsAuthenticated],
        description="Who the caller is, and the parties it acts for with their roles and delegations.",
    )
    correspondences: CorrespondenceConnection = strawberry.field(
        resolver=correspondence_resolvers.correspondences,
        permission_classes=[IsAuthenticated],
        description="The caller's inboxes (role RECIPIENT) or what it sent (role SENDER), newest first by default.",
    )
    correspondence: CorrespondenceType | None = strawberry.field(
        resolver=correspondence_resolvers.correspondence,
        permission_classes=[IsAuthenticated],
        extensions=[Transactional()],  # a recipient's open writes the FETCHED receipt
        description="One correspondence, or null when the caller may not see it. A recipient's read adds FETCHED.",
    )
    attachment: Attachment | None = strawberry.field(
        resolver=attachment_resolvers.attachment,
        permission_classes=[IsAuthenticated],
        description="An attachment the caller's organization uploaded; null for anyone else.",
    )


@strawberry.type
class Mutation:
    send_correspondence: SendCorrespondencePayload = strawberry.mutation(
        resolver=correspondence_resolvers.send_correspondence,
        permission_classes=[IsServiceOwner],
        extensions=[Transactional()],
    )
    mark_correspondence_read: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.mark_correspondence_read,
        permission_classes=[IsReader],
        extensions=[Transactional()],
    )
    confirm_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.confirm_correspondence,
        permission_classes=[IsReader],
        extensions=[Transactional()],
    )
    archive_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.archive_correspondence,
        permission_classes=[IsReader],
        extensions=[Transactional()],
    )
    unarchive_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.unarchive_correspondence,
        permission_classes=[IsReader],
        extensions=[Transactional()],
    )
    purge_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.purge_correspondence,
        permission_classes=[IsAuthenticated],
        extensions=[Transactional()],
    )
    initialize_attachment: Attachment = strawberry.mutation(
        resolver=attachment_resolvers.initialize_attachment,
        permission_classes=[IsServiceOwner],
        extensions=[Transactional()],
        description="Create an attachment; then PUT its content to /attachments/{id}/content.",
    )
    upload_attachment: Attachment = strawberry.mutation(
        resolver=attachment_resolvers.upload_attachment,
        permission_classes=[IsServiceOwner],
        extensions=[Transactional()],
        description="Create an attachment with its content (multipart request; files up to the /graphql body limit).",
    )
