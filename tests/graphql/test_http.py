"""The HTTP shape of /graphql: JSON in and out."""

from __future__ import annotations

import pytest

from tests.helpers import GraphQLClient

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
