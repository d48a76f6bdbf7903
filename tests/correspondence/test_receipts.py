"""Reading, confirming, archiving and purging (contract §3), and who sees what."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest

from correspondence.correspondence.models import Activity, Correspondence, CorrespondenceStatusEntry
from correspondence.kit import clock
from tests.fixtures.world import CONFIDENTIAL, FULL, RESOURCE, World, urn_org, urn_person
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, ORG_SUBUNIT, PERSON_A, PERSON_B, PERSON_D

READ = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status statusHistory { status actor } } }"
CONFIRM = "mutation($id: ID!) { confirmCorrespondence(id: $id) { status } }"
ARCHIVE = "mutation($id: ID!) { archiveCorrespondence(id: $id) { isArchived } }"
UNARCHIVE = "mutation($id: ID!) { unarchiveCorrespondence(id: $id) { isArchived } }"
PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"


def in_days(days: int) -> str:
    return (clock.now() + timedelta(days=days)).isoformat()


async def statuses(correspondence_id: str) -> list[str]:
    return [
        e.status.value
        for e in await CorrespondenceStatusEntry.filter(correspondence_id=correspondence_id).order_by("id")
    ]


async def test_publish_makes_it_visible_and_records_the_event(world: World) -> None:
    (correspondence_id,) = await world.sent_ids()
    assert await world.get(correspondence_id, world.person(PERSON_A)) is None  # not published yet
    assert await world.publish(correspondence_id) == "PUBLISHED"
    opened = await world.get(correspondence_id, world.person(PERSON_A))
    assert opened["status"] == "PUBLISHED"
    assert opened["published"] is not None
    assert opened["recipientName"] == "Kari Nordmann"
    assert [a["type"] for a in opened["activities"]][:2] == ["CREATED", "PUBLISHED"]


async def test_publish_is_idempotent(world: World) -> None:
    (correspondence_id,) = await world.sent_ids()
    assert await world.publish(correspondence_id) == "PUBLISHED"
    assert await world.publish(correspondence_id) is None
    assert (await statuses(correspondence_id)).count("PUBLISHED") == 1


async def test_publish_waits_for_the_requested_time(world: World) -> None:
    (correspondence_id,) = await world.sent_ids(requestedPublishTime=in_days(1))
    assert await world.publish(correspondence_id) is None
    clock.advance(timedelta(days=1, seconds=1))
    assert await world.publish(correspondence_id) == "PUBLISHED"


async def test_publish_fails_when_the_recipient_reserved_in_the_meantime(world: World) -> None:
    from correspondence.registry.models import Contact

    (correspondence_id,) = await world.sent_ids()
    await Contact.create(national_identity_number=PERSON_A, reserved=True)
    assert await world.publish(correspondence_id) == "FAILED"
    sent = await world.get(correspondence_id, world.agency)
    assert sent["status"] == "FAILED"
    assert "reserved" in sent["statusHistory"][-1]["statusText"]
    assert "PUBLISH_FAILED" in [a["type"] for a in sent["activities"]]


async def test_publish_fails_for_an_unknown_recipient(world: World) -> None:
    (correspondence_id,) = await world.sent_ids(recipients=["910000047"])
    assert await world.publish(correspondence_id) == "FAILED"
    assert (
        "not in the register" in (await world.get(correspondence_id, world.agency))["statusHistory"][-1]["statusText"]
    )


async def test_fetch_is_recorded_once_per_reader_per_hour(world: World) -> None:
    correspondence_id = await world.published_id()
    reader = world.person(PERSON_A)
    await world.get(correspondence_id, reader)
    await world.get(correspondence_id, reader)
    assert (await statuses(correspondence_id)).count("FETCHED") == 1
    clock.advance(timedelta(hours=1, seconds=1))
    await world.get(correspondence_id, reader)
    assert (await statuses(correspondence_id)).count("FETCHED") == 2


async def test_sender_opening_adds_no_fetched(world: World) -> None:
    correspondence_id = await world.published_id()
    sent = await world.get(correspondence_id, world.agency)
    assert sent["content"] is None  # senders see content only until publish
    assert "FETCHED" not in await statuses(correspondence_id)


async def test_mark_read_adds_fetched_first_and_repeats_are_no_ops(world: World) -> None:
    correspondence_id = await world.published_id()
    reader = world.person(PERSON_A)
    first = (await world.client(READ, {"id": correspondence_id}, token=reader)).data["markCorrespondenceRead"]
    assert first["status"] == "READ"
    assert [e["status"] for e in first["statusHistory"]][-2:] == ["FETCHED", "READ"]
    assert first["statusHistory"][-1]["actor"] == urn_person(PERSON_A)
    again = await world.client(READ, {"id": correspondence_id}, token=reader)
    assert again.data["markCorrespondenceRead"]["status"] == "READ"
    assert (await statuses(correspondence_id)).count("READ") == 1


async def test_confirm_rules(world: World) -> None:
    reader = world.person(PERSON_A)
    plain = await world.published_id()
    refused = await world.client(CONFIRM, {"id": plain}, token=reader)
    assert refused.codes == ["CONFLICT"]
    assert "CONFIRMED" not in await statuses(plain)

    needs = await world.published_id(isConfirmationNeeded=True, dueDateTime=in_days(14))
    assert (await world.client(CONFIRM, {"id": needs}, token=reader)).data["confirmCorrespondence"][
        "status"
    ] == "CONFIRMED"
    assert (await world.client(CONFIRM, {"id": needs}, token=reader)).data["confirmCorrespondence"][
        "status"
    ] == "CONFIRMED"
    assert (await statuses(needs)).count("CONFIRMED") == 1


async def test_archive_and_unarchive_are_labels(world: World) -> None:
    correspondence_id = await world.published_id()
    reader = world.person(PERSON_A)
    assert (await world.client(ARCHIVE, {"id": correspondence_id}, token=reader)).data["archiveCorrespondence"][
        "isArchived"
    ]
    assert (await world.get(correspondence_id, reader))["status"] == "PUBLISHED"  # ARCHIVED is no lifecycle status
    assert not (await world.client(UNARCHIVE, {"id": correspondence_id}, token=reader)).data["unarchiveCorrespondence"][
        "isArchived"
    ]
    assert (await statuses(correspondence_id)).count("ARCHIVED") == 1
    types = [a.type.value for a in await Activity.filter(correspondence_id=correspondence_id).order_by("id")]
    assert [t for t in types if t in ("ARCHIVED", "UNARCHIVED")] == ["ARCHIVED", "UNARCHIVED"]


async def test_recipient_purge_needs_confirmation_first(world: World) -> None:
    reader = world.person(PERSON_A)
    needs = await world.published_id(isConfirmationNeeded=True, dueDateTime=in_days(14))
    assert (await world.client(PURGE, {"id": needs}, token=reader)).codes == ["CONFLICT"]
    await world.client(CONFIRM, {"id": needs}, token=reader)
    assert (await world.client(PURGE, {"id": needs}, token=reader)).data["purgeCorrespondence"][
        "status"
    ] == "PURGED_BY_RECIPIENT"
    assert await world.get(needs, reader) is None  # purged answers like an unknown id
    stored = await Correspondence.get(id=needs)
    assert stored.message_body == "" and stored.content_purged


async def test_sender_purges_only_before_publish(world: World) -> None:
    (waiting,) = await world.sent_ids(requestedPublishTime=in_days(1))
    purged = await world.client(PURGE, {"id": waiting}, token=world.agency)
    assert purged.data["purgeCorrespondence"]["status"] == "PURGED_BY_ALTINN"
    clock.advance(timedelta(days=2))
    assert await world.publish(waiting) is None  # never published

    published = await world.published_id()
    assert (await world.client(PURGE, {"id": published}, token=world.agency)).codes == ["CONFLICT"]


TRIALS = 5


async def _purge_records(correspondence_id: str, status: str) -> tuple[int, int]:
    entries = await CorrespondenceStatusEntry.filter(correspondence_id=correspondence_id, status=status).count()
    activities = await Activity.filter(correspondence_id=correspondence_id, type=status).count()
    return entries, activities


async def test_concurrent_purges_purge_once_and_the_losers_write_nothing(world: World) -> None:
    reader = world.person(PERSON_A)
    for _ in range(TRIALS):
        correspondence_id = await world.published_id()
        results = await asyncio.gather(
            *(world.client(PURGE, {"id": correspondence_id}, token=reader) for _ in range(10))
        )
        winners = [r for r in results if not r.errors]
        assert len(winners) == 1, [r.errors for r in results]
        assert winners[0].data["purgeCorrespondence"]["status"] == "PURGED_BY_RECIPIENT"
        assert {code for r in results if r.errors for code in r.codes} <= {"NOT_FOUND", "CONFLICT"}
        assert await _purge_records(correspondence_id, "PURGED_BY_RECIPIENT") == (1, 1)


async def test_concurrent_sender_purges_purge_once(world: World) -> None:
    for _ in range(TRIALS):
        (correspondence_id,) = await world.sent_ids(requestedPublishTime=in_days(1))
        results = await asyncio.gather(
            *(world.client(PURGE, {"id": correspondence_id}, token=world.agency) for _ in range(10))
        )
        assert len([r for r in results if not r.errors]) == 1, [r.errors for r in results]
        assert {code for r in results if r.errors for code in r.codes} <= {"NOT_FOUND", "CONFLICT"}
        assert await _purge_records(correspondence_id, "PURGED_BY_ALTINN") == (1, 1)


async def test_a_read_racing_a_purge_never_writes_read_after_purged(world: World) -> None:
    reader = world.person(PERSON_A)
    for _ in range(TRIALS):
        correspondence_id = await world.published_id()
        purge, read = await asyncio.gather(
            world.client(PURGE, {"id": correspondence_id}, token=reader),
            world.client(READ, {"id": correspondence_id}, token=reader),
        )
        assert purge.data["purgeCorrespondence"]["status"] == "PURGED_BY_RECIPIENT"
        history = await statuses(correspondence_id)
        assert history[-1] == "PURGED_BY_RECIPIENT", history
        if read.errors:  # the purge came first: the read is refused and wrote nothing
            assert read.codes == ["NOT_FOUND"]
            assert "READ" not in history
            assert await Activity.filter(correspondence_id=correspondence_id, type="READ").count() == 0
        else:  # the read came first, and the purge after it
            assert history.index("READ") < history.index("PURGED_BY_RECIPIENT")


async def test_an_open_racing_a_purge_never_writes_fetched_after_purged(world: World) -> None:
    reader = world.person(PERSON_A)
    for _ in range(TRIALS):
        correspondence_id = await world.published_id()
        purge, opened = await asyncio.gather(
            world.client(PURGE, {"id": correspondence_id}, token=reader),
            world.get(correspondence_id, reader),
        )
        assert purge.data["purgeCorrespondence"]["status"] == "PURGED_BY_RECIPIENT"
        history = await statuses(correspondence_id)
        assert history[-1] == "PURGED_BY_RECIPIENT", history
        if opened is None:  # the purge came first: the letter is gone, and nothing was written for the open
            assert "FETCHED" not in history
        else:  # the open came first, and the purge after it
            assert history.index("FETCHED") < history.index("PURGED_BY_RECIPIENT")


async def test_operations_on_foreign_or_unknown_ids_answer_not_found(world: World) -> None:
    correspondence_id = await world.published_id()
    stranger = world.person(PERSON_B)  # DAGL of a company, but not this person's inbox
    for mutation in (READ, CONFIRM, ARCHIVE, UNARCHIVE, PURGE):
        for target in (correspondence_id, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
            result = await world.client(mutation, {"id": target}, token=stranger)
            assert result.codes == ["NOT_FOUND"], (mutation, target, result.errors)
    assert await world.get(correspondence_id, stranger) is None
    other_agency = world.tokens.service_owner("910000039")
    assert await world.get(correspondence_id, other_agency) is None
    assert (await world.client(PURGE, {"id": correspondence_id}, token=other_agency)).codes == ["NOT_FOUND"]


async def test_reading_what_is_not_yet_published_is_not_found(world: World) -> None:
    (correspondence_id,) = await world.sent_ids()
    assert (await world.client(READ, {"id": correspondence_id}, token=world.person(PERSON_A))).codes == ["NOT_FOUND"]


async def test_roles_sub_units_delegations_and_systems(world: World) -> None:
    to_company = await world.published_id(recipients=[ORG_COMPANY])
    to_subunit = await world.published_id(recipients=[ORG_SUBUNIT])
    to_other = await world.published_id(recipients=[ORG_OTHER])
    # PERSON_A has REGN in the company: company and its sub-unit, not the other organization.
    assert await world.get(to_company, world.person(PERSON_A))
    assert await world.get(to_subunit, world.person(PERSON_A))
    assert await world.get(to_other, world.person(PERSON_A)) is None
    # PERSON_D has a delegation of RESOURCE in ORG_OTHER only.
    assert await world.get(to_other, world.person(PERSON_D))
    assert await world.get(to_company, world.person(PERSON_D)) is None
    # The company's own system reads the company's inbox.
    assert await world.get(to_company, world.tokens.system(ORG_COMPANY))
    assert await world.get(to_other, world.tokens.system(ORG_COMPANY)) is None


async def test_confidential_needs_a_confidential_role_or_a_delegation(world: World) -> None:
    secret = await world.published_id(resourceId=CONFIDENTIAL, recipients=[ORG_COMPANY])
    assert await world.get(secret, world.person(PERSON_B))  # DAGL
    assert await world.get(secret, world.person(PERSON_A)) is None  # REGN: no confidential access
    grant = "mutation($input: DelegationInput!) { grantDelegation(input: $input) { resourceId } }"
    delegation = {"nationalIdentityNumber": PERSON_A, "organizationNumber": ORG_COMPANY, "resourceId": CONFIDENTIAL}
    assert (await world.client(grant, {"input": delegation}, token=world.person(PERSON_B))).data
    assert await world.get(secret, world.person(PERSON_A))


async def test_due_date_records_never_read_and_never_confirmed(world: World) -> None:
    from correspondence.correspondence.jobs import sweep

    correspondence_id = await world.published_id(isConfirmationNeeded=True, dueDateTime=in_days(3))
    read_one = await world.published_id(dueDateTime=in_days(3))
    await world.client(READ, {"id": read_one}, token=world.person(PERSON_A))
    clock.advance(timedelta(days=3, minutes=1))
    await sweep({})
    await sweep({})  # processed once only
    types = [a.type.value for a in await Activity.filter(correspondence_id=correspondence_id)]
    assert types.count("NEVER_READ") == 1 and types.count("NEVER_CONFIRMED") == 1
    assert "NEVER_READ" not in [a.type.value for a in await Activity.filter(correspondence_id=read_one)]


async def test_retention_purges_content_and_keeps_metadata(world: World) -> None:
    from correspondence.correspondence.jobs import retention

    by_resource = await world.published_id()  # RESOURCE keeps 365 days
    by_date = await world.published_id(allowSystemDeleteAfter=in_days(30))
    keep = await world.published_id()
    clock.advance(timedelta(days=31))
    await retention({})
    assert (await Correspondence.get(id=by_date)).status.value == "PURGED_BY_ALTINN"
    assert (await Correspondence.get(id=keep)).status.value == "PUBLISHED"
    clock.advance(timedelta(days=340))
    await retention({})
    purged = await Correspondence.get(id=by_resource)
    assert purged.status.value == "PURGED_BY_ALTINN"
    assert purged.message_title == "" and purged.sender == urn_org(ORG_AGENCY) and purged.resource_id == RESOURCE
    assert "PURGED_BY_ALTINN" in await statuses(by_resource)


async def test_readers_see_a_colleagues_name_and_senders_the_recipient_never_a_colleagues_number(
    world: World,
) -> None:
    correspondence_id = await world.published_id(recipients=[ORG_COMPANY])
    await world.client(READ, {"id": correspondence_id}, token=world.person(PERSON_B))

    def actors(view: Any, status: str) -> set[str | None]:
        history = {e["actor"] for e in view["statusHistory"] if e["status"] == status}
        return history | {a["actor"] for a in view["activities"] if a["type"] == status}

    colleague_view = await world.get(correspondence_id, world.person(PERSON_A))
    assert actors(colleague_view, "READ") == {"Ola Nordmann"}
    own_view = await world.get(correspondence_id, world.person(PERSON_B))
    assert actors(own_view, "READ") == {urn_person(PERSON_B)}
    sender_view = await world.get(correspondence_id, world.agency)
    assert actors(sender_view, "READ") == {urn_org(ORG_COMPANY)}
    for view in (colleague_view, sender_view):
        assert PERSON_B not in str(view)


@pytest.mark.parametrize("case", ["unknown", "malformed", "foreign", "unpublished"])
async def test_foreign_and_unknown_correspondences_answer_alike(world: World, case: str) -> None:
    published = await world.published_id()
    (unpublished,) = await world.sent_ids(requestedPublishTime="2099-01-01T00:00:00Z")
    correspondence_id = {
        "unknown": str(uuid.uuid4()),
        "malformed": "not-an-id",
        "foreign": published,
        "unpublished": unpublished,
    }[case]
    reader = world.person(PERSON_B)  # PERSON_A's letters are not PERSON_B's
    assert (await world.client(FULL, {"id": correspondence_id}, token=reader)).data == {"correspondence": None}
    refused = await world.client(READ, {"id": correspondence_id}, token=reader)
    assert [(e["extensions"]["code"], e["message"]) for e in refused.errors] == [
        ("NOT_FOUND", "The correspondence was not found.")
    ]
