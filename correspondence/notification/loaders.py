"""DataLoaders for notification orders and their notifications (one query per request, not per order).

Keys carry the reading actor: each batch reads through the repository's readable statements, so a loader
answers only what that actor may read (nothing at all, and no query, for a letter's recipients).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from strawberry.dataloader import DataLoader

from correspondence.access.actor import Actor
from correspondence.notification import repository

if TYPE_CHECKING:
    from correspondence.notification.models import Notification, NotificationAttempt, NotificationOrder

ReaderKey = tuple[Actor, str]  # (who reads, the id of the correspondence or order)


def _by_actor(keys: Sequence[ReaderKey]) -> dict[Actor, list[str]]:
    # One request has one actor: in practice a single group, hence a single query.
    grouped: dict[Actor, list[str]] = defaultdict(list)
    for actor, key in keys:
        grouped[actor].append(key)
    return grouped


class NotificationsByOrderLoader(DataLoader[ReaderKey, "list[Notification]"]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[ReaderKey]) -> list[list[Notification]]:
        found: dict[ReaderKey, list[Notification]] = {}
        for actor, order_ids in _by_actor(keys).items():
            rows = await repository.readable_notifications_of_orders(actor, order_ids)
            found.update({(actor, order_id): rows.get(order_id, []) for order_id in order_ids})
        return [found[key] for key in keys]


class NotificationOrdersByCorrespondenceLoader(DataLoader[ReaderKey, "list[NotificationOrder]"]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[ReaderKey]) -> list[list[NotificationOrder]]:
        found: dict[ReaderKey, list[NotificationOrder]] = {}
        for actor, correspondence_ids in _by_actor(keys).items():
            rows = await repository.readable_orders_of_correspondences(actor, correspondence_ids)
            found.update({(actor, key): rows.get(key, []) for key in correspondence_ids})
        return [found[key] for key in keys]


class AttemptsByNotificationLoader(DataLoader[ReaderKey, "list[NotificationAttempt]"]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[ReaderKey]) -> list[list[NotificationAttempt]]:
        found: dict[ReaderKey, list[NotificationAttempt]] = {}
        for actor, notification_ids in _by_actor(keys).items():
            rows = await repository.readable_attempts_of_notifications(actor, notification_ids)
            found.update({(actor, key): rows.get(key, []) for key in notification_ids})
        return [found[key] for key in keys]
