"""DataLoaders for notification orders and their notifications (one query per request, not per order)."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from correspondence.notification.models import Notification, NotificationOrder


class NotificationsByOrderLoader(DataLoader[str, list[Notification]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, order_ids: Sequence[str]) -> list[list[Notification]]:
        found: dict[str, list[Notification]] = {key: [] for key in order_ids}
        rows = await Notification.filter(order_id__in=list(order_ids)).order_by(
            "planned_send_time", "channel", "address"
        )
        for notification in rows:
            found[str(notification.order_id)].append(notification)
        return [found[key] for key in order_ids]


class NotificationOrdersByCorrespondenceLoader(DataLoader[str, list[NotificationOrder]]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, correspondence_ids: Sequence[str]) -> list[list[NotificationOrder]]:
        found: dict[str, list[NotificationOrder]] = {key: [] for key in correspondence_ids}
        rows = await NotificationOrder.filter(correspondence_id__in=list(correspondence_ids)).order_by(
            "is_reminder", "requested_send_time"
        )
        for order in rows:
            found[str(order.correspondence_id)].append(order)
        return [found[key] for key in correspondence_ids]
