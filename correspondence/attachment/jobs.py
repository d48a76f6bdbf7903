"""Attachment jobs: expiry at `expirationInDays`, deleting retired bytes, and the sweep that recovers both."""

from __future__ import annotations

import uuid
from typing import Any

from arq.worker import Retry

from correspondence.adapters import queue
from correspondence.adapters.clamd import ScannerUnavailableError
from correspondence.attachment import content as attachment_content
from correspondence.attachment import retention as attachment_retention
from correspondence.attachment import service as attachment_service
from correspondence.attachment.content import vault
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings

SCAN_RETRY_SECONDS = 30  # a scanner that is down is asked again this often (arq's tries, then the sweep's)


async def expire_attachment(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Idempotent: an attachment already expired (or not yet due) is left as it is."""
    async with unit_of_work():
        return await attachment_service.expire(uuid.UUID(attachment_id))


async def delete_attachment_content(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Idempotent: deletes the bytes of a retired attachment once, and nothing of a live one."""
    settings: Settings = ctx["settings"]
    async with unit_of_work():
        return await attachment_retention.delete_content(vault(settings), uuid.UUID(attachment_id))


async def scan_attachment(ctx: dict[str, Any], attachment_id: str) -> bool:
    """Scan bytes stored while the scanner was unreachable; while it still is, try again later (and the sweep
    enqueues the scan again after the last try). Idempotent: a settled attachment is left as it is."""
    settings: Settings = ctx["settings"]
    attachment = await attachment_service.awaiting_scan(uuid.UUID(attachment_id))
    if attachment is None:
        return False
    stored = vault(settings)
    verdict = None  # no scanner configured any more: published unscanned, as every upload now is
    if stored.scanner is not None:
        try:
            verdict = await attachment_content.scan_stored(stored, stored.scanner, attachment)
        except ScannerUnavailableError:
            raise Retry(defer=SCAN_RETRY_SECONDS) from None
    async with unit_of_work():
        await attachment_service.settle_scan(attachment, verdict)
    return True


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
    for attachment_id in await attachment_service.scans_due():
        job_id = attachment_service.scan_job_id(attachment_id)
        await queue.enqueue(attachment_service.SCAN_JOB, str(attachment_id), job_id=job_id)


FUNCTIONS: list[Any] = [expire_attachment, delete_attachment_content, scan_attachment]
