"""The GraphQL endpoint outside dev mode (contract §8): nothing to explore, nothing internal leaks, limits hold."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from tortoise import connections

from correspondence.graphql.validation import MAX_ALIASES, MAX_DEPTH, MAX_DIRECTIVES, MAX_TOKENS
from correspondence.kit import db
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.fixtures.production import Production, production_of
from tests.helpers import PERSON_A, GraphQLClient

pytestmark = pytest.mark.dialect_independent  # what the endpoint refuses before any resolver runs

ME = "{ me { name } }"


@pytest.fixture
def reader(production: Production) -> str:
    """A valid token: without one, a document asking for data is refused before validation."""
    return production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})


async def test_introspection_is_refused(production_client: GraphQLClient) -> None:
    result = await production_client("{ __schema { types { name } } }")
    assert result.body["data"] is None
    assert set(result.codes) == {"BAD_USER_INPUT"}
    assert "introspection has been disabled" in result.errors[0]["message"]


async def test_graphiql_is_not_served(production_http: httpx.AsyncClient) -> None:
    response = await production_http.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "graphiql" not in response.text.lower()


async def test_queries_via_get_are_refused(production_http: httpx.AsyncClient) -> None:
    response = await production_http.get("/graphql", params={"query": ME})
    assert response.status_code == 400
    assert "not allowed" in response.text


async def test_form_encoded_post_is_refused(production_http: httpx.AsyncClient) -> None:
    # A form POST is a "simple" cross-site request a browser sends without asking: it must never run a query.
    response = await production_http.post("/graphql", data={"query": ME})
    assert response.status_code == 400
    assert "content type" in response.text.lower()


async def test_errors_suggest_no_field_names(production_client: GraphQLClient, reader: str) -> None:
    result = await production_client("{ me { nam } }", token=reader)
    assert result.codes == ["BAD_USER_INPUT"]
    assert "Cannot query field 'nam'" in result.errors[0]["message"]
    assert "Did you mean" not in result.errors[0]["message"]


async def test_body_over_the_limit_is_413(production: Production) -> None:
    settings = production.settings.model_copy(update={"max_graphql_body_bytes": 1000})
    async with http_client(settings) as http:
        padded = {"query": ME, "variables": {"padding": "x" * 1000}}
        assert (await http.post("/graphql", json=padded)).status_code == 413

        # The limit counts bytes received, not what Content-Length claims.
        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(3):
                yield b"x" * 500

        streamed = await http.post("/graphql", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413
        small = await http.post("/graphql", json={"query": ME})
        assert small.status_code == 200


def _nested(depth: int) -> str:
    return "{ me " + "{ parties " * (depth - 1) + "{ party }" + " }" * depth


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (_nested(MAX_DEPTH + 1), "exceeds maximum operation depth"),
        ("{ " + " ".join(f"a{i}: me {{ name }}" for i in range(MAX_ALIASES + 1)) + " }", "aliases found"),
        ("{ me { " + "name @include(if: true) " * (MAX_DIRECTIVES + 1) + "} }", "directives"),
        ("{ me { " + "name " * MAX_TOKENS + "} }", "tokens"),
    ],
    ids=["depth", "aliases", "directives", "tokens"],
)
async def test_limits_give_a_clear_bad_user_input_error(
    production_client: GraphQLClient, reader: str, query: str, message: str
) -> None:
    result = await production_client(query, token=reader)
    assert result.body["data"] is None
    assert "BAD_USER_INPUT" in result.codes
    assert set(result.codes) == {"BAD_USER_INPUT"}
    assert any(message in error["message"] for error in result.errors), result.errors


async def test_a_query_at_the_limits_runs(settings: Settings, redis_pool: object) -> None:
    # The counterpart of the limit tests: as many aliases and directives as allowed, at the deepest allowed level.
    production = production_of(settings)
    aliases = " ".join(f"a{i}: me {{ parties {{ party @include(if: true) }} }}" for i in range(MAX_ALIASES))
    token = production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})
    async with http_client(production.settings) as http:
        result = GraphQLClient(http)
        answer = await result("{ " + aliases + " }", token=token)
        deep = await result(_nested(MAX_DEPTH - 1), token=token)
    assert answer.errors == []
    assert len(answer.body["data"]) == MAX_ALIASES
    assert "exceeds maximum operation depth" not in str(deep.errors)


async def test_unexpected_exception_is_masked_without_traceback(settings: Settings, redis_pool: object) -> None:
    production = production_of(settings)
    connection = connections.get(db.dialect_of(settings.effective_database_url))
    # A real fault in the world, not a mock: the table the resolver reads is gone.
    await connection.execute_script('ALTER TABLE "person" RENAME TO "person_elsewhere"')
    try:
        async with http_client(production.settings) as http:
            token = production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})
            response = await http.post("/graphql", json={"query": ME}, headers={"Authorization": f"Bearer {token}"})
    finally:
        await connection.execute_script('ALTER TABLE "person_elsewhere" RENAME TO "person"')
    body = response.json()
    assert response.status_code == 200
    assert body["data"] == {"me": {"name": None}}  # the nullable field fails alone
    assert [e["extensions"]["code"] for e in body["errors"]] == ["INTERNAL_SERVER_ERROR"]
    assert body["errors"][0]["path"] == ["me", "name"]
    assert body["errors"][0]["message"] == "Unexpected error."
    assert "person" not in response.text
    assert "Traceback" not in response.text
    assert set(body["errors"][0]["extensions"]) == {"code"}
