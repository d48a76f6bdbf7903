"""`initializeAttachment` + `PUT /attachments/{id}/content`: statuses, checksums, limits, conflicts, ownership."""

from __future__ import annotations

import hashlib
import os
import uuid

import pytest

from correspondence.attachment.models import Attachment
from correspondence.settings import Settings
from tests.attachment.support import (
    FOREIGN_RESOURCE,
    QUERY,
    initialize,
    pieces,
    put_content,
    status_of,
    stored_files,
)
from tests.fixtures.client import ClientFactory
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, PERSON_A, GraphQLClient, GraphQLResult, Tokens

pytestmark = pytest.mark.usefixtures("resources")


async def test_upload_publishes_with_checksum_and_size(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    content = os.urandom(700_000)
    md5 = hashlib.md5(content).hexdigest()
    created = await initialize(client, token, checksum=md5.upper(), displayName="Årsoppgave")
    assert created["status"] == "INITIALIZED"
    assert created["dataLocationType"] == "ALTINN_CORRESPONDENCE_ATTACHMENT"

    response = await put_content(client, token, created["id"], content)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "PUBLISHED"
    shown = (await client(QUERY, {"id": created["id"]}, token=token)).data["attachment"]
    assert shown["status"] == "PUBLISHED"
    assert shown["size"] == len(content)
    assert shown["checksum"] == md5
    assert shown["displayName"] == "Årsoppgave"
    assert [p.name for p in stored_files(settings, created["id"])] == [created["id"]]


async def test_checksum_mismatch_fails_the_attachment_and_keeps_nothing(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    created = await initialize(client, token, checksum=hashlib.md5(b"other bytes").hexdigest())

    response = await put_content(client, token, created["id"], b"the real bytes")

    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "checksum"}
    assert body["attachment"]["status"] == "FAILED"
    status, text = await status_of(created["id"])
    assert status == "FAILED"
    assert text is not None
    assert "Checksum mismatch" in text
    assert stored_files(settings, created["id"]) == []


LIMIT = 300_000


@pytest.mark.parametrize("declared", ["honest", "lying", "absent"])
async def test_over_limit_is_413_fails_and_leaves_nothing(
    client_with: ClientFactory, tokens: Tokens, settings: Settings, declared: str
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    block = os.urandom(64 * 1024)
    blocks = [block] * 10  # 640 KiB, over the limit
    async with client_with(max_attachment_bytes=LIMIT) as client:
        created = await initialize(client, token)
        headers = {
            "honest": {"Content-Length": str(len(block) * len(blocks))},
            "lying": {"Content-Length": "1000"},
            "absent": {},
        }[declared]
        response = await put_content(client, token, created["id"], pieces(blocks), **headers)

    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    status, text = await status_of(created["id"])
    assert status == "FAILED"
    assert text is not None
    assert str(LIMIT) in text
    assert stored_files(settings, created["id"]) == []


async def test_second_upload_is_a_conflict(client: GraphQLClient, tokens: Tokens) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    created = await initialize(client, token)
    assert (await put_content(client, token, created["id"], b"first")).status_code == 200

    second = await put_content(client, token, created["id"], b"second")

    assert second.status_code == 409
    assert second.json()["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert (await status_of(created["id"]))[0] == "PUBLISHED"


async def test_interrupted_upload_can_be_retried(client: GraphQLClient, tokens: Tokens, settings: Settings) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    created = await initialize(client, token)

    async def broken() -> object:
        yield os.urandom(300_000)
        raise ConnectionResetError("client went away")

    with pytest.raises(ConnectionResetError):
        await put_content(client, token, created["id"], broken())  # type: ignore[arg-type]

    assert (await status_of(created["id"]))[0] == "INITIALIZED"
    assert stored_files(settings, created["id"]) == []
    assert (await put_content(client, token, created["id"], b"complete")).status_code == 200


async def test_other_organizations_see_nothing(client: GraphQLClient, tokens: Tokens) -> None:
    created = await initialize(client, tokens.service_owner(ORG_AGENCY))
    foreign = tokens.service_owner(ORG_AGENCY_2)

    upload = await put_content(client, foreign, created["id"], b"hijack")
    query = await client(QUERY, {"id": created["id"]}, token=foreign)
    person = await client(QUERY, {"id": created["id"]}, token=tokens.person(PERSON_A))

    assert upload.status_code == 404
    assert upload.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert query.data["attachment"] is None
    assert person.codes == ["FORBIDDEN"]  # attachments are only ever the sender's
    assert (await status_of(created["id"]))[0] == "INITIALIZED"


async def test_upload_needs_a_service_owner_token(client: GraphQLClient, tokens: Tokens) -> None:
    created = await initialize(client, tokens.service_owner(ORG_AGENCY))

    anonymous = await client.http.put(f"/attachments/{created['id']}/content", content=b"x")
    person = await put_content(client, tokens.person(PERSON_A), created["id"], b"x")
    unknown = await put_content(client, tokens.service_owner(ORG_AGENCY), "not-a-uuid", b"x")

    assert anonymous.status_code == 401
    assert person.status_code == 403
    assert unknown.status_code == 404


async def test_a_foreign_resource_answers_like_an_unknown_one(client: GraphQLClient, tokens: Tokens) -> None:
    async def initialize_for(resource_id: str) -> GraphQLResult:
        return await client(
            "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }",
            {"input": {"resourceId": resource_id, "fileName": "a.pdf", "sendersReference": "r"}},
            token=tokens.service_owner(ORG_AGENCY),
        )

    foreign, unknown = await initialize_for(FOREIGN_RESOURCE), await initialize_for("no-such-resource")
    assert foreign.codes == ["BAD_USER_INPUT"]
    assert foreign.fields == ["input.resourceId"]
    assert [e["message"].replace(FOREIGN_RESOURCE, "X") for e in foreign.errors] == [
        e["message"].replace("no-such-resource", "X") for e in unknown.errors
    ]
    assert await Attachment.all().count() == 0


@pytest.mark.parametrize("case", ["unknown", "malformed", "foreign"])
async def test_foreign_and_unknown_attachments_answer_alike(client: GraphQLClient, tokens: Tokens, case: str) -> None:
    foreign = await initialize(client, tokens.service_owner(ORG_AGENCY_2), resourceId=FOREIGN_RESOURCE)
    attachment_id = {"unknown": str(uuid.uuid4()), "malformed": "x", "foreign": foreign["id"]}[case]
    agency = tokens.service_owner(ORG_AGENCY)

    assert (await client(QUERY, {"id": attachment_id}, token=agency)).data == {"attachment": None}
    refused = await put_content(client, agency, attachment_id, b"content")
    assert (refused.status_code, refused.json()) == (
        404,
        {"errors": [{"message": "The attachment was not found.", "extensions": {"code": "NOT_FOUND"}}]},
    )
