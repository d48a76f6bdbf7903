"""Attachment bytes: streamed in while counted, checksummed and encrypted; streamed out decrypted from any offset.

Memory stays at about one chunk per transfer whatever the file size. Hashing and sealing run in a worker
thread (hashlib and OpenSSL release the GIL on large buffers), so a big upload does not stall the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncGenerator, AsyncIterable
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from correspondence.adapters.crypto import (
    ChunkCipher,
    KeyRing,
    WrappedKey,
    chunk_count,
    load_keyring,
    new_data_key,
    stored_size,
)
from correspondence.adapters.storage import BlobStorage, FileSystemStorage
from correspondence.attachment.repository import Attachment
from correspondence.attachment.statuses import AttachmentStatus, DataLocationType
from correspondence.settings import Settings

DEFAULT_CHUNK_SIZE = 256 * 1024


@dataclass(frozen=True)
class Vault:
    """Where attachment bytes live and the keys that protect them."""

    storage: BlobStorage
    keyring: KeyRing
    chunk_size: int = DEFAULT_CHUNK_SIZE


_vaults: dict[tuple[Path, str | None, str | None, bool], Vault] = {}


def vault(settings: Settings) -> Vault:
    """The vault of these settings, built once per process (loading keys may touch the disk)."""
    key = (settings.data_dir, settings.master_keys, settings.active_key_id, settings.dev_mode)
    found = _vaults.get(key)
    if found is None:
        found = _vaults[key] = Vault(FileSystemStorage(settings.data_dir / "attachments"), load_keyring(settings))
    return found


def downloadable(attachment: Attachment) -> bool:
    """Whether storage holds bytes of the attachment to serve."""
    return (
        attachment.status is AttachmentStatus.PUBLISHED
        and attachment.has_content
        and attachment.data_location_type is DataLocationType.ALTINN_CORRESPONDENCE_ATTACHMENT
    )


def blob_key(attachment_id: uuid.UUID) -> str:
    return str(attachment_id)


class ContentTooLargeError(Exception):
    def __init__(self, limit: int) -> None:
        super().__init__(f"The file is larger than the limit of {limit} bytes.")
        self.limit = limit


class ChecksumMismatchError(Exception):
    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(f"Checksum mismatch: the sender gave MD5 {expected}, the uploaded bytes have {actual}.")
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True, slots=True)
class StoredContent:
    size: int
    md5: str
    sha256: str
    key: WrappedKey
    chunk_size: int


async def store(
    vault: Vault,
    attachment_id: uuid.UUID,
    pieces: AsyncIterable[bytes],
    *,
    limit: int,
    expected_md5: str | None,
) -> StoredContent:
    """Write the bytes encrypted under `attachment_id`; on any failure nothing stays in storage.

    Raises ContentTooLargeError as soon as more than `limit` bytes arrived (whatever the client declared),
    and ChecksumMismatchError when the bytes do not have the MD5 the sender gave.
    """
    data_key = new_data_key()
    cipher = ChunkCipher(data_key, attachment_id, vault.chunk_size)
    md5 = hashlib.md5(usedforsecurity=False)
    sha256 = hashlib.sha256()
    writer = await vault.storage.open_writer(blob_key(attachment_id))
    size = 0
    index = 0
    buffer = bytearray()
    try:
        async for piece in pieces:
            size += len(piece)
            if size > limit:
                raise ContentTooLargeError(limit)
            buffer += piece
            # Hold back a full chunk until more arrives: only the end of the stream says which chunk is final.
            while len(buffer) > vault.chunk_size:
                chunk = bytes(buffer[: vault.chunk_size])
                del buffer[: vault.chunk_size]
                await writer.write(await asyncio.to_thread(_digest_and_seal, cipher, md5, sha256, index, chunk, False))
                index += 1
        await writer.write(await asyncio.to_thread(_digest_and_seal, cipher, md5, sha256, index, bytes(buffer), True))
        actual = md5.hexdigest()
        if expected_md5 is not None and expected_md5 != actual:
            raise ChecksumMismatchError(expected_md5, actual)
        await writer.commit()
    except BaseException:
        await writer.abort()
        raise
    wrapped = vault.keyring.wrap(data_key, attachment_id)
    return StoredContent(size, actual, sha256.hexdigest(), wrapped, vault.chunk_size)


def _digest_and_seal(cipher: ChunkCipher, md5: Any, sha256: Any, index: int, chunk: bytes, final: bool) -> bytes:
    md5.update(chunk)
    sha256.update(chunk)
    return cipher.seal(index, chunk, final)


async def read(vault: Vault, attachment: Attachment, start: int, stop: int) -> AsyncGenerator[bytes, None]:
    """The plaintext bytes `start` up to (excluding) `stop` of a stored attachment."""
    size, chunk_size = attachment.size, attachment.chunk_size
    if size is None or chunk_size is None or attachment.key_id is None or attachment.wrapped_key is None:
        raise ValueError(f"Attachment {attachment.id} has no stored content")
    stop = min(stop, size)
    if start >= stop:
        return
    data_key = vault.keyring.unwrap(WrappedKey(attachment.key_id, bytes(attachment.wrapped_key)), attachment.id)
    cipher = ChunkCipher(data_key, attachment.id, chunk_size)
    last_index = chunk_count(size, chunk_size) - 1
    first = start // chunk_size
    last = (stop - 1) // chunk_size
    stored_start = first * cipher.stored_chunk_size
    stored_stop = min((last + 1) * cipher.stored_chunk_size, stored_size(size, chunk_size))
    index = first
    blocks = vault.storage.read_range(blob_key(attachment.id), stored_start, stored_stop, cipher.stored_chunk_size)
    async with aclosing(blocks):  # a client that stops reading must not leave the file open
        async for block in blocks:
            plaintext = await asyncio.to_thread(cipher.open, index, block, index == last_index)
            offset = index * chunk_size
            yield plaintext[max(start - offset, 0) : stop - offset]
            index += 1
