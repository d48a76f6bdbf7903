"""The process's access cache: served from memory, dropped on change (here or announced by another process),
expired after its TTL, bounded in size."""

from __future__ import annotations

import pytest

from correspondence.access.actor import Actor, actor_from_claims
from correspondence.access.cache import AccessCache, access_cache, access_of, invalidate_access
from correspondence.adapters import event_bus
from correspondence.events.hub import EventHub
from correspondence.kit.identifiers import organization_urn
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.registry.models import Role
from tests.helpers import ORG_COMPANY, PERSON_A, PERSON_B

COMPANY = organization_urn(ORG_COMPANY)


def person(pid: str) -> Actor:
    return actor_from_claims({"pid": pid, "scope": "altinn:correspondence.read"})


async def reads_company(actor: Actor) -> bool:
    return COMPANY in (await access_of(actor)).grants


async def test_an_unannounced_change_waits_for_the_ttl(db_clean: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not await reads_company(person(PERSON_A))
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    assert not await reads_company(person(PERSON_A))  # cached: no query per operation
    monkeypatch.setattr(access_cache(), "ttl", 0.0)
    assert await reads_company(person(PERSON_A))


async def test_a_change_committed_here_is_judged_at_once(db_clean: str) -> None:
    assert not await reads_company(person(PERSON_A))
    async with unit_of_work():
        await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
        invalidate_access(PERSON_A)
    assert await reads_company(person(PERSON_A))


async def test_a_change_another_process_announces_drops_the_persons_entry_only(db_clean: str) -> None:
    assert not await reads_company(person(PERSON_A))
    assert not await reads_company(person(PERSON_B))
    for pid in (PERSON_A, PERSON_B):
        await Role.create(national_identity_number=pid, organization_number=ORG_COMPANY, role_code="REGN")

    await EventHub(None, 16).handle(event_bus.AccessChanged(PERSON_A))

    assert await reads_company(person(PERSON_A))
    assert not await reads_company(person(PERSON_B))  # still cached until its own change or the TTL
    await EventHub(None, 16).handle(event_bus.AccessChanged(event_bus.ALL_PARTIES))
    assert await reads_company(person(PERSON_B))


async def test_the_least_recently_used_person_goes_first(db_clean: str) -> None:
    cache = AccessCache(capacity=1)
    await cache.scope(person(PERSON_A))
    await Role.create(national_identity_number=PERSON_A, organization_number=ORG_COMPANY, role_code="REGN")
    await cache.scope(person(PERSON_B))  # evicts A
    assert COMPANY in (await cache.scope(person(PERSON_A))).grants
