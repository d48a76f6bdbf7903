"""DataLoaders of webhook deliveries (one query per request, not per delivery).

Keys carry the reading actor: each batch reads through the repository's readable statement, so a loader answers
only what that actor's own subscriptions hold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from correspondence.access.actor import Actor
from correspondence.webhook import repository
from correspondence.webhook.repository import WebhookAttempt

ReaderKey = tuple[Actor, str]  # (who reads, the delivery id)


class AttemptsByDeliveryLoader(DataLoader[ReaderKey, "list[WebhookAttempt]"]):
    def __init__(self) -> None:
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[ReaderKey]) -> list[list[WebhookAttempt]]:
        grouped: dict[Actor, list[str]] = defaultdict(list)
        for actor, delivery_id in keys:
            grouped[actor].append(delivery_id)
        found: dict[ReaderKey, list[WebhookAttempt]] = {}
        for actor, delivery_ids in grouped.items():
            rows = await repository.readable_attempts(actor, delivery_ids)
            found.update({(actor, key): rows.get(key, []) for key in delivery_ids})
        return [found[key] for key in keys]
