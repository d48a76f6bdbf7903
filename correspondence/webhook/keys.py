"""Master key rotation for webhook signing secrets: re-seal each under the active master key (`rotate-keys`)."""

from __future__ import annotations

from correspondence.adapters.crypto import KeyRing, WrappedKey
from correspondence.webhook import repository
from correspondence.webhook.subscriptions import secret_context

BATCH = 500


async def reseal_batch(keyring: KeyRing, batch: int = BATCH) -> tuple[int, bool]:
    """Re-seals up to `batch` secrets not yet under `keyring.active_id`, in the caller's unit of work; (how many,
    whether none is left). Each update is conditional on the key id it read: a secret rotated meanwhile is left."""
    rows = await repository.secrets_not_under(keyring.active_id, batch)
    resealed = 0
    for subscription_id, key_id, sealed in rows:
        context = secret_context(subscription_id)
        fresh = keyring.seal(keyring.open(WrappedKey(key_id, sealed), context), context)
        resealed += await repository.replace_secret(subscription_id, key_id, fresh)
    return resealed, len(rows) < batch
