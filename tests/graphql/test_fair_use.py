"""Fair use (design §15): per-caller limits on recipients sent, recipients ordered and requests, counted in Redis
so every API process shares them; over a limit RATE_LIMITED with retryAfter (429 with Retry-After on plain
routes) and nothing written; a limit string that does not parse stops the service at start."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from correspondence.correspondence.models import Correspondence
from correspondence.notification.models import NotificationOrder
from correspondence.settings import Settings
from tests.fixtures.client import ClientFactory, http_client
from tests.fixtures.processes import ROOT, ready, start_api
from tests.fixtures.world import World
from tests.helpers import ORG_AGENCY_2, PERSON_A, PERSON_B, PERSON_C, PERSON_D, GraphQLClient, Tokens
from tests.notification.world import CREATE, order_input

GRAPHQL_RESPONSE = "application/graphql-response+json"
TYPENAME = "{ __typename }"


@pytest.mark.dialect_independent
@pytest.mark.parametrize(
    "text",
    ["send=lots/minute", "send 60000/minute", "mail=10/minute", "send=1/minute;send=2/minute", "graphql=10/fortnight"],
)
def test_a_limit_string_that_does_not_parse_is_refused_naming_the_setting(text: str) -> None:
    with pytest.raises(ValueError, match="CORRESPONDENCE_RATE_LIMITS"):
        Settings(_env_file=None, rate_limits=text)


@pytest.mark.dialect_independent
def test_a_class_left_out_keeps_its_default() -> None:
    limits = Settings(_env_file=None, rate_limits="graphql=5/minute").parsed_rate_limits
    assert {name.value: str(item) for name, item in limits.items()} == {
        "send": "60000 per 1 minute",
        "order": "60000 per 1 minute",
        "graphql": "5 per 1 minute",
    }


@pytest.mark.dialect_independent
def test_the_service_does_not_start_on_a_bad_limit_string(data_dir: Path) -> None:
    environment = {**os.environ, "CORRESPONDENCE_RATE_LIMITS": "send=many", "CORRESPONDENCE_DATA_DIR": str(data_dir)}
    started = subprocess.run(
        [str(Path(sys.executable).parent / "correspondence"), "api"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode == 2
    assert "CORRESPONDENCE_RATE_LIMITS" in started.stderr


async def test_a_send_over_the_limit_is_refused_and_writes_nothing(
    world: World, client_with: ClientFactory, tokens: Tokens
) -> None:
    async with client_with(rate_limits="send=3/minute") as limited:
        sender = World(limited, tokens)
        assert len(await sender.sent_ids(recipients=[PERSON_A, PERSON_B])) == 2
        refused = await sender.send(recipients=[PERSON_C, PERSON_D])
        assert refused.codes == ["RATE_LIMITED"]
        assert refused.errors[0]["extensions"]["retryAfter"] >= 1
        assert "send limit of 3 per minute" in refused.errors[0]["message"]
        assert await Correspondence.all().count() == 2
        # The refused send counted nothing: one more recipient still fits the window.
        assert len(await sender.sent_ids(recipients=[PERSON_D])) == 1


async def test_one_organizations_use_does_not_limit_another(
    world: World, client_with: ClientFactory, tokens: Tokens
) -> None:
    async with client_with(rate_limits="send=1/minute") as limited:
        sender = World(limited, tokens)
        assert len(await sender.sent_ids()) == 1
        assert (await sender.send(recipients=[PERSON_B])).codes == ["RATE_LIMITED"]
        other = await limited(TYPENAME, token=tokens.service_owner(ORG_AGENCY_2))
        assert other.data == {"__typename": "Query"}


async def test_an_order_over_the_limit_is_refused_and_writes_nothing(
    world: World, client_with: ClientFactory, tokens: Tokens
) -> None:
    two = [{"emailAddress": "a@example.no"}, {"emailAddress": "b@example.no"}]
    async with client_with(rate_limits="order=3/minute") as limited:
        first = order_input(idempotencyId="first", recipients=two)
        assert not (await limited(CREATE, {"input": first}, token=world.agency)).errors
        second = order_input(idempotencyId="second", recipients=two)
        refused = await limited(CREATE, {"input": second}, token=world.agency)
        assert refused.codes == ["RATE_LIMITED"]
        assert "order limit of 3 per minute" in refused.errors[0]["message"]
        assert await NotificationOrder.all().count() == 1


@pytest.mark.dialect_independent
async def test_requests_over_the_limit_are_refused_with_when_to_retry(
    settings: Settings, tokens: Tokens, redis_pool: object
) -> None:
    token = tokens.person(PERSON_A)
    async with http_client(settings.model_copy(update={"rate_limits": "graphql=2/minute"})) as http:
        client = GraphQLClient(http)
        for _ in range(2):
            assert (await client(TYPENAME, token=token)).data == {"__typename": "Query"}
        refused = await client(TYPENAME, token=token)
        assert refused.codes == ["RATE_LIMITED"]
        assert 1 <= refused.errors[0]["extensions"]["retryAfter"] <= 60
        over_http = await http.post(
            "/graphql",
            json={"query": TYPENAME},
            headers={"Authorization": f"Bearer {token}", "Accept": GRAPHQL_RESPONSE},
        )
        assert over_http.status_code == 429
        assert 1 <= int(over_http.headers["retry-after"]) <= 60
        # Plain routes count against the same limit: 429 with Retry-After before the route runs.
        download = await http.get(
            "/correspondences/00000000-0000-0000-0000-000000000000/attachments/00000000-0000-0000-0000-000000000000",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert download.status_code == 429
        assert download.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert int(download.headers["retry-after"]) >= 1


@pytest.mark.dialect_independent
async def test_the_limit_is_shared_by_two_api_processes(
    database: str, redis_url: str, data_dir: Path, tokens: Tokens, redis_pool: object
) -> None:
    environment = {
        "CORRESPONDENCE_DATABASE_URL": database,
        "CORRESPONDENCE_REDIS_URL": redis_url,
        "CORRESPONDENCE_DATA_DIR": str(data_dir),
        "CORRESPONDENCE_RATE_LIMITS": "graphql=7/minute",
    }
    apis = [start_api(environment, data_dir, name) for name in ("fair-a", "fair-b")]
    try:
        for api in apis:
            await ready(api)
        token = tokens.person(PERSON_A)

        async def ask(url: str) -> str:
            async with httpx.AsyncClient(base_url=url) as http:
                answer = (await GraphQLClient(http)(TYPENAME, token=token)).body
            return "ok" if answer.get("data") else answer["errors"][0]["extensions"]["code"]

        answers = await asyncio.gather(*(ask(api.url) for api in apis for _ in range(6)))
        assert answers.count("ok") == 7
        assert answers.count("RATE_LIMITED") == 5
    finally:
        for api in apis:
            api.stop()
