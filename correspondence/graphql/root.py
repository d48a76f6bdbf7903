"""The root types: every operation of the contract, wired to its thin resolver.

Who may call each field, and which fields run in a unit of work, is not said here: the schema assembly applies
the operations table (`graphql/operations.py`) to every field.
"""

from __future__ import annotations

import strawberry

from correspondence.attachment import resolvers as attachment_resolvers
from correspondence.attachment.types import AttachmentType
from correspondence.correspondence import resolvers as correspondence_resolvers
from correspondence.correspondence.types import (
    CorrespondenceConnectionType,
    CorrespondenceType,
    InboxSummaryType,
    SendCorrespondencePayloadType,
)
from correspondence.events import resolvers as event_resolvers
from correspondence.events.types import CorrespondenceEventType
from correspondence.notification import resolvers as notification_resolvers
from correspondence.notification.types import (
    NotificationOrderConnectionType,
    NotificationOrderType,
    NotificationStatusFeedType,
)
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
    ViewerType,
)
from correspondence.webhook import resolvers as webhook_resolvers
from correspondence.webhook.types import (
    WebhookDeliveryConnectionType,
    WebhookSubscriptionCreatedType,
    WebhookSubscriptionType,
)


@strawberry.type
class Query:
    me: ViewerType = strawberry.field(
        resolver=registry_resolvers.me,
        description="Who the caller is, and the parties it acts for with their roles and delegations.",
    )
    correspondences: CorrespondenceConnectionType = strawberry.field(
        resolver=correspondence_resolvers.correspondences,
        description="The caller's inboxes (role RECIPIENT) or what it sent (role SENDER), newest first by default.",
    )
    correspondence: CorrespondenceType | None = strawberry.field(
        resolver=correspondence_resolvers.correspondence,
        description="One correspondence, or null when the caller may not see it. A recipient's read adds FETCHED.",
    )
    inbox_summary: list[InboxSummaryType] = strawberry.field(
        resolver=correspondence_resolvers.inbox_summary,
        description=(
            "Per inbox the caller reads (those in `parties`, else all): unread, total and awaiting confirmation."
            " A party the caller may not read is refused like an unknown one. Refresh on live events."
        ),
    )
    attachment: AttachmentType | None = strawberry.field(
        resolver=attachment_resolvers.attachment,
        description="An attachment the caller's organization uploaded; null for anyone else.",
    )
    notification_order: NotificationOrderType | None = strawberry.field(
        resolver=notification_resolvers.notification_order,
        description="A notification order, for the organization that ordered it (null for anyone else).",
    )
    notification_orders: NotificationOrderConnectionType = strawberry.field(
        resolver=notification_resolvers.notification_orders,
        description="The caller's organization's notification orders, newest first, in keyset pages.",
    )
    notification_status_feed: NotificationStatusFeedType = strawberry.field(
        resolver=notification_resolvers.notification_status_feed,
        description="Every change of the caller's organization's notifications and orders, in commit-safe order.",
    )
    webhook_subscriptions: list[WebhookSubscriptionType] = strawberry.field(
        resolver=webhook_resolvers.webhook_subscriptions,
        description="The caller's webhook subscriptions (an end-user system's, or a service owner's).",
    )
    webhook_deliveries: WebhookDeliveryConnectionType = strawberry.field(
        resolver=webhook_resolvers.webhook_deliveries,
        description="Deliveries to one of the caller's webhook subscriptions, newest first.",
    )


