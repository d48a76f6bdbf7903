"""The baseline for attachment transfers to S3: obstore alone, no service, the same parts and concurrency.

Uploads FILE to s3://BUCKET/KEY as a multipart upload fed by an async iterator of 1 MiB blocks (as the service
feeds it), then reads it back as one ranged GET streamed in blocks, computing MD5 both ways. Prints the seconds of
each as JSON, with the CPU seconds this process and the S3 server (SERVER_PID) spent in each.
`python bench/bare_s3.py ENDPOINT BUCKET KEY FILE PART_BYTES SERVER_PID` (credentials from AWS_*).
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
import psutil
from obstore.store import S3Store

BLOCK = 1024 * 1024
CONCURRENCY = 2  # as correspondence.adapters.object_storage.UPLOAD_CONCURRENCY


async def blocks(path: Path, md5: hashlib._Hash) -> AsyncIterator[bytes]:
    with path.open("rb") as file:
        while block := await asyncio.to_thread(file.read, BLOCK):
            md5.update(block)
            yield block


def cpu_seconds(*processes: psutil.Process) -> list[float]:
    return [sum(process.cpu_times()[:2]) for process in processes]


async def main(endpoint: str, bucket: str, key: str, path: Path, size: int, part_bytes: int, server: int) -> None:
    processes = (psutil.Process(), psutil.Process(server))
    store = S3Store(bucket, endpoint=endpoint, virtual_hosted_style_request=False, client_options={"allow_http": True})
    md5_up = hashlib.md5(usedforsecurity=False)
    started, cpu = time.perf_counter(), cpu_seconds(*processes)
    await obstore.put_async(
        store, key, blocks(path, md5_up), use_multipart=True, chunk_size=part_bytes, max_concurrency=CONCURRENCY
    )
    upload = time.perf_counter() - started
    upload_cpu = [after - before for after, before in zip(cpu_seconds(*processes), cpu, strict=True)]
    md5_down = hashlib.md5(usedforsecurity=False)
    started, cpu = time.perf_counter(), cpu_seconds(*processes)
    result = await obstore.get_async(store, key, options={"range": (0, size)})
    async for chunk in result.stream(min_chunk_size=BLOCK):
        md5_down.update(chunk)
    download = time.perf_counter() - started
    download_cpu = [after - before for after, before in zip(cpu_seconds(*processes), cpu, strict=True)]
    assert md5_up.hexdigest() == md5_down.hexdigest()
    await obstore.delete_async(store, key)
    print(json.dumps({"upload": upload, "download": download, "upload_cpu": upload_cpu, "download_cpu": download_cpu}))


if __name__ == "__main__":
    endpoint, bucket, key, file, part, server = sys.argv[1:7]
    asyncio.run(main(endpoint, bucket, key, Path(file), Path(file).stat().st_size, int(part), int(server)))
