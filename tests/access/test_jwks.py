"""The issuer's key set when the identity provider is down or slow: one fetch per interval, never a queue of
requests behind it, UNAUTHENTICATED (not 500) while no keys are known, and /readyz 503 meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import jwt
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from correspondence.kit import clock
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.fixtures.production import Production, production_of
from tests.helpers import PERSON_A, GraphQLClient
from tests.live_server import live_server

pytestmark = pytest.mark.dialect_independent  # the key set of the token issuer

ME = "{ me { actorType } }"
CONCURRENT_REQUESTS = 50


class IdentityProvider:
    """A JWKS endpoint that counts its fetches and is down (503), slow, or up as the test says."""

    def __init__(self, jwks: dict[str, object]) -> None:
        self.jwks = jwks
        self.up = False
        self.delay = 0.0
        self.fetches = 0
        self.released = asyncio.Event()  # ends every pending slow answer when the test is done
        self.app = Starlette(routes=[Route("/jwks.json", self.serve)])

    async def serve(self, request: Request) -> Response:
        self.fetches += 1
        if self.delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.released.wait(), self.delay)
        return JSONResponse(self.jwks) if self.up else Response("down", status_code=503)


@pytest.fixture
async def issuer(settings: Settings) -> AsyncIterator[tuple[IdentityProvider, Production]]:
    local = production_of(settings)
    provider = IdentityProvider(json.loads((settings.data_dir / "issuer-jwks.json").read_text()))
    async with live_server(provider.app, settings) as url:
        try:
            yield (
                provider,
                Production(
                    local.settings.model_copy(
                        update={
                            "jwks_url": f"{url}/jwks.json",
                            "jwks_timeout_seconds": 0.5,
                            "jwks_retry_seconds": 10.0,
                            "jwks_refresh_seconds": 60.0,
                        }
                    ),
                    local.key,
                ),
            )
        finally:
            provider.released.set()


async def _ask_concurrently(client: GraphQLClient, token: str) -> list[list[str]]:
    results = await asyncio.gather(*(client(ME, token=token) for _ in range(CONCURRENT_REQUESTS)))
    return [result.codes for result in results]


async def test_a_provider_that_is_down_is_asked_once_per_backoff_step(
    issuer: tuple[IdentityProvider, Production],
) -> None:
    provider, production = issuer
    token = production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})
    async with http_client(production.settings) as http:
        client = GraphQLClient(http)
        assert await _ask_concurrently(client, token) == [["UNAUTHENTICATED"]] * CONCURRENT_REQUESTS
        assert provider.fetches == 1
        readiness = await http.get("/readyz")
        assert readiness.status_code == 503
        assert readiness.json()["tokens"] == "unavailable"
        assert provider.fetches == 1  # readiness, too, waits for the backoff

        # The first retry after 10 s, then doubling; half of each wait is margin for the real time that passes.
        for backoff, fetches in ((10, 2), (20, 3), (40, 4)):
            clock.advance(timedelta(seconds=backoff / 2))
            await _ask_concurrently(client, token)
            assert provider.fetches == fetches - 1
            clock.advance(timedelta(seconds=backoff / 2))
            await _ask_concurrently(client, token)
            assert provider.fetches == fetches

        provider.up = True
        clock.advance(timedelta(seconds=60))  # the backoff stops at the refresh interval
        assert await _ask_concurrently(client, token) == [[]] * CONCURRENT_REQUESTS
        assert provider.fetches == 5
        assert (await http.get("/readyz")).json()["tokens"] == "ok"


async def test_a_slow_provider_is_asked_once_and_nobody_queues_behind_it(
    issuer: tuple[IdentityProvider, Production],
) -> None:
    provider, production = issuer
    provider.up, provider.delay = True, 30.0  # answers after the fetch timeout (0.5 s)
    token = production.token({"pid": PERSON_A, "scope": "altinn:correspondence.read"})
    async with http_client(production.settings) as http:
        started = time.monotonic()
        codes = await _ask_concurrently(GraphQLClient(http), token)
        elapsed = time.monotonic() - started
    assert codes == [["UNAUTHENTICATED"]] * CONCURRENT_REQUESTS
    assert provider.fetches == 1
    assert elapsed < 2.0  # one shared fetch bounded by its timeout, not 50 in a row


async def test_an_unknown_key_id_refetches_at_most_once_per_refresh_interval(
    issuer: tuple[IdentityProvider, Production],
) -> None:
    provider, production = issuer
    provider.up = True
    stranger = jwt.encode(
        {
            "pid": PERSON_A,
            "iss": production.settings.jwt_issuer,
            "aud": production.settings.jwt_audience,
            "exp": int(time.time()) + 60,
        },
        production.key,
        algorithm="ES256",
        headers={"kid": "rotated-key"},
    )
    async with http_client(production.settings) as http:
        client = GraphQLClient(http)
        assert await _ask_concurrently(client, stranger) == [["UNAUTHENTICATED"]] * CONCURRENT_REQUESTS
        assert provider.fetches == 1
        clock.advance(timedelta(seconds=production.settings.jwks_refresh_seconds - 1))
        await client(ME, token=stranger)
        assert provider.fetches == 1
        clock.advance(timedelta(seconds=1))
        result = await client(ME, token=stranger)
        assert provider.fetches == 2
        assert "unknown key" in result.errors[0]["message"]
