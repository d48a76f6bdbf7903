"""The correspondence timeline entries of notifications: NOTIFICATION_SENT and NOTIFICATION_FAILED (contract §7).

Every reader of a letter sees its timeline, so an entry says the channel and the outcome only: never the address
(contract §10), and never the relay's or gateway's own words, which often quote it. Senders find addresses and
reasons in the order's notifications. Migration 3 rewrote the entries written before in this same form. A standalone
order's notifications write the same entries, without a correspondence: its ordering organization's events.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from correspondence.notification import hooks
from correspondence.notification.enums import DeliveryChannel, NotificationResult

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence
    from correspondence.notification.models import Notification, NotificationOrder

SENT = (NotificationResult.SUCCEEDED, NotificationResult.ACCEPTED, NotificationResult.DELIVERED)
NOT_FINAL = (NotificationResult.NEW, NotificationResult.SENDING)
CHANNEL_NAMES = {DeliveryChannel.EMAIL: "E-mail", DeliveryChannel.SMS: "SMS"}
FAILURE_REASONS = {
    NotificationResult.FAILED_RECIPIENT_RESERVED: "the recipient has reserved against digital contact",
    NotificationResult.FAILED_RECIPIENT_NOT_IDENTIFIED: "no contact details for the channel",
    NotificationResult.FAILED_INVALID_EMAIL_FORMAT: "the e-mail address is invalid",
    NotificationResult.FAILED_INVALID_RECIPIENT: "the recipient is invalid",
    NotificationResult.FAILED_BOUNCED: "the message bounced",
    NotificationResult.FAILED_UNDELIVERED: "the message was not delivered",
    NotificationResult.FAILED_TTL: "not sent in time",
}


def timeline_text(channel: DeliveryChannel, status: NotificationResult) -> str:
    """What the timeline says of a notification that reached `status`: channel and outcome, no address."""
    subject = f"{CHANNEL_NAMES[channel]} notification"
    if status is NotificationResult.DELIVERED:
        return f"{subject} delivered"
    if status in SENT:
        return f"{subject} sent"
    reason = FAILURE_REASONS.get(status)
    return f"{subject} failed: {reason}" if reason else f"{subject} failed"


async def record_results(results: Iterable[tuple[NotificationOrder, Correspondence | None, Notification]]) -> None:
    """Appends the activities of notifications (each with its order and the order's correspondence, if any) that
    went out or failed for good (nothing for pending ones), in one insert and one event publish for all. A
    standalone order's (no correspondence) are its ordering organization's events, with the same text
    (contract §11)."""
    await hooks.record_outcomes(
        [
            hooks.Outcome(
                correspondence,
                order,
                notification,
                notification.status in SENT,
                timeline_text(notification.channel, notification.status),
                notification.sent_time or notification.status_changed,
            )
            for order, correspondence, notification in results
            if notification.status not in NOT_FINAL
        ]
    )
