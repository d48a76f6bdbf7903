"""Webhook values any module of the domain may use, apart from the models (contract §12)."""

from __future__ import annotations

from enum import StrEnum


class SubscriberKind(StrEnum):
    """Who registered a subscription: an end-user system (its organization's inbox) or a service owner (what its
    organization sent)."""

    SYSTEM = "SYSTEM"
    SERVICE_OWNER = "SERVICE_OWNER"


class WebhookSubscriptionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"


class WebhookDeliveryStatus(StrEnum):
    PENDING = "PENDING"
    DELIVERED = "DELIVERED"
    FAILED = "FAILED"
