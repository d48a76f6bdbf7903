"""`correspondence storage migrate --to s3://…`: file-stored attachments copied into a bucket, idempotently and
resumably, and served from there afterwards."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from correspondence.adapters.storage import blob_path
from correspondence.settings import MEGABYTE, Settings
from tests.attachment.test_send_and_download import download_path, get, sent_and_published, uploaded
from tests.fixtures.client import ClientFactory
from tests.fixtures.processes import ROOT
from tests.fixtures.s3 import Bucket
from tests.helpers import ORG_AGENCY, PERSON_A, GraphQLClient, Tokens

pytestmark = [pytest.mark.usefixtures("resources", "people"), pytest.mark.dialect_independent]


async def _migrate(settings: Settings, bucket: Bucket) -> tuple[int, str]:
    environment = {
        **os.environ,
        **bucket.environment(),
        "CORRESPONDENCE_DATA_DIR": str(settings.data_dir),
        "CORRESPONDENCE_DATABASE_URL": settings.effective_database_url,
        "CORRESPONDENCE_DEV_MODE": "true",
    }
    environment.pop("CORRESPONDENCE_STORAGE_URL")  # the source: this host's directory, as before the move
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        "from correspondence.cli import app; app()",
        "storage",
        "migrate",
        "--to",
        bucket.url,
        cwd=ROOT,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    return process.returncode or 0, output.decode()


async def test_migration_copies_once_resumes_and_the_bucket_serves_afterwards(
    client: GraphQLClient, client_with: ClientFactory, tokens: Tokens, settings: Settings, bucket: Bucket
) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    large, small = os.urandom(6 * MEGABYTE), b"a small letter"
    large_id = await uploaded(client, agency, large)
    small_id = await uploaded(client, agency, small)
    [letter] = await sent_and_published(client, agency, existingAttachments=[large_id, small_id])

    first = await _migrate(settings, bucket)
    again = await _migrate(settings, bucket)
    bucket.server.client().delete_object(Bucket=bucket.name, Key=f"{bucket.prefix}/{blob_path(small_id)}")
    resumed = await _migrate(settings, bucket)

    assert first[0] == 0, first[1]
    assert "2 blob(s) copied" in first[1] and "0 already there" in first[1]
    assert again[0] == 0 and "0 blob(s) copied" in again[1], again[1]
    assert resumed[0] == 0 and "1 blob(s) copied" in resumed[1], resumed[1]
    keys = {f"{bucket.prefix}/{blob_path(i)}" for i in (large_id, small_id)}
    assert keys <= set(bucket.keys())
    async with client_with(**bucket.overrides()) as from_bucket:
        assert (await get(from_bucket, download_path(letter, large_id), reader)).content == large
        assert (await get(from_bucket, download_path(letter, small_id), reader)).content == small
