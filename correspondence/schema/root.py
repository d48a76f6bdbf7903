"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.resolvers import correspondence as correspondence_resolvers
from correspondence.resolvers import event as event_resolvers
from correspondence.resolvers import registry as registry_resolvers
from correspondence.schema.correspondence import (
    CorrespondenceConnection,
    CorrespondenceType,
    SendCorrespondencePayload,
)
from correspondence.schema.event import CorrespondenceEvent
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


@strawberry.type
class Subscription:
    correspondence_events: CorrespondenceEvent = strawberry.subscription(
        resolver=event_resolvers.correspondence_events,
        description=(
            "Live events: recipients get PUBLISHED for the inboxes they can read (or the `parties` named); senders"
            " get every event about what they sent. `since` (an event id) first replays what was missed."
        ),
    )
