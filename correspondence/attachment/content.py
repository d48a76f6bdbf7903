"""Attachment bytes: streamed in while counted, checksummed and encrypted; streamed out decrypted from any offset.

Memory stays at about one chunk per transfer whatever the file size. Hashing and sealing run in a worker
thread (hashlib and OpenSSL release the GIL on large buffers), so a big upload does not stall the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass

from correspondence.adapters.clamd import Clamd, ScannerUnavailableError, ScanSession, Verdict
from correspondence.adapters.crypto import (
    ChunkCipher,
    KeyRing,
    WrappedKey,
    chunk_count,
    load_keyring,
    new_data_key,
    stored_size,
)
from correspondence.adapters.storage import BlobStorage, open_storage
from correspondence.attachment.repository import Attachment
from correspondence.attachment.statuses import AttachmentStatus, DataLocationType
from correspondence.settings import Settings

DEFAULT_CHUNK_SIZE = 256 * 1024
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Vault:
    """Where attachment bytes live and the keys that protect them."""

    storage: BlobStorage
    keyring: KeyRing
    chunk_size: int = DEFAULT_CHUNK_SIZE
    scanner: Clamd | None = None  # without one, uploads are published unscanned


_vaults: dict[tuple[object, ...], Vault] = {}
_storages: dict[tuple[object, ...], BlobStorage] = {}


def storage(settings: Settings) -> BlobStorage:
    """The store of these settings, built once per process (readiness checks need no keys)."""
    key = (settings.effective_storage_url, settings.s3_endpoint_url, settings.s3_region, settings.s3_part_bytes)
    found = _storages.get(key)
    if found is None:
        found = _storages[key] = open_storage(
            settings.effective_storage_url,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            part_bytes=settings.s3_part_bytes,
        )
    return found


def vault(settings: Settings) -> Vault:
    """The vault of these settings, built once per process (loading keys may touch the disk)."""
    key = (
        settings.data_dir,
        settings.master_keys,
        settings.active_key_id,
        settings.dev_mode,
        settings.clamd_url,
        settings.effective_storage_url,
        settings.s3_endpoint_url,
        settings.s3_region,
        settings.s3_part_bytes,
    )
    found = _vaults.get(key)
    if found is None:
        scanner = Clamd(settings.clamd_url) if settings.clamd_url else None
        found = _vaults[key] = Vault(storage(settings), load_keyring(settings), scanner=scanner)
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


class NotCleanError(Exception):
    """The malware scanner did not find the file clean (malware, or beyond what it can scan)."""


@dataclass(frozen=True, slots=True)
class StoredContent:
    size: int
    md5: str
    sha256: str
    key: WrappedKey
    chunk_size: int
    scan_pending: bool  # a scanner is configured but was unreachable: the bytes wait for a scan


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
    ChecksumMismatchError when the bytes do not have the MD5 the sender gave, and NotCleanError when the
    malware scanner, fed the plaintext as it arrives, does not find it clean.
    """
    data_key = new_data_key()
    digests = _Digests()
    scan = await _scan_session(vault.scanner)
    cipher = ChunkCipher(data_key, attachment_id, vault.chunk_size)
    try:
        # The sealed stream raises before its final chunk on any refusal: the store then keeps nothing.
        await vault.storage.put(blob_key(attachment_id), _sealed(cipher, pieces, digests, limit, expected_md5, scan))
    finally:
        if scan is not None:
            await scan.close()
    wrapped = vault.keyring.wrap(data_key, attachment_id)
    pending = vault.scanner is not None and scan is None
    return StoredContent(
        digests.size, digests.md5.hexdigest(), digests.sha256.hexdigest(), wrapped, vault.chunk_size, pending
    )


async def _scan_session(scanner: Clamd | None) -> ScanSession | None:
    if scanner is None:
        return None
    try:
        return await scanner.session()
    except ScannerUnavailableError as error:
        logger.warning("Uploads wait for their malware scan: %s", error)
        return None


class _Digests:
    def __init__(self) -> None:
        self.size = 0
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.sha256 = hashlib.sha256()


