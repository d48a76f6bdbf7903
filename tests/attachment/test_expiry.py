"""`expirationInDays`: the deferred job and the sweep expire attachments and delete their bytes; dead uploads fail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from arq.connections import ArqRedis

from correspondence.attachment.jobs import delete_attachment_content, expire_attachment, sweep_attachments
from correspondence.attachment.models import Attachment, AttachmentStatus
from correspondence.attachment.service import STALE_UPLOAD
from correspondence.kit import clock
from correspondence.settings import Settings
from tests.attachment.support import initialize, put_content, status_of, stored_files
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens

pytestmark = pytest.mark.usefixtures("resources")


def _ctx(settings: Settings) -> dict[str, Any]:
    return {"settings": settings}


async def test_expiry_job_is_scheduled_and_expires_once(
    client: GraphQLClient, tokens: Tokens, settings: Settings, redis_pool: ArqRedis
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    created = await initialize(client, token, expirationInDays=2)
    assert (await put_content(client, token, created["id"], b"short-lived")).status_code == 200
    assert await redis_pool.exists(f"arq:job:expire_attachment:{created['id']}")

    assert await expire_attachment(_ctx(settings), created["id"]) is False  # not due yet
    assert (await status_of(created["id"]))[0] == "PUBLISHED"

    clock.advance(timedelta(days=2, seconds=1))
    assert await expire_attachment(_ctx(settings), created["id"]) is True
    assert await expire_attachment(_ctx(settings), created["id"]) is False  # idempotent

    assert (await status_of(created["id"]))[0] == "EXPIRED"
    assert len(stored_files(settings, created["id"])) == 1  # unreadable already: the data key is forgotten
    assert (await Attachment.get(id=created["id"])).wrapped_key is None
    assert await redis_pool.exists(f"arq:job:delete_attachment_content:{created['id']}")
    assert await delete_attachment_content(_ctx(settings), created["id"]) is True
    assert await delete_attachment_content(_ctx(settings), created["id"]) is False  # idempotent
    assert stored_files(settings, created["id"]) == []


async def test_sweep_expires_what_a_lost_job_missed_and_fails_dead_uploads(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    expiring = await initialize(client, token, expirationInDays=1)
    lasting = await initialize(client, token, expirationInDays=30)
    no_expiry = await initialize(client, token)
    assert (await put_content(client, token, expiring["id"], b"bytes")).status_code == 200

    stuck = await initialize(client, token)

    # An API process dying mid-upload leaves the claim behind: claimed, never settled.
    await Attachment.filter(id=stuck["id"]).update(status=AttachmentStatus.UPLOAD_PROCESSING)

    clock.advance(max(timedelta(days=1), STALE_UPLOAD) + timedelta(minutes=1))
    await sweep_attachments(_ctx(settings))
    await sweep_attachments(_ctx(settings))  # a second sweep changes nothing

    assert (await status_of(expiring["id"]))[0] == "EXPIRED"
    assert stored_files(settings, expiring["id"]) == []
    assert (await status_of(lasting["id"]))[0] == "INITIALIZED"
    assert (await status_of(no_expiry["id"]))[0] == "INITIALIZED"
    assert await status_of(stuck["id"]) == ("FAILED", "The upload did not finish.")
