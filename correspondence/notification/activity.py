"""The correspondence timeline entries of notifications: NOTIFICATION_SENT and NOTIFICATION_FAILED (contract §7)."""

from __future__ import annotations

from correspondence.correspondence.models import Correspondence
from correspondence.events import activity
from correspondence.events.models import ActivityType
from correspondence.notification.models import Notification, NotificationResult

SENT = (NotificationResult.SUCCEEDED, NotificationResult.ACCEPTED)
NOT_FINAL = (NotificationResult.NEW, NotificationResult.SENDING)


async def record_result(correspondence: Correspondence, notification: Notification) -> None:
    """Appends the activity for a notification that went out or failed for good; nothing for pending ones."""
    if notification.status in NOT_FINAL:
        return
    sent = notification.status in SENT or notification.status is NotificationResult.DELIVERED
    target = notification.address or "the recipient"
    text = f"{notification.channel.value} to {target}: {notification.status.value}"
    if notification.status_reason and not sent:
        text += f" ({notification.status_reason})"
    await activity.record(
        correspondence,
        ActivityType.NOTIFICATION_SENT if sent else ActivityType.NOTIFICATION_FAILED,
        actor=None,
        text=text[:1024],
        at=notification.sent_time or notification.status_changed,
    )
