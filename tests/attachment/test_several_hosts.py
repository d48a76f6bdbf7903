"""Several hosts sharing one bucket: two API processes and a worker, each with a data dir of its own, one
PostgreSQL, one Redis and one S3 bucket (moto). An attachment uploaded on one API downloads (whole and by Range)
from the other, and the worker deletes the object after a purge and after retention."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import os
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from arq.connections import ArqRedis

from correspondence.adapters.storage import blob_path
from correspondence.correspondence.jobs import retention
from correspondence.kit import clock
from correspondence.settings import MEGABYTE, Settings
from tests.attachment.support import attachment_input
from tests.attachment.test_send_and_download import SEND, send_input
from tests.fixtures.processes import ApiProcess, ready, start_api, start_worker
from tests.fixtures.s3 import Bucket
from tests.helpers import ORG_AGENCY, PERSON_A, Tokens

pytestmark = [
    pytest.mark.usefixtures("resources", "people"),
    pytest.mark.parametrize("database", ["postgres"], indirect=True),
]

MASTER_KEYS = "shared:" + base64.b64encode(hashlib.sha256(b"several hosts").digest()).decode()
CONTENT = os.urandom(12 * MEGABYTE)
INITIALIZE = "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }"
STATUS = "query($id: ID!) { correspondence(id: $id) { status } }"
PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"


@pytest.fixture
async def hosts(
    settings: Settings, tokens: Tokens, bucket: Bucket, tmp_path: Path
) -> AsyncIterator[tuple[ApiProcess, ApiProcess]]:
    tokens.person(PERSON_A)  # writes the dev key set the processes verify tokens with
    shared = {
        "CORRESPONDENCE_DATABASE_URL": settings.effective_database_url,
        "CORRESPONDENCE_REDIS_URL": str(settings.redis_url),
        "CORRESPONDENCE_JWKS_URL": str(settings.effective_jwks_url),
        "CORRESPONDENCE_MASTER_KEYS": MASTER_KEYS,
        "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
        **bucket.environment(),
    }
    for name in ("a", "b", "worker"):
        (tmp_path / name).mkdir()
    apis = [start_api({**shared, "CORRESPONDENCE_DATA_DIR": str(tmp_path / n)}, tmp_path, n) for n in ("a", "b")]
    worker = start_worker({**shared, "CORRESPONDENCE_DATA_DIR": str(tmp_path / "worker")}, tmp_path / "worker.log")
    try:
        for api in apis:
            await ready(api, within=180)  # three processes importing the service at once on a shared machine
        yield apis[0], apis[1]
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(30)
        for api in apis:
            api.stop()
    assert not list((tmp_path / "a").rglob("*.part")) and not list((tmp_path / "a" / "attachments").rglob("*"))


async def _graphql(http: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any]) -> Any:
    response = await http.post("/graphql", json={"query": query, "variables": variables}, headers=_bearer(token))
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _eventually(check: Callable[[], Awaitable[bool]], what: str, within: float = 180) -> None:
    """Poll until `check` holds; the bound is generous (a loaded machine), the failure names what did not happen."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"Not within {within} s: {what}")
        await asyncio.sleep(0.2)


async def _upload_and_send(http: httpx.AsyncClient, agency: str, **overrides: Any) -> tuple[str, str]:
    created = await _graphql(http, agency, INITIALIZE, {"input": attachment_input()})
    attachment_id = created["initializeAttachment"]["id"]
    response = await http.put(f"/attachments/{attachment_id}/content", content=CONTENT, headers=_bearer(agency))
    assert response.status_code == 200, response.text
    sent = await _graphql(http, agency, SEND, {"input": send_input(existingAttachments=[attachment_id], **overrides)})
    return attachment_id, sent["sendCorrespondence"]["correspondences"][0]["id"]


async def test_any_host_serves_any_attachment_and_any_worker_deletes_it(
    hosts: tuple[ApiProcess, ApiProcess], tokens: Tokens, bucket: Bucket, redis_pool: ArqRedis
) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    a, b = hosts
    async with (
        httpx.AsyncClient(base_url=a.url, timeout=60) as on_a,
        httpx.AsyncClient(base_url=b.url, timeout=60) as on_b,
    ):
        purged_id, purged_letter = await _upload_and_send(on_a, agency)
        kept_id, kept_letter = await _upload_and_send(
            on_b, agency, allowSystemDeleteAfter=(clock.now() + timedelta(days=2)).isoformat()
        )

        async def published() -> bool:
            statuses = [await _graphql(on_b, agency, STATUS, {"id": c}) for c in (purged_letter, kept_letter)]
            return all(s["correspondence"]["status"] == "PUBLISHED" for s in statuses)

        await _eventually(published, "the worker publishes both letters")
        path = f"/correspondences/{purged_letter}/attachments/{purged_id}"
        whole = await on_b.get(path, headers=_bearer(reader))
        ranged = await on_b.get(path, headers={**_bearer(reader), "Range": "bytes=5000000-5999999"})
        from_a = await on_a.get(f"/correspondences/{kept_letter}/attachments/{kept_id}", headers=_bearer(reader))

        assert whole.status_code == 200 and whole.content == CONTENT
        assert ranged.status_code == 206 and ranged.content == CONTENT[5_000_000:6_000_000]
        assert from_a.status_code == 200 and from_a.content == CONTENT
        assert sorted(bucket.keys()) == sorted(f"{bucket.prefix}/{blob_path(i)}" for i in (purged_id, kept_id))

        await _graphql(on_b, reader, PURGE, {"id": purged_letter})

        async def only_kept_left() -> bool:
            return bucket.keys() == [f"{bucket.prefix}/{blob_path(kept_id)}"]

        await _eventually(only_kept_left, "the worker deletes the purged letter's object")

        clock.advance(timedelta(days=3))
        await retention({})  # the retention cron's work, here (queueing through `redis_pool`); the worker deletes

        async def nothing_left() -> bool:
            return bucket.keys() == []

        await _eventually(nothing_left, "the worker deletes the object retention retired")
