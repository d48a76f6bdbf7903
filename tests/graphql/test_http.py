"""The HTTP shape of /graphql: JSON in and out, and GraphQL over HTTP's response media type."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import PERSON_A, GraphQLClient, Tokens

pytestmark = pytest.mark.dialect_independent  # the HTTP shape of the endpoint


async def test_a_body_that_is_not_json_is_400(client: GraphQLClient) -> None:
    response = await client.http.post(
        "/graphql", content=b'{"query": "{ me {', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert "JSON" in response.text


async def test_answers_are_json_in_utf_8(client: GraphQLClient) -> None:
    response = await client.http.post("/graphql", json={"query": "{ __typename }"})
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"data": {"__typename": "Query"}}


# --- GraphQL over HTTP: application/graphql-response+json (issue 18, item 15) ---------------------------------

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def _post(
    client: GraphQLClient, accept: str | None, body: dict[str, Any], token: str | None = None
) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await client.http.post("/graphql", json=body, headers=headers)


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        ("application/json", "application/json"),
        ("*/*", "application/json"),
        (None, "application/json"),
    ],
)
async def test_the_media_type_follows_accept(client: GraphQLClient, accept: str | None, media_type: str) -> None:
    response = await _post(client, accept, {"query": "{ __typename }"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert response.json() == {"data": {"__typename": "Query"}}


REQUEST_ERRORS = {
    "parse": {"query": "{ me { "},
    "validation": {"query": "{ me { nameThatDoesNotExist } }"},
    "variable-coercion": {"query": "query($id: ID!) { correspondence(id: $id) { id } }", "variables": {"id": None}},
}


@pytest.mark.parametrize("body", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
async def test_request_errors_are_400_without_data_for_graphql_response_clients(
    client: GraphQLClient, tokens: Tokens, body: dict[str, Any]
) -> None:
    response = await _post(client, GRAPHQL_RESPONSE, body, tokens.person(PERSON_A))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    answer = response.json()
    assert "data" not in answer
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["BAD_USER_INPUT"]


@pytest.mark.parametrize("body", REQUEST_ERRORS.values(), ids=REQUEST_ERRORS.keys())
async def test_request_errors_stay_200_with_null_data_for_json_clients(
    client: GraphQLClient, tokens: Tokens, body: dict[str, Any]
) -> None:
    response = await _post(client, "application/json", body, tokens.person(PERSON_A))
    assert response.status_code == 200
    assert response.json()["data"] is None


async def test_a_missing_token_is_401_for_graphql_response_clients(client: GraphQLClient) -> None:
    response = await _post(client, GRAPHQL_RESPONSE, {"query": "{ me { name } }"})
    assert response.status_code == 401
    assert "data" not in response.json()
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == ["UNAUTHENTICATED"]


async def test_field_errors_keep_200_and_their_data(client: GraphQLClient, tokens: Tokens) -> None:
    # A reader asking for an administrator's field: the field fails, the request does not.
    query = 'mutation { removePerson(nationalIdentityNumber: "01010112377") }'
    response = await _post(client, GRAPHQL_RESPONSE, {"query": query}, tokens.person(PERSON_A))
    assert response.status_code == 200
    assert "data" in response.json()
    assert response.json()["errors"][0]["path"] == ["removePerson"]
