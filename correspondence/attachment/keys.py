"""Master key rotation: re-wrap every attachment data key under the active master key, leaving the bytes alone."""

from __future__ import annotations

import uuid

from correspondence.adapters.crypto import KeyRing, WrappedKey
from correspondence.attachment.models import Attachment
from correspondence.kit.unit_of_work import unit_of_work

BATCH = 500


async def rotate_keys(keyring: KeyRing, batch: int = BATCH) -> int:
    """Re-wrap every data key not yet under `keyring.active_id`; returns how many were re-wrapped.

    Each batch commits on its own, so an interrupted rotation resumes where it stopped. Every update is
    conditional on the key id it read: a row changed meanwhile is left for the next round, never overwritten.
    """
    total = 0
    while True:
        async with unit_of_work():
            rows = (
                await Attachment.filter(key_id__isnull=False)
                .exclude(key_id=keyring.active_id)
                .limit(batch)
                .values_list("id", "key_id", "wrapped_key")
            )
            for attachment_id, key_id, wrapped in rows:
                fresh = keyring.rewrap(WrappedKey(str(key_id), bytes(wrapped)), uuid.UUID(str(attachment_id)))
                total += await Attachment.filter(id=attachment_id, key_id=key_id).update(
                    key_id=fresh.key_id, wrapped_key=fresh.wrapped
                )
        if len(rows) < batch:
            return total
