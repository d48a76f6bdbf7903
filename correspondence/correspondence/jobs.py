"""Correspondence jobs: publish, the sweep that recovers lost publishes and processes due dates, and retention."""

from __future__ import annotations

import logging
import time
from typing import Any

from correspondence.adapters import queue
from correspondence.correspondence import attachments as attachments
from correspondence.correspondence import lifecycle as lifecycle
from correspondence.correspondence import repository as repository
from correspondence.correspondence.content import render_body
from correspondence.kit.unit_of_work import unit_of_work

logger = logging.getLogger(__name__)

BODY_BATCH = 100
# Of the sweep's job timeout: the backfill continues at the next sweep.
BODY_RENDERING_SECONDS = 10.0


async def publish_correspondence(ctx: dict[str, Any], correspondence_id: str) -> str | None:
    async with unit_of_work():
        result = await lifecycle.publish(correspondence_id)
    return result.value if result else None


async def sweep(ctx: dict[str, Any]) -> None:
    """Re-enqueue every due publish (a flushed Redis or a dead worker loses none), record due dates, and move on
    the correspondences still waiting for attachments that have settled (a send racing an upload's end)."""
    for correspondence_id in await lifecycle.due_for_publishing():
        # The job id makes this a no-op while the original job still waits or runs.
        await queue.enqueue(
            lifecycle.PUBLISH_JOB, correspondence_id, job_id=lifecycle.publish_job_id(correspondence_id)
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


FUNCTIONS: list[Any] = [publish_correspondence]
