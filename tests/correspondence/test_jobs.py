"""Publishing through a real arq worker, and recovery after Redis loses the queue (contract §6)."""

from __future__ import annotations

from arq.connections import ArqRedis
from arq.jobs import Job, JobStatus

from correspondence.correspondence.jobs import SWEEP_PUBLISH_JOB_ID
from correspondence.correspondence.lifecycle import PUBLISH_DUE_JOB
from correspondence.correspondence.models import Correspondence
from correspondence.settings import Settings
from tests.fixtures.processes import burst_worker
from tests.fixtures.world import World


async def test_send_enqueues_the_publish_job_and_a_worker_publishes(
    world: World, settings: Settings, redis_pool: ArqRedis
) -> None:
    (correspondence_id,) = await world.sent_ids()
    assert [job.function for job in await redis_pool.queued_jobs()] == [PUBLISH_DUE_JOB]
    worker = burst_worker(settings, redis_pool)
    await worker.main()
    assert worker.jobs_complete == 1
    assert (await Correspondence.get(id=correspondence_id)).status.value == "PUBLISHED"


async def test_a_flushed_redis_delays_a_publish_but_never_loses_it(
    world: World, settings: Settings, redis_pool: ArqRedis
) -> None:
    from correspondence.correspondence.jobs import sweep

    (correspondence_id,) = await world.sent_ids()
    await redis_pool.flushdb()
    assert await redis_pool.queued_jobs() == []
    await sweep({})
    assert await Job(SWEEP_PUBLISH_JOB_ID, redis_pool).status() is JobStatus.queued
    await sweep({})  # a second sweep adds no twin job
    assert len(await redis_pool.queued_jobs()) == 1
    await burst_worker(settings, redis_pool).main()
    assert (await Correspondence.get(id=correspondence_id)).status.value == "PUBLISHED"
