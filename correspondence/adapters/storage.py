"""Blob storage for attachment bytes behind a small interface: write once from a stream, read ranges, delete.

Two implementations, chosen by `CORRESPONDENCE_STORAGE_URL` at start-up (`open_storage`): the filesystem
(`file:///path`, one machine) and any S3-compatible object store (`s3://bucket/prefix`, see `object_storage`).
Either way a blob becomes visible only when its stream ended without an error, so a reader never sees half a
blob and a failed write leaves nothing behind. Keys fan out under their first two characters (`ab/abcd…`), which
keeps directories small and gives the object store's listings a cheap root.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncGenerator, AsyncIterable
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import unquote, urlsplit

_PARTIAL_SUFFIX = ".part"
STORAGE_SETTING = "CORRESPONDENCE_STORAGE_URL"


class BlobNotFoundError(LookupError):
    pass


class StorageUnavailableError(RuntimeError):
    """The store cannot be used (missing bucket, refused credentials, unreachable endpoint): the message names the
    setting to fix."""


class StorageFailedError(RuntimeError):
    """The store failed a transfer (after its own retries): an outage, not the blob's fault."""


class BlobStorage(Protocol):
    @property
    def location(self) -> str:
        """Where the blobs are, as an operator configured it (for readiness reports and messages)."""
        ...

    async def check(self) -> None:
        """Raise StorageUnavailableError unless blobs can be stored and read now."""

    async def put(self, key: str, blocks: AsyncIterable[bytes]) -> None:
        """Store the stream under `key`; when the stream (or the store: StorageFailedError) fails, nothing of it
        stays stored."""

    async def open_range(self, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
        """Bytes `start` up to (excluding) `end`, in blocks of `block_size` (the last one may be shorter).

        Raises BlobNotFoundError here, before the first block is asked for, when the blob is missing."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the blob; a missing blob is no error."""

    async def exists(self, key: str) -> bool: ...


def blob_path(key: str) -> str:
    if not key or "/" in key or "\\" in key or key.startswith("."):
        raise ValueError(f"Invalid blob key {key!r}")
    return f"{key[:2]}/{key}"


def open_storage(url: str, *, endpoint_url: str | None, region: str | None, part_bytes: int) -> BlobStorage:
    """The storage a `CORRESPONDENCE_STORAGE_URL` names."""
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path:
        return FileSystemStorage(Path(unquote(parts.path)))
    if parts.scheme == "s3" and parts.netloc:
        from correspondence.adapters.object_storage import S3Storage  # only S3 deployments load the client

        return S3Storage(
            parts.netloc, parts.path.strip("/"), endpoint_url=endpoint_url, region=region, part_bytes=part_bytes
        )
    raise StorageUnavailableError(f"{STORAGE_SETTING} must be file:///path or s3://bucket/prefix, not {url!r}.")


class FileSystemStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def location(self) -> str:
        return self.root.as_uri()

    def _path(self, key: str) -> Path:
        return self.root / blob_path(key)

    async def check(self) -> None:
        def writable() -> None:
            self.root.mkdir(parents=True, exist_ok=True)
            if not os.access(self.root, os.W_OK | os.X_OK):
                raise PermissionError(self.root)

        try:
            await asyncio.to_thread(writable)
        except OSError as error:
            raise StorageUnavailableError(
                f"{STORAGE_SETTING}: the directory {self.root} cannot be written ({error.strerror or error})."
            ) from None

    async def put(self, key: str, blocks: AsyncIterable[bytes]) -> None:
        path = self._path(key)
        partial = path.with_name(path.name + _PARTIAL_SUFFIX)

        def open_partial() -> BinaryIO:
            partial.parent.mkdir(parents=True, exist_ok=True)
            return partial.open("xb")  # exclusive: two writers of one key is a bug, never a silent overwrite

        file = await asyncio.to_thread(open_partial)
        try:
            async for block in blocks:
                await asyncio.to_thread(file.write, block)
            await asyncio.to_thread(_commit, file, partial, path)
        except BaseException:
            await asyncio.to_thread(_discard, file, partial)
            raise

    async def open_range(self, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
        try:
            file = await asyncio.to_thread(self._path(key).open, "rb")
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None
        return _file_blocks(file, key, start, end, block_size)

    async def delete(self, key: str) -> None:
        path = self._path(key)

        def remove() -> None:
            for candidate in (path, path.with_name(path.name + _PARTIAL_SUFFIX)):
                with contextlib.suppress(FileNotFoundError):
                    candidate.unlink()

        await asyncio.to_thread(remove)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).exists)


async def _file_blocks(file: BinaryIO, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
    try:
        position = start
        while position < end:
            block = await asyncio.to_thread(os.pread, file.fileno(), min(block_size, end - position), position)
            if not block:
                raise BlobNotFoundError(f"{key} ends at {position}, before {end}")
            position += len(block)
            yield block
    finally:
        await asyncio.to_thread(file.close)


def _commit(file: BinaryIO, partial: Path, final: Path) -> None:
    file.flush()
    os.fsync(file.fileno())  # durable before the database says the attachment is there
    file.close()
    os.replace(partial, final)


def _discard(file: BinaryIO, partial: Path) -> None:
    file.close()
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
