"""The root types: every operation of the contract, wired to its thin resolver."""

from __future__ import annotations

import strawberry

from correspondence.attachment import resolvers as attachment_resolvers
from correspondence.attachment.types import Attachment
from correspondence.correspondence import resolvers as correspondence_resolvers
from correspondence.correspondence.types import CorrespondenceConnection, CorrespondenceType, SendCorrespondencePayload
from correspondence.events import resolvers as event_resolvers
from correspondence.events.types import CorrespondenceEvent
from correspondence.graphql.extensions import Transactional
from correspondence.graphql.permissions import (
    CanOrderNotifications,
    IsAdmin,
    IsAuthenticated,
    IsPerson,
    IsReader,
    IsServiceOwner,
)
from correspondence.notification import resolvers as notification_resolvers
from correspondence.notification.types import NotificationOrderNode
from correspondence.registry import resolvers as registry_resolvers
from correspondence.registry.types import (
    ContactType,
    DelegationType,
    OrganizationNotificationAddressType,
    OrganizationType,
    PersonType,
    ResourceType,
    RoleType,
    UserNotificationAddressType,
    Viewer,
)


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
    notification_order: NotificationOrderNode | None = strawberry.field(
        resolver=notification_resolvers.notification_order,
        permission_classes=[IsAuthenticated],
        description="A notification order, for the organization that ordered it (null for anyone else).",
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
    # The registries (contract §2): administrators upsert and remove single entries.
    upsert_person: PersonType = strawberry.mutation(
        resolver=registry_resolvers.upsert_person, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    remove_person: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_person, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    upsert_organization: OrganizationType = strawberry.mutation(
        resolver=registry_resolvers.upsert_organization, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    remove_organization: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_organization, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    upsert_resource: ResourceType = strawberry.mutation(
        resolver=registry_resolvers.upsert_resource, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    remove_resource: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_resource, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    add_role: RoleType = strawberry.mutation(
        resolver=registry_resolvers.add_role, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    remove_role: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_role, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    upsert_contact: ContactType = strawberry.mutation(
        resolver=registry_resolvers.upsert_contact, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    remove_contact: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_contact, permission_classes=[IsAdmin], extensions=[Transactional()]
    )
    add_organization_notification_address: OrganizationNotificationAddressType = strawberry.mutation(
        resolver=registry_resolvers.add_organization_notification_address,
        permission_classes=[IsAdmin],
        extensions=[Transactional()],
    )
    remove_organization_notification_address: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_organization_notification_address,
        permission_classes=[IsAdmin],
        extensions=[Transactional()],
    )
    upsert_user_notification_address: UserNotificationAddressType = strawberry.mutation(
        resolver=registry_resolvers.upsert_user_notification_address,
        permission_classes=[IsAdmin],
        extensions=[Transactional()],
    )
    remove_user_notification_address: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_user_notification_address,
        permission_classes=[IsAdmin],
        extensions=[Transactional()],
    )
    grant_delegation: DelegationType = strawberry.mutation(
        resolver=registry_resolvers.grant_delegation,
        permission_classes=[IsAuthenticated],
        extensions=[Transactional()],
        description="Administrators, or the organization's DAGL: the service's user administration.",
    )
    revoke_delegation: bool = strawberry.mutation(
        resolver=registry_resolvers.revoke_delegation,
        permission_classes=[IsAuthenticated],
        extensions=[Transactional()],
        description="Administrators, or the organization's DAGL.",
    )
    set_my_notification_address: Viewer = strawberry.mutation(
        resolver=registry_resolvers.set_my_notification_address,
        permission_classes=[IsPerson],
        extensions=[Transactional()],
        description="Keep your own notification address for an organization you have a role or delegation in; "
        "no e-mail and no mobile removes it.",
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
        # No Transactional(): the resolver stores the bytes first and opens its own short unit of work after.
        description="Create an attachment with its content (multipart request; files up to the /graphql body limit).",
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
