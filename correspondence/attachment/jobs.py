"""Attachment jobs: expiry at `expirationInDays`, deleting retired bytes, and the sweep that recovers both."""

from __future__ import annotations

import uuid
from typing import Any

from correspondence.attachment import retention as attachment_retention
from correspondence.attachment import service as attachment_service
from correspondence.attachment.content import vault
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings


async def expire_attachment(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Idempotent: an attachment already expired (or not yet due) is left as it is."""
    async with unit_of_work():
        return await attachment_service.expire(uuid.UUID(attachment_id))


async def delete_attachment_content(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Idempotent: deletes the bytes of a retired attachment once, and nothing of a live one."""
    settings: Settings = ctx["settings"]
    async with unit_of_work():
        return await attachment_retention.delete_content(vault(settings), uuid.UUID(attachment_id))


async def sweep_attachments(ctx: dict[str, Any]) -> None:
    """Catch up on whatever a lost job or a race left: due expiries, dead uploads, retired bytes still stored.
    (Correspondences still waiting for settled attachments are the correspondence sweep's.)"""
    for attachment_id in await attachment_service.due_for_expiry():
        await expire_attachment(ctx, str(attachment_id))
    for attachment_id in await attachment_service.stale_uploads():
        async with unit_of_work():
            await attachment_service.fail_stale_upload(attachment_id)
    for attachment_id in await attachment_retention.retired_with_content():
        await delete_attachment_content(ctx, str(attachment_id))


FUNCTIONS: list[Any] = [expire_attachment, delete_attachment_content]
