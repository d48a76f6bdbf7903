"""A correspondence's attachments over plain HTTP (contract §4): `GET /correspondences/{id}/attachments/{attachmentId}`
streams a download out (single Range requests too), authorised through the correspondence;
`GET /correspondences/{id}/attachments.zip` streams all of them as one ZIP (contract §13)."""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from correspondence.access.actor import Actor
from correspondence.access.http import bearer_actor, error_response
from correspondence.adapters.storage import BlobNotFoundError
from correspondence.attachment import content as attachment_content
from correspondence.attachment import links as attachment_links
from correspondence.attachment.content import vault
from correspondence.attachment.repository import Attachment
from correspondence.correspondence import bundle as bundle
from correspondence.correspondence import downloads as downloads
from correspondence.kit import clock
from correspondence.kit.errors import DomainError
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings

# The media types of common documents, named so a browser's download knows what it saved; served as downloads all
# the same (contract §4): a file shown in place would run in the service's origin.
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
}
# A download that a browser renders anyway (an old one ignoring the disposition) runs nothing and loads nothing.
DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
# The database says the bytes are there and the store has none: the operator's problem, not the reader's.
MISSING_CONTENT = DomainError("The attachment's content is not available; the operator has been alerted.")
logger = logging.getLogger(__name__)
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


async def download(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    correspondence_id = request.path_params["correspondence_id"]
    attachment_id = request.path_params["attachment_id"]
    try:
        actor = await _download_actor(request, settings, correspondence_id, attachment_id)
        async with unit_of_work():
            grant = await downloads.authorise(actor, correspondence_id, attachment_id)
            if grant.as_recipient:
                await downloads.record_download(actor, grant)
    except DomainError as error:
        return error_response(error)
    attachment = grant.attachment
    size = attachment.size or 0
    headers = _download_headers(attachment)
    try:
        wanted = _requested_range(request.headers.get("range"), size)
    except RangeNotSatisfiableError:
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    start, stop = wanted or (0, size)
    if wanted:
        headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
    headers["Content-Length"] = str(stop - start)
    try:
        # The first block is fetched before the status line: a client never sees a 200 for bytes that are gone.
        body = await attachment_content.read_started(vault(settings), attachment, start, stop)
    except BlobNotFoundError:
        logger.error("The bytes of attachment %s are missing from %s", attachment.id, vault(settings).storage.location)
        return error_response(MISSING_CONTENT)
    return StreamingResponse(body, status_code=206 if wanted else 200, headers=headers)


async def download_all(request: Request) -> Response:
    """`GET /correspondences/{id}/attachments.zip` (contract §13): every hosted attachment in one streamed ZIP."""
    settings: Settings = request.app.state.settings
    try:
        actor = await bearer_actor(request)
        async with unit_of_work():
            grant = await downloads.authorise_bundle(actor, request.path_params["correspondence_id"])
            if grant.as_recipient:
                await downloads.record_bundle_download(actor, grant)
    except DomainError as error:
        return error_response(error)
    name = f"correspondence-{grant.correspondence.id}.zip"
    headers = {
        "Content-Type": "application/zip",
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_POLICY,
        "Cache-Control": "no-store",
    }
    stream = bundle.zip_stream(vault(settings), grant.hosted, grant.external, modified=clock.now())
    return StreamingResponse(stream, headers=headers)


async def _download_actor(request: Request, settings: Settings, correspondence_id: str, attachment_id: str) -> Actor:
    signed = request.query_params.get("access")
    if signed is not None:
        return attachment_links.verify(vault(settings).keyring, signed, correspondence_id, attachment_id, clock.now())
    return await bearer_actor(request)


def _download_headers(attachment: Attachment) -> dict[str, str]:
    name = attachment.file_name
    media_type = MEDIA_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
    fallback = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    headers = {
        "Content-Type": media_type,
        "Content-Disposition": f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": DOWNLOAD_POLICY,
        "Cache-Control": "no-store",
        "Accept-Ranges": "bytes",
    }
    if attachment.sha256:
        headers["ETag"] = f'"{attachment.sha256}"'
    return headers


class RangeNotSatisfiableError(ValueError):
    pass


def _requested_range(header: str | None, size: int) -> tuple[int, int] | None:
    """One `bytes=` range as (start, stop); None to send everything (no, several or malformed ranges)."""
    match = _RANGE.fullmatch(header.strip()) if header else None
    if match is None or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if not first:  # a suffix: the last N bytes
        suffix = int(last)
        if not suffix or not size:
            raise RangeNotSatisfiableError
        return max(size - suffix, 0), size
    start = int(first)
    stop = min(int(last) + 1, size) if last else size
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiableError
    return start, stop