@strawberry.type
class Mutation:
    send_correspondence: SendCorrespondencePayloadType = strawberry.mutation(
        resolver=correspondence_resolvers.send_correspondence
    )
    mark_correspondence_read: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.mark_correspondence_read
    )
    confirm_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.confirm_correspondence
    )
    archive_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.archive_correspondence
    )
    unarchive_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.unarchive_correspondence
    )
    purge_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.purge_correspondence
    )
    forward_correspondence: CorrespondenceType = strawberry.mutation(
        resolver=correspondence_resolvers.forward_correspondence,
        description="Forward a letter you have read to an e-mail address, when its sender allows it; once per "
        "address. The e-mail (with the attachments) goes out shortly after.",
    )
    create_notification_order: NotificationOrderType = strawberry.mutation(
        resolver=notification_resolvers.create_notification_order,
        description="Order notifications; a repeated idempotencyId returns the first order.",
    )
    cancel_notification_order: NotificationOrderType = strawberry.mutation(
        resolver=notification_resolvers.cancel_notification_order,
        description="Cancel an order while REGISTERED and more than 5 minutes before its send time.",
    )
    # The registries (contract §2): administrators upsert and remove single entries.
    upsert_person: PersonType = strawberry.mutation(resolver=registry_resolvers.upsert_person)
    remove_person: bool = strawberry.mutation(resolver=registry_resolvers.remove_person)
    upsert_organization: OrganizationType = strawberry.mutation(resolver=registry_resolvers.upsert_organization)
    remove_organization: bool = strawberry.mutation(resolver=registry_resolvers.remove_organization)
    upsert_resource: ResourceType = strawberry.mutation(resolver=registry_resolvers.upsert_resource)
    remove_resource: bool = strawberry.mutation(resolver=registry_resolvers.remove_resource)
    add_role: RoleType = strawberry.mutation(resolver=registry_resolvers.add_role)
    remove_role: bool = strawberry.mutation(resolver=registry_resolvers.remove_role)
    upsert_contact: ContactType = strawberry.mutation(resolver=registry_resolvers.upsert_contact)
    remove_contact: bool = strawberry.mutation(resolver=registry_resolvers.remove_contact)
    add_organization_notification_address: OrganizationNotificationAddressType = strawberry.mutation(
        resolver=registry_resolvers.add_organization_notification_address
    )
    remove_organization_notification_address: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_organization_notification_address
    )
    upsert_user_notification_address: UserNotificationAddressType = strawberry.mutation(
        resolver=registry_resolvers.upsert_user_notification_address
    )
    remove_user_notification_address: bool = strawberry.mutation(
        resolver=registry_resolvers.remove_user_notification_address
    )
    grant_delegation: DelegationType = strawberry.mutation(
        resolver=registry_resolvers.grant_delegation,
        description="Administrators, or the organization's DAGL: the service's user administration.",
    )
    revoke_delegation: bool = strawberry.mutation(
        resolver=registry_resolvers.revoke_delegation,
        description="Administrators, or the organization's DAGL.",
    )
    set_my_notification_address: ViewerType = strawberry.mutation(
        resolver=registry_resolvers.set_my_notification_address,
        description="Keep your own notification address for an organization you have a role or delegation in; "
        "no e-mail and no mobile removes it.",
    )
    initialize_attachment: AttachmentType = strawberry.mutation(
        resolver=attachment_resolvers.initialize_attachment,
        description="Create an attachment; then PUT its content to /attachments/{id}/content.",
    )
    upload_attachment: AttachmentType = strawberry.mutation(
        resolver=attachment_resolvers.upload_attachment,
        description="Create an attachment with its content (multipart request; files up to the /graphql body limit).",
    )
    create_webhook_subscription: WebhookSubscriptionCreatedType = strawberry.mutation(
        resolver=webhook_resolvers.create_webhook_subscription,
        description="Register an https endpoint for the events you may see; the secret is shown this once.",
    )
    delete_webhook_subscription: bool = strawberry.mutation(
        resolver=webhook_resolvers.delete_webhook_subscription,
        description="Delete a webhook subscription: nothing more is delivered to it.",
    )
    rotate_webhook_secret: WebhookSubscriptionCreatedType = strawberry.mutation(
        resolver=webhook_resolvers.rotate_webhook_secret,
        description="A new signing secret, in force at once; shown this once.",
    )


@strawberry.type
class Subscription:
    correspondence_events: CorrespondenceEventType = strawberry.subscription(
        resolver=event_resolvers.correspondence_events,
        description=(
            "Live events: recipients get PUBLISHED for the inboxes they can read (or the `parties` named); senders"
            " get every event about what they sent. `since` (an event id) first replays what was missed."
        ),
    )
