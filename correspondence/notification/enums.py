"""The notification domain's states and choices (contract §5): the fixed enums of the GraphQL contract, shared by the
models, the services and the view without any of them reaching for the models.
"""

from __future__ import annotations

from enum import StrEnum


class NotificationOrderStatus(StrEnum):
    REGISTERED = "REGISTERED"
    PROCESSING = "PROCESSING"
    PROCESSED = "PROCESSED"
    COMPLETED = "COMPLETED"
    SEND_CONDITION_NOT_MET = "SEND_CONDITION_NOT_MET"
    CANCELLED = "CANCELLED"


class NotificationResult(StrEnum):
    NEW = "NEW"
    SENDING = "SENDING"
    SUCCEEDED = "SUCCEEDED"
    ACCEPTED = "ACCEPTED"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"
    FAILED_RECIPIENT_RESERVED = "FAILED_RECIPIENT_RESERVED"
    FAILED_RECIPIENT_NOT_IDENTIFIED = "FAILED_RECIPIENT_NOT_IDENTIFIED"
    FAILED_INVALID_EMAIL_FORMAT = "FAILED_INVALID_EMAIL_FORMAT"
    FAILED_INVALID_RECIPIENT = "FAILED_INVALID_RECIPIENT"
    FAILED_BOUNCED = "FAILED_BOUNCED"
    FAILED_UNDELIVERED = "FAILED_UNDELIVERED"
    FAILED_TTL = "FAILED_TTL"


# Results that still wait for the dispatcher: an order is COMPLETED when none of its notifications has one.
PENDING_RESULTS = (NotificationResult.NEW, NotificationResult.SENDING)
# Results a delivery report may still change.
SENT_RESULTS = (NotificationResult.SUCCEEDED, NotificationResult.ACCEPTED)


class NotificationChannel(StrEnum):
    EMAIL = "EMAIL"
    SMS = "SMS"
    EMAIL_PREFERRED = "EMAIL_PREFERRED"
    SMS_PREFERRED = "SMS_PREFERRED"
    EMAIL_AND_SMS = "EMAIL_AND_SMS"


class DeliveryChannel(StrEnum):
    EMAIL = "EMAIL"
    SMS = "SMS"


class NotificationTemplate(StrEnum):
    CUSTOM_MESSAGE = "CUSTOM_MESSAGE"
    GENERIC_ALTINN_MESSAGE = "GENERIC_ALTINN_MESSAGE"


class EmailContentType(StrEnum):
    PLAIN = "PLAIN"
    HTML = "HTML"


class SendingTimePolicy(StrEnum):
    DAYTIME = "DAYTIME"
    ANYTIME = "ANYTIME"
