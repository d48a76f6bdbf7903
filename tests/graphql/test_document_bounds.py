"""What a document may cost before validation: its shape is bounded, callers without a token are cut off early,
and repeated unknown directives answer once (issue 18, items 1 and 14)."""

from __future__ import annotations

import time

import pytest
from graphql import get_introspection_query

from correspondence.graphql.validation import MAX_ANONYMOUS_DOCUMENT_CHARS, MAX_SELECTIONS, MAX_SELECTIONS_PER_SET
from tests.fixtures.production import Production
from tests.helpers import PERSON_A, GraphQLClient

pytestmark = pytest.mark.dialect_independent  # refused before any resolver runs

# The reported document: one selection repeated 383 times at one level, 22 KB and just under the token limit.
# Whitespace varies between attempts so that neither the parse nor the validation cache can help.
SEPARATORS = [" ", "\n", "\t", " ,", "\r\n  "]
REPEATS = 383


def pathological(separator: str) -> str:
    unit = separator.join(["correspondences", "{", "edges", "{", "node", "{", "attachments", "{", "id", "}"])
    return "{" + separator + separator.join([unit + separator + "} } }"] * REPEATS) + separator + "}"


async def _timed(client: GraphQLClient, query: str, token: str | None = None) -> tuple[float, list[str], str]:
    await client("{ __typename }", token=token)  # the app's first request pays for what is built lazily
    start = time.perf_counter()
    result = await client(query, token=token)
    elapsed = time.perf_counter() - start
    assert "data" not in result.body or result.body["data"] is None
    return elapsed, result.codes, result.errors[0]["message"]


@pytest.fixture
def reader(production: Production) -> str:
    return production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})


@pytest.mark.parametrize("separator", SEPARATORS, ids=repr)
async def test_the_pathological_document_without_a_token_is_refused_in_milliseconds(
    production_client: GraphQLClient, separator: str
) -> None:
    query = pathological(separator)
    assert len(query) > 20_000
    elapsed, codes, message = await _timed(production_client, query)
    assert codes == ["UNAUTHENTICATED"]  # not even parsed
    assert message == "A bearer token is required (Authorization: Bearer …)."
    # Validating it took about a second; refused unparsed, it is milliseconds. The bound leaves room for a busy
    # machine and still fails if the document reaches validation.
    assert elapsed < 0.25, elapsed


async def test_without_a_token_a_short_document_is_still_parsed_and_checked(production_client: GraphQLClient) -> None:
    query = "{ __typename }".ljust(MAX_ANONYMOUS_DOCUMENT_CHARS)
    assert (await production_client(query)).data == {"__typename": "Query"}
    assert (await production_client(query + " ")).codes == ["UNAUTHENTICATED"]


async def test_in_dev_mode_graphiql_introspects_without_a_token(client: GraphQLClient) -> None:
    result = await client(get_introspection_query(descriptions=True))
    assert result.data["__schema"]["queryType"]["name"] == "Query"


@pytest.mark.parametrize("separator", SEPARATORS, ids=repr)
async def test_the_pathological_document_with_a_token_is_refused_before_validation(
    production_client: GraphQLClient, reader: str, separator: str
) -> None:
    _, codes, message = await _timed(production_client, pathological(separator), reader)
    assert codes == ["BAD_USER_INPUT"]
    # The shape check's own message: refused before validation (which took over a second), not by it.
    assert message == f"A selection set has more than {MAX_SELECTIONS_PER_SET} selections."


async def test_too_many_selections_in_narrow_sets_are_refused(production_client: GraphQLClient, reader: str) -> None:
    # Ten aliases of a set just under the width bound: no set too wide, the whole too large.
    per_set = MAX_SELECTIONS // 10 + 1
    query = "{ " + " ".join(f"a{i}: me {{ {'name ' * per_set}}}" for i in range(10)) + " }"
    _, codes, message = await _timed(production_client, query, reader)
    assert codes == ["BAD_USER_INPUT"]
    assert message == f"The document has more than {MAX_SELECTIONS} selections."


async def test_a_document_at_the_bounds_runs(production_client: GraphQLClient, reader: str) -> None:
    aliases = 5
    per_set = MAX_SELECTIONS // aliases - 1  # with the aliased fields themselves, exactly MAX_SELECTIONS
    assert per_set <= MAX_SELECTIONS_PER_SET
    query = "{ " + " ".join(f"a{i}: me {{ {'__typename ' * per_set}}}" for i in range(aliases)) + " }"
    result = await production_client(query, token=reader)
    assert result.errors == []
    assert len(result.data) == aliases


async def test_without_a_token_a_document_asking_for_data_is_refused_before_validation(
    production_client: GraphQLClient,
) -> None:
    # Validation would object to the unknown field; the caller could not have read `me` anyway.
    result = await production_client("{ me { nameThatDoesNotExist } }")
    assert result.codes == ["UNAUTHENTICATED"]
    assert result.body["data"] is None


async def test_without_a_token_the_meta_fields_still_answer(production_client: GraphQLClient) -> None:
    assert (await production_client("{ __typename }")).data == {"__typename": "Query"}


@pytest.mark.parametrize(
    "directives",
    ["@aa" * 10, " ".join(f"@unknown{i}" for i in range(10))],
    ids=["one-repeated", "ten-different"],
)
@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "reader"])
async def test_unknown_directives_answer_one_error(
    production_client: GraphQLClient, reader: str, directives: str, with_token: bool
) -> None:
    # graphql-cop's directive-overloading check: one field, ten unknown directives.
    result = await production_client(f"query cop {{ __typename {directives} }}", token=reader if with_token else None)
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.errors[0]["message"].startswith("Unknown directives: @")
