"""The baseline for attachment transfers to S3: obstore alone, no service, the same parts and concurrency.

Uploads FILE to s3://BUCKET/KEY as a multipart upload fed by an async iterator of 1 MiB blocks (as the service
feeds it), then reads it back as one ranged GET streamed in blocks, computing MD5 both ways. Prints the seconds of
each as JSON. `python bench/bare_s3.py ENDPOINT BUCKET KEY FILE PART_BYTES` (credentials from AWS_*).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import obstore
from obstore.store import S3Store

BLOCK = 1024 * 1024
CONCURRENCY = 2  # as correspondence.adapters.object_storage.UPLOAD_CONCURRENCY


async def blocks(path: Path, md5: hashlib._Hash) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while block := await asyncio.to_thread(file.read, BLOCK):
            md5.update(block)
            yield block


async def main(endpoint: str, bucket: str, key: str, path: Path, size: int, part_bytes: int) -> None:
    store = S3Store(bucket, endpoint=endpoint, virtual_hosted_style_request=False, client_options={"allow_http": True})
    md5_up = hashlib.md5(usedforsecurity=False)
    started = time.perf_counter()
    await obstore.put_async(
        store, key, blocks(path, md5_up), use_multipart=True, chunk_size=part_bytes, max_concurrency=CONCURRENCY
    )
    upload = time.perf_counter() - started
    md5_down = hashlib.md5(usedforsecurity=False)
    started = time.perf_counter()
    result = await obstore.get_async(store, key, options={"range": (0, size)})
    async for chunk in result.stream(min_chunk_size=BLOCK):
        md5_down.update(chunk)
    download = time.perf_counter() - started
    assert md5_up.hexdigest() == md5_down.hexdigest()
    await obstore.delete_async(store, key)
    print(json.dumps({"upload": upload, "download": download}))


if __name__ == "__main__":
    endpoint, bucket, key, file, part = sys.argv[1:6]
    asyncio.run(main(endpoint, bucket, key, Path(file), Path(file).stat().st_size, int(part)))
