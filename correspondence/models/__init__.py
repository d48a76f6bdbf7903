"""Tortoise models, one module per domain. Tortoise discovers them through this package."""

from correspondence.models.attachment import (
    Attachment,
    AttachmentStatus,
    CorrespondenceAttachment,
    DataLocationType,
)
from correspondence.models.correspondence import (
    Correspondence,
    CorrespondenceStatus,
    CorrespondenceStatusEntry,
)
from correspondence.models.event import Activity, ActivityType
from correspondence.models.notification import (
    DeliveryChannel,
    EmailContentType,
    Notification,
    NotificationAttempt,
    NotificationChannel,
    NotificationOrder,
    NotificationOrderStatus,
    NotificationResult,
    NotificationTemplate,
    SendingTimePolicy,
)
from correspondence.models.registry import (
    AddressType,
    Contact,
    Delegation,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
    UserNotificationAddress,
)

__models__ = [
    Activity,
    Attachment,
    Contact,
    Correspondence,
    CorrespondenceAttachment,
    CorrespondenceStatusEntry,
    Delegation,
    Notification,
    NotificationAttempt,
    NotificationOrder,
    Organization,
    OrganizationNotificationAddress,
    Person,
    Resource,
    Role,
    UserNotificationAddress,
]

__all__ = [
    "Activity",
    "ActivityType",
    "AddressType",
    "Attachment",
    "AttachmentStatus",
    "Contact",
    "Correspondence",
    "CorrespondenceAttachment",
    "CorrespondenceStatus",
    "CorrespondenceStatusEntry",
    "DataLocationType",
    "Delegation",
    "DeliveryChannel",
    "EmailContentType",
    "Notification",
    "NotificationAttempt",
    "NotificationChannel",
    "NotificationOrder",
    "NotificationOrderStatus",
    "NotificationResult",
    "NotificationTemplate",
    "Organization",
    "OrganizationNotificationAddress",
    "Person",
    "Resource",
    "Role",
    "SendingTimePolicy",
    "UserNotificationAddress",
]
