"""inboxSummary (contract §13): per readable inbox, unread, total and awaiting confirmation, under the access rule."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from correspondence.correspondence.models import Correspondence
from correspondence.kit import clock
from tests.fixtures.world import CONFIDENTIAL, World, urn_org, urn_person
from tests.helpers import ORG_AGENCY_2, ORG_COMPANY, ORG_OTHER, ORG_SUBUNIT, PERSON_A, PERSON_B, count_queries

SUMMARY = """query($parties: [String!]) {
  inboxSummary(parties: $parties) { party name unread total awaitingConfirmation } }"""
READ = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status } }"
PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"
CONFIRM = "mutation($id: ID!) { confirmCorrespondence(id: $id) { status } }"


def due() -> str:
    return (clock.now() + timedelta(days=14)).isoformat()


async def summary(world: World, token: str, parties: list[str] | None = None) -> dict[str, Any]:
    result = await world.client(SUMMARY, {"parties": parties}, token=token)
    return {row["party"]: row for row in result.data["inboxSummary"]}


async def fill_inboxes(world: World) -> None:
    """Person A: three letters (one read, one awaiting confirmation). Company: a plain letter, one awaiting a
    confirmation, a confidential one only its DAGL reads, and one not published yet."""
    await world.published_id()
    read = await world.published_id()
    await world.client(READ, {"id": read}, token=world.person(PERSON_A))
    await world.published_id(isConfirmationNeeded=True, dueDateTime=due())
    await world.published_id(recipients=[ORG_COMPANY])
    confirmed_later = await world.published_id(recipients=[ORG_COMPANY], isConfirmationNeeded=True, dueDateTime=due())
    await world.published_id(recipients=[ORG_COMPANY], resourceId=CONFIDENTIAL)
    await world.sent_ids(recipients=[ORG_COMPANY])
    await world.client(CONFIRM, {"id": confirmed_later}, token=world.person(PERSON_B))


async def test_counts_every_readable_inbox_under_the_access_rule(world: World) -> None:
    await fill_inboxes(world)
    counts = await summary(world, world.person(PERSON_A))
    # A reads its own inbox, the company through a role, and the company's sub-unit through the main unit.
    assert set(counts) == {urn_person(PERSON_A), urn_org(ORG_COMPANY), urn_org(ORG_SUBUNIT)}
    assert counts[urn_person(PERSON_A)] == {
        "party": urn_person(PERSON_A),
        "name": "Kari Nordmann",
        "unread": 2,
        "total": 3,
        "awaitingConfirmation": 1,
    }
    # The confirmed letter no longer waits (nor was it read); the confidential one is not A's to count; the
    # unpublished one nobody's.
    company = counts[urn_org(ORG_COMPANY)]
    assert (company["name"], company["total"], company["unread"], company["awaitingConfirmation"]) == (
        "Bedrift AS",
        2,
        2,
        0,
    )
    assert counts[urn_org(ORG_SUBUNIT)]["total"] == 0
    dagl = await summary(world, world.person(PERSON_B), [ORG_COMPANY])
    assert dagl[urn_org(ORG_COMPANY)]["total"] == 3  # the DAGL also reads the confidential letter


async def test_named_parties_only_and_reading_updates_the_counts(world: World) -> None:
    letter = await world.published_id(recipients=[ORG_COMPANY])
    reader = world.person(PERSON_A)
    counts = await summary(world, reader, [f"0192:{ORG_COMPANY}", ORG_COMPANY])
    assert list(counts) == [urn_org(ORG_COMPANY)]
    assert counts[urn_org(ORG_COMPANY)]["unread"] == 1
    await world.client(READ, {"id": letter}, token=reader)
    assert (await summary(world, reader, [ORG_COMPANY]))[urn_org(ORG_COMPANY)]["unread"] == 0


async def test_counts_follow_purges_and_match_the_letters(world: World) -> None:
    """The trigger-kept counters against a count of the letters themselves, after every kind of change."""
    await fill_inboxes(world)
    reader = world.person(PERSON_A)
    purged = await world.published_id()
    await world.client(READ, {"id": purged}, token=reader)
    await world.client(PURGE, {"id": purged}, token=reader)
    await Correspondence.filter(recipient=urn_org(ORG_COMPANY), resource_id=CONFIDENTIAL).update(
        status="PURGED_BY_ALTINN"
    )
    visible = Correspondence.filter(status__in=["PUBLISHED", "READ", "REPLIED", "CONFIRMED"])
    inboxes = ((reader, urn_person(PERSON_A), 3), (world.person(PERSON_B), urn_org(ORG_COMPANY), 2))
    for token, party, expected in inboxes:
        counted = (await summary(world, token, [party]))[party]
        letters = visible.filter(recipient=party)
        assert counted["total"] == await letters.count() == expected
        assert counted["unread"] == await letters.filter(is_read=False).count()
        assert (
            counted["awaitingConfirmation"]
            == await letters.filter(is_confirmation_needed=True, is_confirmed=False).count()
        )


async def test_an_unreadable_party_is_refused_like_an_unknown_one(world: World) -> None:
    await world.published_id(recipients=[ORG_OTHER])
    reader = world.person(PERSON_A)
    refused = await world.client(SUMMARY, {"parties": [ORG_OTHER]}, token=reader)
    unknown = await world.client(SUMMARY, {"parties": [ORG_AGENCY_2]}, token=reader)
    assert refused.codes == unknown.codes == ["FORBIDDEN"]
    assert refused.errors[0]["message"].replace(ORG_OTHER, "X") == unknown.errors[0]["message"].replace(
        ORG_AGENCY_2, "X"
    )
    assert refused.body["data"] is None
    bad = await world.client(SUMMARY, {"parties": ["not-a-party"]}, token=reader)
    assert bad.codes == ["BAD_USER_INPUT"] and bad.fields == ["parties[0]"]


async def test_an_end_user_system_counts_its_organization(world: World) -> None:
    await world.published_id(recipients=[ORG_COMPANY], resourceId=CONFIDENTIAL)
    counts = await summary(world, world.tokens.system(ORG_COMPANY))
    assert list(counts) == [urn_org(ORG_COMPANY)] and counts[urn_org(ORG_COMPANY)]["total"] == 1


async def test_senders_have_no_inbox_summary(world: World) -> None:
    result = await world.client(SUMMARY, token=world.agency)
    assert result.codes == ["FORBIDDEN"]


async def test_a_warm_summary_is_one_query_however_many_inboxes(world: World) -> None:
    await fill_inboxes(world)
    reader = world.person(PERSON_A)
    await summary(world, reader)  # warms the caches of access and names
    with count_queries() as queries:
        counts = await summary(world, reader)
    assert len(counts) == 3
    assert queries.count == 1, queries.statements