async def _sealed(
    cipher: ChunkCipher,
    pieces: AsyncIterable[bytes],
    digests: _Digests,
    limit: int,
    expected_md5: str | None,
    scan: ScanSession | None,
) -> AsyncGenerator[bytes, None]:
    chunk_size = cipher.chunk_size
    index = 0
    buffer = bytearray()
    async for piece in pieces:
        digests.size += len(piece)
        if digests.size > limit:
            raise ContentTooLargeError(limit)
        if scan is not None:
            await scan.feed(piece)  # the plaintext, before it is encrypted
        buffer += piece
        # Hold back a full chunk until more arrives: only the end of the stream says which chunk is final.
        while len(buffer) > chunk_size:
            chunk = bytes(buffer[:chunk_size])
            del buffer[:chunk_size]
            yield await asyncio.to_thread(_digest_and_seal, cipher, digests, index, chunk, False)
            index += 1
    final = await asyncio.to_thread(_digest_and_seal, cipher, digests, index, bytes(buffer), True)
    actual = digests.md5.hexdigest()
    if expected_md5 is not None and expected_md5 != actual:
        raise ChecksumMismatchError(expected_md5, actual)
    if scan is not None:
        verdict = await scan.verdict()
        if not verdict.clean:
            raise NotCleanError(verdict.reason)
    yield final


def _digest_and_seal(cipher: ChunkCipher, digests: _Digests, index: int, chunk: bytes, final: bool) -> bytes:
    digests.md5.update(chunk)
    digests.sha256.update(chunk)
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
    blocks = await vault.storage.open_range(
        blob_key(attachment.id), stored_start, stored_stop, cipher.stored_chunk_size
    )

    def opened(index: int, block: bytes) -> bytes:
        offset = index * chunk_size
        return cipher.open(index, block, index == last_index)[max(start - offset, 0) : stop - offset]

    # One chunk is opened in a thread while the previous one is sent and the next one fetched: the store, the
    # cipher and the client overlap instead of taking turns.
    opening: asyncio.Future[bytes] | None = None
    async with aclosing(blocks):  # a client that stops reading must not leave the file or connection open
        try:
            async for index, block in _numbered(first, blocks):
                previous, opening = opening, asyncio.ensure_future(asyncio.to_thread(opened, index, block))
                if previous is not None:
                    yield await previous
            if opening is not None:
                last_opened, opening = opening, None
                yield await last_opened
        finally:
            if opening is not None:  # a chunk still in its thread: let it finish; the error that ended the read
                await asyncio.wait([opening])  # is the one reported, not this chunk's
                if not opening.cancelled():
                    opening.exception()


async def _numbered(first: int, blocks: AsyncIterable[bytes]) -> AsyncIterator[tuple[int, bytes]]:
    index = first
    async for block in blocks:
        yield index, block
        index += 1


async def read_started(vault: Vault, attachment: Attachment, start: int, stop: int) -> AsyncIterator[bytes]:
    """`read`, with its first block already fetched and opened: a missing blob (BlobNotFoundError) or a broken
    one raises here, before the caller has promised anything (a download's 200 header, a ZIP entry)."""
    blocks = read(vault, attachment, start, stop)
    try:
        first = await anext(blocks)
    except StopAsyncIteration:
        return _nothing()
    except BaseException:
        await blocks.aclose()
        raise
    return _after(first, blocks)


async def _after(first: bytes, rest: AsyncGenerator[bytes, None]) -> AsyncIterator[bytes]:
    async with aclosing(rest):
        yield first
        async for block in rest:
            yield block


async def _nothing() -> AsyncIterator[bytes]:
    return
    yield


async def scan_stored(vault: Vault, scanner: Clamd, attachment: Attachment) -> Verdict:
    """The scanner's verdict on stored bytes (an upload that arrived while the scanner was unreachable).

    Raises ScannerUnavailableError while it still is; the plaintext is streamed, never held whole."""
    scan = await scanner.session()
    try:
        blocks = read(vault, attachment, 0, attachment.size or 0)
        async with aclosing(blocks):
            async for block in blocks:
                await scan.feed(block)
        return await scan.verdict()
    finally:
        await scan.close()
