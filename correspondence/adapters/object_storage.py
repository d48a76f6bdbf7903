"""Attachment blobs in an S3-compatible object store, through obstore.

obstore (Rust's `object_store` crate) streams an async iterator into a multipart upload, runs the parts' requests
concurrently off the event loop, aborts the upload when the iterator raises, and reads ranges as a stream; the
S3 signing and retries are its own. Credentials come from the standard AWS variables (`AWS_ACCESS_KEY_ID`,
`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`), the endpoint and region from our settings.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterable
from datetime import timedelta
from typing import TYPE_CHECKING

import obstore
from obstore.exceptions import BaseError, PermissionDeniedError, UnauthenticatedError
from obstore.store import S3Store

from correspondence.adapters.storage import (
    STORAGE_SETTING,
    BlobNotFoundError,
    StorageFailedError,
    StorageUnavailableError,
    blob_path,
)

if TYPE_CHECKING:
    from obstore.store import ClientConfig, RetryConfig
    from typing_extensions import Buffer

# Parts in flight per upload: with the part size this bounds the memory an upload holds (2 × 8 MiB by default,
# and the part being filled); more did not upload faster to a local store and held 60 MB (bench/README.md).
UPLOAD_CONCURRENCY = 2
# An outage longer than this fails the transfer (and the upload is aborted) instead of holding the client.
RETRY_TIMEOUT = timedelta(seconds=20)
_CREDENTIALS = "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY"
_ENDPOINT_SETTING = "CORRESPONDENCE_S3_ENDPOINT_URL"


class S3Storage:
    def __init__(
        self, bucket: str, prefix: str, *, endpoint_url: str | None, region: str | None, part_bytes: int
    ) -> None:
        self.bucket = bucket
        self.prefix = prefix
        self.part_bytes = part_bytes
        client: ClientConfig = {"allow_http": True, "connect_timeout": timedelta(seconds=5)}
        retry: RetryConfig = {"max_retries": 3, "retry_timeout": RETRY_TIMEOUT}
        self.store = S3Store(
            bucket,
            prefix=prefix or None,
            endpoint=endpoint_url,
            region=region,
            # A custom endpoint (MinIO, moto, Ceph) is addressed by path; AWS itself by virtual host.
            virtual_hosted_style_request=endpoint_url is None,
            client_options=client,
            retry_config=retry,
        )
        self.endpoint_url = endpoint_url

    @property
    def location(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}" if self.prefix else f"s3://{self.bucket}"

    async def check(self) -> None:
        """A listing under a name no blob has: cheap, and it needs the bucket and the credentials."""
        try:
            await obstore.list_with_delimiter_async(self.store, "readiness-probe")
        except (PermissionDeniedError, UnauthenticatedError):
            raise StorageUnavailableError(
                f"{STORAGE_SETTING} {self.location}: the store refused the credentials ({_CREDENTIALS})."
            ) from None
        except Exception as error:  # obstore reports S3's answers as text
            raise StorageUnavailableError(self._explain(str(error))) from None

    def _explain(self, text: str) -> str:
        if "NoSuchBucket" in text:
            return f"{STORAGE_SETTING} {self.location}: the bucket {self.bucket!r} does not exist."
        if any(code in text for code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403")):
            return f"{STORAGE_SETTING} {self.location}: the store refused the credentials ({_CREDENTIALS})."
        endpoint = self.endpoint_url or "the AWS endpoint"
        return f"{STORAGE_SETTING} {self.location}: {endpoint} ({_ENDPOINT_SETTING}) is not usable: {_first_line(text)}"

    async def put(self, key: str, blocks: AsyncIterable[bytes]) -> None:
        """A multipart upload; obstore aborts it when `blocks` raises (that error comes through unchanged) or
        when the store fails a part after its retries (StorageFailedError)."""
        try:
            await obstore.put_async(
                self.store,
                blob_path(key),
                blocks,
                use_multipart=True,
                chunk_size=self.part_bytes,
                max_concurrency=UPLOAD_CONCURRENCY,
            )
        except (BaseError, FileNotFoundError, PermissionError) as error:  # obstore maps 404/403 to the builtins
            raise StorageFailedError(f"{self.location}: {_first_line(error)}") from error

    async def open_range(self, key: str, start: int, end: int, block_size: int) -> AsyncGenerator[bytes, None]:
        try:
            result = await obstore.get_async(self.store, blob_path(key), options={"range": (start, end)})
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None
        return _reblocked(result.stream(min_chunk_size=block_size), block_size, key, end - start)

    async def delete(self, key: str) -> None:
        await obstore.delete_async(self.store, blob_path(key))  # S3 answers a missing key's DELETE with success

    async def exists(self, key: str) -> bool:
        try:
            await obstore.head_async(self.store, blob_path(key))
        except FileNotFoundError:
            return False
        return True


def _first_line(error: object) -> str:
    """obstore's messages carry a debug dump after the first line."""
    text = str(error)
    return text.splitlines()[0] if text else type(error).__name__


async def _reblocked(
    stream: AsyncIterable[Buffer], block_size: int, key: str, expected: int
) -> AsyncGenerator[bytes, None]:
    """The store's chunks of any size cut into exactly `block_size` bytes (each stored chunk is opened whole),
    copying each byte once."""
    pending = bytearray()
    received = 0
    async for piece in stream:
        view = memoryview(piece)
        received += view.nbytes
        if pending:
            taken = view[: block_size - len(pending)]
            pending += taken
            view = view[taken.nbytes :]
            if len(pending) < block_size:
                continue
            yield bytes(pending)
            pending.clear()
        while view.nbytes >= block_size:
            yield bytes(view[:block_size])
            view = view[block_size:]
        pending += view
    if pending:
        yield bytes(pending)
    if received < expected:
        raise BlobNotFoundError(f"{key} ended after {received} of {expected} bytes")
