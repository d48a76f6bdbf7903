"""Delivery reports from the mail relay and the SMS gateway (contract §5): SUCCEEDED/ACCEPTED move to DELIVERED or a
failure. The first report that lands wins; a repeated or late one changes nothing and is still acknowledged.
"""

from __future__ import annotations

from enum import StrEnum

from correspondence.kit import clock
from correspondence.kit.errors import BadUserInput, Conflict, NotFound
from correspondence.notification import activity as notification_activity
from correspondence.notification import repository
from correspondence.notification.enums import SENT_RESULTS, DeliveryChannel, NotificationResult

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
    notification = await repository.reported_notification(channel, reference.strip())
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
    if not await repository.settle_sent(notification, target, text, now):
        return ReportOutcome.IGNORED
    if target is not NotificationResult.DELIVERED:
        await repository.with_correspondence(notification)
        notification.status, notification.status_reason, notification.status_changed = target, text, now
        order = notification.order
        await notification_activity.record_results([(order, order.correspondence, notification)])
    return ReportOutcome.APPLIED
