"""Publishing in batches (design §6, §15): claims that two workers never share, a crash mid-batch that loses and
doubles nothing, and claims in turns across senders so one organization's bulk never holds back another's letter."""

from __future__ import annotations

import asyncio

import pytest
from arq.connections import ArqRedis

from correspondence.correspondence import lifecycle
from correspondence.correspondence.jobs import sweep
from correspondence.correspondence.models import (
    Activity,
    ActivityType,
    Correspondence,
    CorrespondenceStatusEntry,
    InboxCounter,
)
from correspondence.correspondence.statuses import CorrespondenceStatus
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification.orders import PROCESS_DUE_JOB
from correspondence.registry.models import Organization, Resource
from correspondence.settings import Settings
from tests.fixtures.processes import burst_worker
from tests.fixtures.world import World, urn_person
from tests.helpers import ORG_AGENCY_2, PERSON_A, PERSON_B, PERSON_D, Tokens

EVERYONE = [PERSON_A, PERSON_B, PERSON_D]
PUBLISHED = CorrespondenceStatus.PUBLISHED


class Crash(Exception):
    """The worker dies after its batch's writes, before the commit."""


async def published_once(ids: list[str]) -> bool:
    """Each of `ids` is PUBLISHED with exactly one PUBLISHED history entry and one PUBLISHED activity."""
    statuses = {c.status for c in await Correspondence.filter(id__in=ids)}
    entries = await CorrespondenceStatusEntry.filter(correspondence_id__in=ids, status=PUBLISHED).count()
    activities = await Activity.filter(correspondence_id__in=ids, type=ActivityType.PUBLISHED).count()
    return statuses == {PUBLISHED} and entries == activities == len(ids)


async def publish_batch(limit: int) -> int:
    async with unit_of_work():
        return await lifecycle.publish_due(limit)


async def publish_then_crash(expected: int) -> None:
    async with unit_of_work():
        assert await lifecycle.publish_due(limit=10) == expected
        raise Crash


async def test_two_workers_claiming_at_once_publish_each_letter_once(world: World) -> None:
    ids = [i for _ in range(4) for i in await world.sent_ids(recipients=EVERYONE)]
    claimed = await asyncio.gather(*(publish_batch(limit=5) for _ in range(3)))
    assert sum(claimed) == len(ids) == 12  # disjoint claims: none taken twice, none left out
    assert await published_once(ids)
    assert await publish_batch(limit=5) == 0


async def test_concurrent_batches_to_the_same_inboxes_neither_deadlock_nor_miscount(world: World) -> None:
    # Each batch moves the same three inbox counters: taken in whatever order its UPDATE met its letters, two
    # batches deadlocked (PostgreSQL aborted one); taken in one order, they wait for each other.
    ids = [i for _ in range(20) for i in await world.sent_ids(recipients=EVERYONE)]
    for _ in range(4):
        await asyncio.gather(*(publish_batch(limit=3) for _ in range(5)))
    while await publish_batch(limit=10):
        pass
    assert await published_once(ids)
    inboxes = [urn_person(person) for person in EVERYONE]
    counters = [counter.total for counter in await InboxCounter.filter(recipient__in=inboxes)]
    assert sorted(counters) == [20, 20, 20]


async def test_a_crash_mid_batch_leaves_the_letters_due_and_the_sweep_publishes_each_once(
    world: World, settings: Settings, redis_pool: ArqRedis
) -> None:
    ids = await world.sent_ids(recipients=EVERYONE)
    await redis_pool.flushdb()  # the send's job is gone with the crashed worker
    with pytest.raises(Crash):
        await publish_then_crash(expected=3)
    assert {c.status for c in await Correspondence.filter(id__in=ids)} == {CorrespondenceStatus.READY_FOR_PUBLISH}
    assert await Activity.filter(correspondence_id__in=ids, type=ActivityType.PUBLISHED).count() == 0
    await sweep({})
    await burst_worker(settings, redis_pool).main()
    assert await published_once(ids)


async def test_another_organizations_letter_is_claimed_in_the_next_batch_during_a_bulk(
    world: World, tokens: Tokens
) -> None:
    bulk = [i for _ in range(3) for i in await world.sent_ids(recipients=EVERYONE)]
    await Organization.create(organization_number=ORG_AGENCY_2, name="Valgdirektoratet")
    await Resource.create(resource_id="valgkort", owner_organization_number=ORG_AGENCY_2, title_nb="Valgkort")
    other = World(world.client, tokens)
    (single,) = await other.sent_ids(token=tokens.service_owner(ORG_AGENCY_2), resourceId="valgkort")
    async with unit_of_work():
        assert await lifecycle.publish_due(limit=2) == 2
    # The first batch took one letter of each sender: the single letter did not wait for the nine before it.
    assert (await Correspondence.get(id=single)).status is PUBLISHED
    assert await Correspondence.filter(id__in=bulk, status=PUBLISHED).count() == 1


async def test_a_published_batchs_orders_wait_for_one_processing_job(world: World, redis_pool: ArqRedis) -> None:
    await world.sent_ids(recipients=EVERYONE, notification={"channel": "EMAIL"})
    await redis_pool.flushdb()
    async with unit_of_work():
        assert await lifecycle.publish_due(limit=10) == 3
    assert [job.function for job in await redis_pool.queued_jobs()] == [PROCESS_DUE_JOB]
