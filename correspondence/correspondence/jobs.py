"""Correspondence jobs: publish, forwarding e-mails, the sweep that recovers lost publishes and forwardings and
processes due dates, and retention."""

from __future__ import annotations

import logging
import time
from typing import Any

from arq.worker import func

from correspondence.adapters import queue
from correspondence.attachment.content import vault
from correspondence.correspondence import attachments as attachments
from correspondence.correspondence import forwarding as forwarding
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence.content import render_body
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification.jobs import mail_pool
from correspondence.settings import Settings

logger = logging.getLogger(__name__)

BODY_BATCH = 100
FORWARD_SWEEP_LIMIT = 1000
# Of the publishing job's timeout: a fresh job continues after it.
PUBLISHING_SECONDS = 20.0
SWEEP_PUBLISH_JOB_ID = "publish:due:sweep"
# Of the sweep's job timeout: the backfill continues at the next sweep.
BODY_RENDERING_SECONDS = 10.0


async def publish_correspondence(ctx: dict[str, Any], correspondence_id: str) -> str | None:
    async with unit_of_work():
        result = await lifecycle.publish(correspondence_id)
    return result.value if result else None


async def forward_correspondence(ctx: dict[str, Any], forwarding_id: str) -> None:
    """Send one forwarding's e-mail through the worker's SMTP pool (the notifications' pool)."""
    settings: Settings = ctx["settings"]
    await forwarding.send(forwarding_id, mail_pool(ctx), vault(settings), settings)


async def publish_due_correspondences(ctx: dict[str, Any]) -> int:
    """Publish what is due, a batch per transaction, until nothing is left or the time is up (then a fresh job
    continues, so no job outlives the short job timeout). Returns how many were published or failed."""
    done = 0
    deadline = time.monotonic() + PUBLISHING_SECONDS
    while time.monotonic() < deadline:
        async with unit_of_work():
            claimed = await lifecycle.publish_due()
        done += claimed
        if claimed < lifecycle.PUBLISH_BATCH:
            return done
    await queue.enqueue(lifecycle.PUBLISH_DUE_JOB)
    return done


async def sweep(ctx: dict[str, Any]) -> None:
    """Re-enqueue due publishing and every due forwarding (a flushed Redis or a dead worker loses none), record
    due dates, and move on the correspondences still waiting for attachments that have settled (a send racing an
    upload's end)."""
    if await lifecycle.due_for_publishing(limit=1):
        # The job id makes this a no-op while an earlier sweep's job still waits or runs.
        await queue.enqueue(lifecycle.PUBLISH_DUE_JOB, job_id=SWEEP_PUBLISH_JOB_ID)
    for forwarding_id, attempts in await forwarding.due(FORWARD_SWEEP_LIMIT):
        await queue.enqueue(
            forwarding.FORWARD_JOB, str(forwarding_id), job_id=forwarding.forward_job_id(forwarding_id, attempts)
        )
    async with unit_of_work():
        await lifecycle.process_due_dates()
    async with unit_of_work():
        await attachments.settle_waiting()
    await render_bodies_sent_before_rendering()


async def render_bodies_sent_before_rendering() -> int:
    """Backfills the stored HTML of correspondences sent before it was rendered at send time, in batches until
    none is left or the time is up; each body off the event loop and within its budget. Returns how many."""
    rendered = 0
    deadline = time.monotonic() + BODY_RENDERING_SECONDS
    while True:
        batch = await repository.bodies_to_render(BODY_BATCH)
        for correspondence_id, body in batch:
            if time.monotonic() >= deadline:
                return rendered
            html = (await render_body(body)).html
            async with unit_of_work():
                await repository.store_body_html(correspondence_id, html)
            rendered += 1
        if len(batch) < BODY_BATCH:
            return rendered


async def retention(ctx: dict[str, Any]) -> None:
    total = 0
    while True:  # in batches, each its own transaction, until nothing expired is left
        async with unit_of_work():
            purged = await lifecycle.purge_expired()
        total += purged
        if not purged:
            break
    if total:
        logger.info("Retention purged %d correspondence(s)", total)


FUNCTIONS: list[Any] = [
    publish_correspondence,
    forward_correspondence,
    func(publish_due_correspondences, name=lifecycle.PUBLISH_DUE_JOB),
]
