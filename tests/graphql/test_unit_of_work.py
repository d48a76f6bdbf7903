"""Transactions by default: the schema assembly runs every mutation (and the writing `correspondence` query) in one
unit of work; nobody lists it per field, and a field cannot leave it out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any

import pytest
from strawberry.extensions.field_extension import FieldExtension
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType
from tortoise import connections

from correspondence.correspondence.models import Correspondence, CorrespondenceStatusEntry
from correspondence.graphql.extensions import InUnitOfWork, OpensItsUnitOfWork
from correspondence.graphql.schema import build_schema, graphql_name, root_fields
from correspondence.kit import db
from correspondence.kit.errors import Conflict
from correspondence.kit.unit_of_work import OPENS_ITS_UNIT_OF_WORK, unit_of_work
from correspondence.registry.models import Organization, Person, Resource
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.fixtures.production import production_of
from tests.helpers import ORG_AGENCY, PERSON_A, GraphQLClient

ORGANIZATION = "910000047"
UNIT_OF_WORK = (InUnitOfWork, OpensItsUnitOfWork)


def writing_fields() -> list[StrawberryField]:
    build_schema(dev_mode=False)
    queries = [f for f in root_fields(OperationType.QUERY) if graphql_name(f) == "correspondence"]
    return root_fields(OperationType.MUTATION) + queries


def boundary(field: StrawberryField) -> FieldExtension:
    (applied,) = [e for e in field.extensions if isinstance(e, UNIT_OF_WORK)]
    return applied


def marked(field: StrawberryField) -> bool:
    resolver = field.base_resolver.wrapped_func if field.base_resolver else None
    return bool(getattr(resolver, OPENS_ITS_UNIT_OF_WORK, False))


FIELD_NAMES = [graphql_name(f) for f in writing_fields()]


def writing_field(name: str) -> StrawberryField:
    (found,) = [f for f in writing_fields() if graphql_name(f) == name]
    return found


def test_every_mutation_field_and_the_writing_query_have_one_unit_of_work() -> None:
    for field in writing_fields():
        expected = OpensItsUnitOfWork if marked(field) else InUnitOfWork
        assert isinstance(boundary(field), expected), field.name
    # The upload stores its bytes first; a large send waits for its turn (kit/turns.py) before its transaction.
    assert sorted(graphql_name(f) for f in writing_fields() if marked(f)) == ["sendCorrespondence", "uploadAttachment"]


def test_reading_queries_open_no_transaction() -> None:
    build_schema(dev_mode=False)
    for field in root_fields(OperationType.QUERY):
        if graphql_name(field) != "correspondence":
            assert not [e for e in field.extensions if isinstance(e, UNIT_OF_WORK)], field.name


async def write_then_fail(opens_its_own: bool) -> None:
    if opens_its_own:
        async with unit_of_work():
            await Organization.create(organization_number=ORGANIZATION, name="Halvferdig AS")
            raise Conflict("fails after writing")
    await Organization.create(organization_number=ORGANIZATION, name="Halvferdig AS")
    raise Conflict("fails after writing")


async def resolve(field: StrawberryField, next_: Callable[..., Awaitable[Any]]) -> Any:
    info: Any = SimpleNamespace(field_name=field.name)
    return await boundary(field).resolve_async(next_, None, info)


@pytest.mark.parametrize("name", FIELD_NAMES)
async def test_a_field_that_fails_after_writing_leaves_nothing_written(db_clean: str, name: str) -> None:
    field = writing_field(name)

    async def resolver(source: Any, info: Any) -> None:
        await write_then_fail(marked(field))

    with pytest.raises(Conflict):
        await resolve(field, resolver)
    assert not await Organization.exists(organization_number=ORGANIZATION)


async def test_a_resolver_marked_to_open_its_unit_of_work_must_open_one(db_clean: str) -> None:
    field = writing_field("uploadAttachment")

    async def forgetful(source: Any, info: Any) -> str:
        return "done without a transaction"

    async def dutiful(source: Any, info: Any) -> str:
        async with unit_of_work():
            return "done"

    with pytest.raises(RuntimeError, match="opens_its_unit_of_work"):
        await resolve(field, forgetful)
    assert await resolve(field, dutiful) == "done"


HALFWAY_SEND = (
    """mutation($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) { correspondences { id } } }"""
)


async def test_a_mutation_that_fails_halfway_leaves_nothing_written(settings: Settings, redis_pool: object) -> None:
    # Mutations run in one unit of work without any field asking for it: a send that has written its
    # correspondences and their statuses and then fails on the activities leaves none of them behind.
    production = production_of(settings)
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Person.create(national_identity_number=PERSON_A, name="Kari Nordmann")
    await Resource.create(resource_id="skatt-brev", owner_organization_number=ORG_AGENCY, title_nb="Brev")
    letter = {
        "resourceId": "skatt-brev",
        "sendersReference": "ref-1",
        "recipients": [PERSON_A],
        "content": {"language": "nb", "messageTitle": "Vedtak", "messageBody": "Hei"},
    }
    token = production.token(
        {"consumer": f"0192:{ORG_AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"}
    )
    connection = connections.get(db.dialect_of(settings.effective_database_url))
    await connection.execute_script('ALTER TABLE "activity" RENAME TO "activity_elsewhere"')  # a real fault
    try:
        async with http_client(production.settings) as http:
            failed = await GraphQLClient(http)(HALFWAY_SEND, {"input": letter}, token=token)
    finally:
        await connection.execute_script('ALTER TABLE "activity_elsewhere" RENAME TO "activity"')
    assert failed.codes == ["INTERNAL_SERVER_ERROR"]
    assert await Correspondence.all().count() == 0
    assert await CorrespondenceStatusEntry.all().count() == 0
