"""Attachments in an S3-compatible store (moto's server): multipart uploads of ciphertext only, ranged
downloads, nothing partial left after a refusal or an outage, and a missing object never answered with a 200."""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterable, AsyncIterator

import pytest

from correspondence.adapters.crypto import stored_size
from correspondence.adapters.object_storage import S3Storage
from correspondence.adapters.storage import BlobStorage, StorageUnavailableError, blob_path, open_storage
from correspondence.attachment import content as attachment_content
from correspondence.attachment import routes as attachment_routes
from correspondence.attachment.content import DEFAULT_CHUNK_SIZE, Vault
from correspondence.attachment.jobs import delete_attachment_content
from correspondence.settings import MEGABYTE, Settings
from tests.attachment.support import initialize, pieces, put_content, status_of, stored_files
from tests.attachment.test_send_and_download import download_path, get, sent_and_published, uploaded
from tests.fixtures.client import ClientFactory
from tests.fixtures.s3 import REGION, Bucket, FaultyProxy, S3Server
from tests.helpers import ORG_AGENCY, PERSON_A, Tokens

pytestmark = [pytest.mark.usefixtures("resources", "people"), pytest.mark.dialect_independent]

EIGHTEEN_MB = os.urandom(18 * MEGABYTE)  # four parts of 5 MiB (the last shorter)


def _key(prefix: str, attachment_id: str) -> str:
    return f"{prefix}/{blob_path(attachment_id)}"


