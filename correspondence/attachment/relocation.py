"""Moving stored attachment bytes to another store (`correspondence storage migrate`), as they are: ciphertext.

Idempotent and resumable: a blob the target already holds is skipped (both stores make a blob visible only
once it is complete, so a blob that exists is whole), and the source is left untouched, so an interrupted run
is simply run again.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass

from correspondence.adapters.crypto import stored_size
from correspondence.adapters.storage import BlobStorage
from correspondence.attachment import repository as repository
from correspondence.attachment.content import blob_key

BATCH = 500
COPY_BLOCK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Blob:
    key: str
    stored_bytes: int  # ciphertext: the plaintext size and each chunk's nonce and tag


async def live_blobs() -> AsyncIterator[Blob]:
    """Every live attachment's stored blob, read in batches (no unit of work is held between them)."""
    after: uuid.UUID | None = None
    while True:
        rows = await repository.live_blobs(after, BATCH)
        for attachment_id, size, chunk_size in rows:
            yield Blob(blob_key(attachment_id), stored_size(size, chunk_size))
        if len(rows) < BATCH:
            return
        after = rows[-1][0]


async def copy(source: BlobStorage, target: BlobStorage, blob: Blob) -> bool:
    """Copy one blob; False when the target holds it already. BlobNotFoundError when the source lacks it."""
    if await target.exists(blob.key):
        return False
    blocks = await source.open_range(blob.key, 0, blob.stored_bytes, COPY_BLOCK)
    async with aclosing(blocks):
        await target.put(blob.key, blocks)
    return True
