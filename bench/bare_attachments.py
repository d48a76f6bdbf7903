"""The baseline for attachment transfers: a bare starlette endpoint doing only the work no implementation can skip.

PUT /upload streams the body to a file while computing MD5 and SHA-256; GET /download streams that file back.
`python bench/bare_attachments.py PORT DIRECTORY`.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

BLOCK = 1024 * 1024


def build(directory: Path) -> Starlette:
    target = directory / "bare-upload.bin"

    async def upload(request: Request) -> Response:
        md5, sha256, size = hashlib.md5(usedforsecurity=False), hashlib.sha256(), 0
        async with await anyio.open_file(target, "wb") as file:
            async for piece in request.stream():
                md5.update(piece)
                sha256.update(piece)
                size += len(piece)
                await file.write(piece)
        return JSONResponse({"size": size, "md5": md5.hexdigest(), "sha256": sha256.hexdigest()})

    async def download(request: Request) -> Response:
        async def blocks() -> AsyncIterator[bytes]:
            async with await anyio.open_file(target, "rb") as file:
                while block := await file.read(BLOCK):
                    yield block

        return StreamingResponse(blocks(), media_type="application/octet-stream")

    return Starlette(routes=[Route("/upload", upload, methods=["PUT"]), Route("/download", download)])


if __name__ == "__main__":
    uvicorn.run(
        build(Path(sys.argv[2])), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False
    )