async def test_upload_and_ranged_download_through_the_bucket(
    client_with: ClientFactory, tokens: Tokens, settings: Settings, bucket: Bucket
) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    async with client_with(**bucket.overrides()) as client:
        attachment_id = await uploaded(client, agency, EIGHTEEN_MB, fileName="stor.pdf")
        [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
        whole = await get(client, download_path(correspondence_id, attachment_id), reader)
        start = 3 * DEFAULT_CHUNK_SIZE - 10  # across chunk boundaries, from a later part
        ranged = await get(
            client, download_path(correspondence_id, attachment_id), reader, Range=f"bytes={start}-{start + 999_999}"
        )

    assert whole.status_code == 200
    assert hashlib.sha256(whole.content).digest() == hashlib.sha256(EIGHTEEN_MB).digest()
    assert ranged.status_code == 206
    assert ranged.content == EIGHTEEN_MB[start : start + 1_000_000]
    [key] = bucket.keys()
    assert key == _key(bucket.prefix, attachment_id)
    stored = bucket.object(key)
    assert len(stored) == stored_size(len(EIGHTEEN_MB), DEFAULT_CHUNK_SIZE)
    assert EIGHTEEN_MB[:4096] not in stored  # the bucket holds ciphertext only
    assert stored_files(settings, attachment_id) == []  # nothing on this host's disk


async def test_small_uploads_and_deletion_of_retired_bytes(
    client_with: ClientFactory, tokens: Tokens, settings: Settings, bucket: Bucket
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    async with client_with(**bucket.overrides()) as client:
        attachment_id = await uploaded(client, agency, b"a short letter")
        [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
        purge = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"
        assert (await client(purge, {"id": correspondence_id}, token=tokens.person(PERSON_A))).data

    assert bucket.keys() == [_key(bucket.prefix, attachment_id)]
    assert await delete_attachment_content({"settings": bucket.settings(settings)}, attachment_id) is True
    assert bucket.keys() == []


class _CountingStorage:
    """The bucket's storage, counting the bytes handed to it for upload."""

    def __init__(self, inner: BlobStorage) -> None:
        self.inner = inner
        self.handed = 0

    async def put(self, key: str, blocks: AsyncIterable[bytes]) -> None:
        async def counted() -> AsyncIterable[bytes]:
            async for block in blocks:
                self.handed += len(block)
                yield block

        await self.inner.put(key, counted())


async def test_over_limit_upload_writes_nothing_beyond_the_limit(
    client_with: ClientFactory, tokens: Tokens, settings: Settings, bucket: Bucket, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    limit = 6 * MEGABYTE
    s3 = bucket.settings(settings)
    counting = _CountingStorage(attachment_content.vault(s3).storage)
    vault = Vault(counting, attachment_content.vault(s3).keyring)  # type: ignore[arg-type]
    monkeypatch.setattr(attachment_routes, "vault", lambda _: vault)
    async with client_with(**bucket.overrides(), max_attachment_bytes=limit) as client:
        created = await initialize(client, agency)
        response = await put_content(
            client,
            agency,
            created["id"],
            pieces([EIGHTEEN_MB[i : i + MEGABYTE] for i in range(0, 18 * MEGABYTE, MEGABYTE)]),
        )

    assert response.status_code == 413
    assert (await status_of(created["id"]))[0] == "FAILED"
    assert counting.handed <= stored_size(limit, DEFAULT_CHUNK_SIZE)
    assert bucket.keys() == []
    assert bucket.unfinished_uploads() == []


async def test_an_outage_mid_upload_aborts_and_fails_the_attachment_and_a_retry_works(
    client_with: ClientFactory, tokens: Tokens, bucket: Bucket, faulty_s3: tuple[FaultyProxy, str]
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    proxy, endpoint = faulty_s3

    async def then_an_outage() -> AsyncIterator[bytes]:
        for offset in range(0, len(EIGHTEEN_MB), MEGABYTE):
            if offset == 7 * MEGABYTE:
                proxy.failing_parts = True  # the first part is on its way; the second will not arrive
            yield EIGHTEEN_MB[offset : offset + MEGABYTE]

    async with client_with(**bucket.overrides(endpoint)) as client:
        first = await initialize(client, agency)
        refused = await put_content(client, agency, first["id"], then_an_outage())
        proxy.failing_parts = False
        retried = await uploaded(client, agency, EIGHTEEN_MB)

    assert refused.status_code == 503
    status, text = await status_of(first["id"])
    assert status == "FAILED"
    assert text is not None and "storage" in text
    assert proxy.failed > 0
    assert bucket.unfinished_uploads() == []
    assert bucket.keys() == [_key(bucket.prefix, retried)]


async def test_a_missing_object_is_an_error_before_any_200(
    client_with: ClientFactory, tokens: Tokens, bucket: Bucket, caplog: pytest.LogCaptureFixture
) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    async with client_with(**bucket.overrides()) as client:
        attachment_id = await uploaded(client, agency, b"soon gone")
        [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
        bucket.empty()
        response = await get(client, download_path(correspondence_id, attachment_id), reader)

    assert response.status_code == 500
    assert response.json()["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert any(attachment_id in record.getMessage() for record in caplog.records)


async def test_a_missing_bucket_is_reported_naming_the_setting(bucket: Bucket) -> None:
    storage = open_storage(
        f"s3://no-such-{bucket.name}/x", endpoint_url=bucket.server.endpoint, region=REGION, part_bytes=5 * MEGABYTE
    )
    assert isinstance(storage, S3Storage)

    with pytest.raises(StorageUnavailableError, match=r"CORRESPONDENCE_STORAGE_URL .*does not exist"):
        await storage.check()
    await open_storage(bucket.url, endpoint_url=bucket.server.endpoint, region=REGION, part_bytes=5 * MEGABYTE).check()


async def test_refused_credentials_are_reported_naming_the_settings(s3_server_checking_credentials: S3Server) -> None:
    endpoint = s3_server_checking_credentials.endpoint
    storage = open_storage("s3://letters/x", endpoint_url=endpoint, region=REGION, part_bytes=5 * MEGABYTE)

    with pytest.raises(StorageUnavailableError, match=r"refused the credentials \(AWS_ACCESS_KEY_ID") as refused:
        await storage.check()
    assert "CORRESPONDENCE_STORAGE_URL s3://letters/x" in str(refused.value)
