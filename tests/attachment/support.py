"""Helpers for attachment tests: GraphQL documents, uploads over both paths, and a look into storage."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import httpx

from correspondence.attachment.models import Attachment
from correspondence.settings import Settings
from tests.helpers import GraphQLClient, GraphQLResult

RESOURCE = "tax-letter"
FOREIGN_RESOURCE = "customs-letter"

FIELDS = "id resourceId fileName displayName size checksum status statusText dataLocationType url"
INITIALIZE = f"mutation($input: AttachmentInput!) {{ initializeAttachment(input: $input) {{ {FIELDS} }} }}"
UPLOAD = (
    "mutation($input: AttachmentInput!, $file: Upload!) "
    f"{{ uploadAttachment(input: $input, file: $file) {{ {FIELDS} }} }}"
)
QUERY = f"query($id: ID!) {{ attachment(id: $id) {{ {FIELDS} }} }}"


def attachment_input(**overrides: Any) -> dict[str, Any]:
    return {"resourceId": RESOURCE, "fileName": "report.pdf", "sendersReference": "ref-1", **overrides}


async def initialize(client: GraphQLClient, token: str, **overrides: Any) -> dict[str, Any]:
    result = await client(INITIALIZE, {"input": attachment_input(**overrides)}, token=token)
    return dict(result.data["initializeAttachment"])


async def put_content(
    client: GraphQLClient, token: str, attachment_id: str, content: bytes | AsyncIterator[bytes], **headers: str
) -> httpx.Response:
    return await client.http.put(
        f"/attachments/{attachment_id}/content",
        content=content,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/octet-stream", **headers},
    )


async def multipart_upload(
    client: GraphQLClient, token: str, content: bytes, csrf: bool = True, **overrides: Any
) -> GraphQLResult:
    operations = {"query": UPLOAD, "variables": {"input": attachment_input(**overrides), "file": None}}
    headers = {"Authorization": f"Bearer {token}"}
    if csrf:
        headers["Apollo-Require-Preflight"] = "true"
    response = await client.http.post(
        "/graphql",
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})},
        files={"0": ("report.pdf", content, "application/pdf")},
        headers=headers,
    )
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return GraphQLResult(response.status_code, response.json() if is_json else {"text": response.text})


def stored_files(settings: Settings, attachment_id: str | uuid.UUID) -> list[Path]:
    """Everything storage holds for the attachment: the blob or an unfinished write of it."""
    return sorted((settings.data_dir / "attachments").rglob(f"{attachment_id}*"))


async def status_of(attachment_id: str) -> tuple[str, str | None]:
    attachment = await Attachment.get(id=attachment_id)
    return attachment.status.value, attachment.status_text


def pieces(blocks: Iterable[bytes]) -> AsyncIterator[bytes]:
    async def generate() -> AsyncIterator[bytes]:
        for block in blocks:
            yield block

    return generate()
