"""Blob storage for attachment bytes behind a small interface: write once, read ranges, delete.

The interface is what an S3-compatible store offers too (a multipart upload completed or aborted, ranged GET,
DELETE). The filesystem implementation keeps each blob under `<data_dir>/attachments/`; a blob becomes
visible only when its writer commits, so a reader never sees half a file and an aborted upload leaves nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncGenerator
from pathlib import Path
from typing import BinaryIO, Protocol

_PARTIAL_SUFFIX = ".part"


class BlobNotFoundError(LookupError):
    pass


class BlobWriter(Protocol):
    async def write(self, data: bytes) -> None: ...

    async def commit(self) -> None:
        """Make the blob durable and visible under its key."""

    async def abort(self) -> None:
        """Discard everything written; safe to call after a failed write."""


class BlobStorage(Protocol):
    async def open_writer(self, key: str) -> BlobWriter: ...

    def read_range(self, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
        """Bytes `start` up to (excluding) `end`, in blocks of `block_size` (the last one may be shorter)."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the blob and any unfinished write of it; a missing blob is no error."""

    async def exists(self, key: str) -> bool:
        """True while the blob or an unfinished write of it is stored."""


class FileSystemStorage:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not key or "/" in key or "\\" in key or key.startswith("."):
            raise ValueError(f"Invalid blob key {key!r}")
        return self.root / key[:2] / key  # a fan-out level keeps directories small

    async def open_writer(self, key: str) -> FileSystemWriter:
        path = self._path(key)
        partial = path.with_name(path.name + _PARTIAL_SUFFIX)

        def open_partial() -> BinaryIO:
            partial.parent.mkdir(parents=True, exist_ok=True)
            return partial.open("xb")  # exclusive: two writers of one key is a bug, never a silent overwrite

        return FileSystemWriter(await asyncio.to_thread(open_partial), partial, path)

    async def read_range(self, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
        path = self._path(key)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None
        try:
            position = start
            while position < end:
                block = await asyncio.to_thread(_read_at, file, position, min(block_size, end - position))
                if not block:
                    raise BlobNotFoundError(f"{key} ends at {position}, before {end}")
                position += len(block)
                yield block
        finally:
            await asyncio.to_thread(file.close)

    async def delete(self, key: str) -> None:
        path = self._path(key)

        def remove() -> None:
            for candidate in (path, path.with_name(path.name + _PARTIAL_SUFFIX)):
                with contextlib.suppress(FileNotFoundError):
                    candidate.unlink()

        await asyncio.to_thread(remove)

    async def exists(self, key: str) -> bool:
        path = self._path(key)
        partial = path.with_name(path.name + _PARTIAL_SUFFIX)
        return await asyncio.to_thread(lambda: path.exists() or partial.exists())


def _read_at(file: BinaryIO, position: int, length: int) -> bytes:
    return os.pread(file.fileno(), length, position)


class FileSystemWriter:
    def __init__(self, file: BinaryIO, partial: Path, final: Path) -> None:
        self._file = file
        self._partial = partial
        self._final = final

    async def write(self, data: bytes) -> None:
        await asyncio.to_thread(self._file.write, data)

    async def commit(self) -> None:
        def finish() -> None:
            self._file.flush()
            os.fsync(self._file.fileno())  # durable before the database says the attachment is there
            self._file.close()
            os.replace(self._partial, self._final)

        await asyncio.to_thread(finish)

    async def abort(self) -> None:
        def discard() -> None:
            self._file.close()
            with contextlib.suppress(FileNotFoundError):
                self._partial.unlink()

        await asyncio.to_thread(discard)
