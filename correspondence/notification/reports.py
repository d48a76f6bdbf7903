"""Delivery reports from the mail relay and the SMS gateway (contract §5): SUCCEEDED/ACCEPTED move to DELIVERED or a
failure. The first report that lands wins; a repeated or late one changes nothing and is still acknowledged.
"""

from __future__ import annotations

import uuid
from enum import StrEnum

from correspondence.kit import clock
from correspondence.kit.errors import BadUserInput, Conflict, NotFound
from correspondence.notification import activity as notification_activity
from correspondence.notification.models import SENT_RESULTS, DeliveryChannel, Notification, NotificationResult

REPORTED: dict[DeliveryChannel, dict[str, NotificationResult]] = {
    DeliveryChannel.EMAIL: {
        "DELIVERED": NotificationResult.DELIVERED,
        "BOUNCED": NotificationResult.FAILED_BOUNCED,
        "UNDELIVERED": NotificationResult.FAILED_UNDELIVERED,
    },
    DeliveryChannel.SMS: {
        "DELIVERED": NotificationResult.DELIVERED,
        "UNDELIVERED": NotificationResult.FAILED_UNDELIVERED,
        "FAILED": NotificationResult.FAILED_UNDELIVERED,
        "EXPIRED": NotificationResult.FAILED_UNDELIVERED,
    },
}


class ReportOutcome(StrEnum):
    APPLIED = "APPLIED"
    ALREADY_APPLIED = "ALREADY_APPLIED"  # the same report again
    IGNORED = "IGNORED"  # the notification already has another final result


async def apply_report(channel: DeliveryChannel, reference: str, status: str, reason: str | None) -> ReportOutcome:
    """`reference`: the Message-ID for e-mail; the gateway's id (or our notification id) for SMS."""
    target = REPORTED[channel].get(status.upper())
    if target is None:
        raise BadUserInput.single("status", f"Expected one of {', '.join(REPORTED[channel])}.")
    notification = await _find(channel, reference)
    if notification is None:
        raise NotFound("The notification")
    if notification.status is target:
        return ReportOutcome.ALREADY_APPLIED
    if notification.status is NotificationResult.SENDING:
        # The result of the send is not written yet: the reporter retries, and then finds it.
        raise Conflict("The notification is still being sent; report again shortly.")
    if notification.status not in SENT_RESULTS:
        return ReportOutcome.IGNORED
    now = clock.now()
    text = reason[:1024] if reason else None
    if not await Notification.filter(id=notification.id, status__in=list(SENT_RESULTS)).update(
        status=target, status_reason=text, status_changed=now
    ):
        return ReportOutcome.IGNORED
    if target is not NotificationResult.DELIVERED:
        await notification.fetch_related("order__correspondence")
        if notification.order.correspondence is not None:
            notification.status, notification.status_reason, notification.status_changed = target, text, now
            await notification_activity.record_result(notification.order.correspondence, notification)
    return ReportOutcome.APPLIED


async def _find(channel: DeliveryChannel, reference: str) -> Notification | None:
    reference = reference.strip()
    if channel is DeliveryChannel.EMAIL:
        key = reference if reference.startswith("<") else f"<{reference}>"
        return await Notification.filter(channel=channel, message_id=key).first()
    found = await Notification.filter(channel=channel, gateway_reference=reference).first()
    if found is None:
        try:
            found = await Notification.get_or_none(id=uuid.UUID(reference), channel=channel)
        except ValueError:
            return None
    return found
