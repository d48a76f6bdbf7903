"""Liveness, readiness and metrics (contract §8, plain HTTP beside GraphQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from arq.connections import ArqRedis

from correspondence.adapters import queue
from correspondence.adapters.embedded_redis import EmbeddedRedis
from correspondence.settings import Settings
from tests.fixtures.client import ClientFactory, http_client
from tests.fixtures.s3 import REGION, Bucket
from tests.helpers import GraphQLClient


@pytest.mark.dialect_independent
async def test_healthz_answers_without_dependencies(client: GraphQLClient) -> None:
    response = await client.http.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


async def test_readyz_is_200_with_database_and_redis(client: GraphQLClient, settings: Settings) -> None:
    response = await client.http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "database": "ok",
        "redis": "ok",
        "storage": "ok",
        "tokens": "ok",
        "store": (settings.data_dir / "attachments").as_uri(),
    }


@pytest.mark.dialect_independent
async def test_readyz_reports_the_bucket_and_is_503_without_it(client_with: ClientFactory, bucket: Bucket) -> None:
    async with client_with(**bucket.overrides()) as client:
        present = await client.http.get("/readyz")
        bucket.server.client().delete_bucket(Bucket=bucket.name)
        try:
            missing = await client.http.get("/readyz")
        finally:
            bucket.server.client().create_bucket(
                Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": REGION}
            )

    assert (present.status_code, present.json()["storage"], present.json()["store"]) == (200, "ok", bucket.url)
    assert missing.status_code == 503
    assert "does not exist" in missing.json()["storage"]


async def test_readyz_is_503_when_redis_is_unreachable(
    settings: Settings, redis_pool: ArqRedis, tmp_path: Path
) -> None:
    with EmbeddedRedis(tmp_path) as redis:
        lost = await queue.connect(redis.url)
    # The server has stopped under the open pool: the next ping finds nobody.
    queue.use_pool(lost)
    try:
        async with http_client(settings) as http:
            response = await http.get("/readyz")
    finally:
        queue.use_pool(redis_pool)
        await lost.aclose()
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["database"] == "ok"
    assert body["redis"].startswith("unavailable")


@pytest.mark.dialect_independent
async def test_metrics_count_requests_in_prometheus_text(client: GraphQLClient) -> None:
    await client("{ __typename }")
    response = await client.http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = [line for line in response.text.splitlines() if line.startswith("correspondence_http_requests_total{")]
    graphql = [line for line in samples if 'route="/graphql"' in line and 'status="200"' in line]
    assert graphql, samples
    assert float(graphql[0].rsplit(" ", 1)[1]) >= 1
    assert "correspondence_http_request_seconds_bucket" in response.text


async def test_metrics_need_the_metrics_token_outside_dev_mode(settings: Settings) -> None:
    production = settings.model_copy(update={"dev_mode": False, "metrics_token": "scraper-secret"})
    async with http_client(production) as http:
        assert (await http.get("/metrics")).status_code == 401
        wrong = await http.get("/metrics", headers={"Authorization": "Bearer guess"})
        assert wrong.status_code == 401
        assert wrong.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        right = await http.get("/metrics", headers={"Authorization": "Bearer scraper-secret"})
        assert right.status_code == 200
        assert "correspondence_http_requests_total" in right.text


async def test_metrics_without_a_configured_token_answer_nobody_outside_dev_mode(settings: Settings) -> None:
    async with http_client(settings.model_copy(update={"dev_mode": False})) as http:
        assert (await http.get("/metrics")).status_code == 401
        assert (await http.get("/metrics", headers={"Authorization": "Bearer "})).status_code == 401
