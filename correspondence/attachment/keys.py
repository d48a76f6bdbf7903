"""Master key rotation: re-wrap every attachment data key under the active master key, leaving the bytes alone."""

from __future__ import annotations

from dataclasses import dataclass

from correspondence.adapters.crypto import KeyRing, WrappedKey
from correspondence.attachment import repository as repository

BATCH = 500


@dataclass(frozen=True, slots=True)
class Batch:
    rewrapped: int
    last: bool  # nothing (or only rows changed meanwhile) is left under another key


async def rewrap_batch(keyring: KeyRing, batch: int = BATCH) -> Batch:
    """Re-wrap up to `batch` data keys not yet under `keyring.active_id`, in the caller's unit of work.

    Every update is conditional on the key id it read: a row changed meanwhile is left for the next round,
    never overwritten. The command commits each batch, so an interrupted rotation resumes where it stopped.
    """
    rows = await repository.keys_not_under(keyring.active_id, batch)
    rewrapped = 0
    for attachment_id, key_id, wrapped in rows:
        fresh = keyring.rewrap(WrappedKey(key_id, wrapped), attachment_id)
        rewrapped += await repository.replace_key(attachment_id, key_id, fresh.key_id, fresh.wrapped)
    return Batch(rewrapped, last=len(rows) < batch)
