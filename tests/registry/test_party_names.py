"""Register names are cached per process; a change made through the API is seen at once."""

from __future__ import annotations

from correspondence.registry.models import Person
from tests.helpers import PERSON_A, GraphQLClient, Tokens, count_queries

ME = "{ me { name } }"
UPSERT = "mutation($input: PersonInput!) { upsertPerson(input: $input) { name } }"


async def test_names_are_cached_and_a_renamed_person_is_seen_at_once(client: GraphQLClient, tokens: Tokens) -> None:
    await Person.create(national_identity_number=PERSON_A, name="Kari Nordmann")
    person = tokens.person(PERSON_A)
    assert (await client(ME, token=person)).data["me"]["name"] == "Kari Nordmann"
    with count_queries() as counter:
        assert (await client(ME, token=person)).data["me"]["name"] == "Kari Nordmann"
    assert counter.count == 0  # served from the cache

    renamed = {"nationalIdentityNumber": PERSON_A, "name": "Kari Nordmann-Hansen"}
    assert (await client(UPSERT, {"input": renamed}, token=tokens.admin())).data["upsertPerson"]["name"]
    assert (await client(ME, token=person)).data["me"]["name"] == "Kari Nordmann-Hansen"
