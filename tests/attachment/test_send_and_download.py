"""Attachments in correspondences: reuse and links at send, waiting for uploads, downloads with Range and signed
links, receipts, visibility, and bytes released by purges."""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from correspondence.attachment.jobs import delete_attachment_content
from correspondence.attachment.models import Attachment
from correspondence.correspondence.jobs import publish_correspondence
from correspondence.kit import clock
from correspondence.settings import Settings
from tests.attachment.support import RESOURCE, initialize, put_content, status_of, stored_files
from tests.fixtures.client import ClientFactory
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, PERSON_A, PERSON_B, GraphQLClient, Tokens, count_queries

pytestmark = pytest.mark.usefixtures("resources", "people")

SEND = """mutation($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id status statusHistory { status statusText } } } }"""
ONE = """query($id: ID!) { correspondence(id: $id) { id status
  statusHistory { status statusText actor } activities { type actor text }
  attachments { id fileName status dataLocationType url downloadUrl size checksum } } }"""


def send_input(**overrides: Any) -> dict[str, Any]:
    return {
        "resourceId": RESOURCE,
        "sendersReference": "letter-1",
        "recipients": [PERSON_A],
        "content": {"language": "nb", "messageTitle": "Vedtak", "messageBody": "Se vedlegg."},
        **overrides,
    }


async def send(client: GraphQLClient, token: str, **overrides: Any) -> Any:
    return await client(SEND, {"input": send_input(**overrides)}, token=token)


async def uploaded(client: GraphQLClient, token: str, content: bytes, **overrides: Any) -> str:
    created = await initialize(client, token, **overrides)
    assert (await put_content(client, token, created["id"], content)).status_code == 200
    return str(created["id"])


async def sent_and_published(client: GraphQLClient, token: str, **overrides: Any) -> list[str]:
    result = await send(client, token, **overrides)
    ids = [c["id"] for c in result.data["sendCorrespondence"]["correspondences"]]
    for correspondence_id in ids:
        assert await publish_correspondence({}, correspondence_id) == "PUBLISHED"
    return ids


def download_path(correspondence_id: str, attachment_id: str) -> str:
    return f"/correspondences/{correspondence_id}/attachments/{attachment_id}"


async def get(client: GraphQLClient, path: str, token: str | None = None, **headers: str) -> httpx.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await client.http.get(path, headers=headers)


async def test_recipient_downloads_what_was_sent(client: GraphQLClient, tokens: Tokens) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    content = os.urandom(600_000)
    attachment_id = await uploaded(client, agency, content, fileName="vedtak.pdf")
    external = {"url": "https://arkiv.example.no/dok/1", "fileName": "kart.png", "displayName": "Kart"}
    [correspondence_id] = await sent_and_published(
        client, agency, existingAttachments=[attachment_id], externalAttachments=[external]
    )

    shown = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    stored, linked = shown["attachments"]
    assert (stored["id"], stored["size"], stored["checksum"]) == (
        attachment_id,
        len(content),
        hashlib.md5(content).hexdigest(),
    )
    assert linked["dataLocationType"] == "EXTERNAL_STORAGE"
    assert linked["downloadUrl"] == linked["url"] == external["url"]

    response = await get(client, download_path(correspondence_id, attachment_id), reader)

    assert response.status_code == 200
    assert response.content == content
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith('attachment; filename="vedtak.pdf"')
    after = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    downloads = [e for e in after["statusHistory"] if e["status"] == "ATTACHMENTS_DOWNLOADED"]
    assert len(downloads) == 1
    assert downloads[0]["actor"].endswith(PERSON_A)
    assert after["status"] == "PUBLISHED"  # a receipt, not a lifecycle step
    assert [a["type"] for a in after["activities"]].count("ATTACHMENTS_DOWNLOADED") == 1
    await get(client, download_path(correspondence_id, attachment_id), reader)  # again: debounced
    again = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    assert [e["status"] for e in again["statusHistory"]].count("ATTACHMENTS_DOWNLOADED") == 1


@pytest.mark.dialect_independent
@pytest.mark.parametrize(
    ("file_name", "content_type"),
    [
        ("vedtak.pdf", "application/pdf"),
        ("bilde.JPEG", "image/jpeg"),
        ("kart.png", "image/png"),
        ("anim.gif", "image/gif"),
        ("side.html", "application/octet-stream"),
        ("bilde.svg", "application/octet-stream"),
        ("program.exe", "application/octet-stream"),
        ("søknad æøå.txt", "application/octet-stream"),
    ],
)
async def test_every_type_is_a_sandboxed_download(
    client: GraphQLClient, tokens: Tokens, file_name: str, content_type: str
) -> None:
    """Nothing a sender uploads is shown in the service's origin (contract §4): not even a PDF or an image, whose
    viewers have run scripts before."""
    agency = tokens.service_owner(ORG_AGENCY)
    attachment_id = await uploaded(client, agency, b"<script>alert(1)</script>", fileName=file_name)
    [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])

    response = await get(client, download_path(correspondence_id, attachment_id), tokens.person(PERSON_A))

    assert response.headers["content-type"] == content_type
    assert response.headers["content-disposition"].split(";")[0] == "attachment"
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = [directive.strip() for directive in response.headers["content-security-policy"].split(";")]
    assert {"sandbox", "default-src 'none'"} <= set(policy)


@pytest.mark.dialect_independent
async def test_single_ranges(client: GraphQLClient, tokens: Tokens) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    content = os.urandom(700_000)  # nearly three stored chunks
    attachment_id = await uploaded(client, agency, content)
    [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
    path = download_path(correspondence_id, attachment_id)

    middle = await get(client, path, reader, Range="bytes=262000-524400")
    assert middle.status_code == 206
    assert middle.headers["content-range"] == f"bytes 262000-524400/{len(content)}"
    assert middle.content == content[262000:524401]
    assert "sandbox" in middle.headers["content-security-policy"]
    tail = await get(client, path, reader, Range="bytes=-1000")
    assert (tail.status_code, tail.content) == (206, content[-1000:])
    open_ended = await get(client, path, reader, Range="bytes=699990-")
    assert open_ended.content == content[699990:]
    beyond = await get(client, path, reader, Range="bytes=700000-")
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(content)}"
    assert "sandbox" in beyond.headers["content-security-policy"]
    several = await get(client, path, reader, Range="bytes=0-1,5-6")
    assert (several.status_code, several.content) == (200, content)


async def test_signed_download_url_works_without_a_bearer_header_until_it_expires(
    client: GraphQLClient, tokens: Tokens
) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    first = await uploaded(client, agency, b"first file")
    second = await uploaded(client, agency, b"second file")
    [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[first, second])
    shown = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    url = urlsplit(shown["attachments"][0]["downloadUrl"])
    signed = f"{url.path}?{url.query}"

    assert (await get(client, signed)).content == b"first file"
    other_attachment = signed.replace(first, second)
    assert (await get(client, other_attachment)).status_code == 401
    tampered = signed[:-3] + ("AAA" if not signed.endswith("AAA") else "BBB")
    assert (await get(client, tampered)).status_code == 401
    clock.advance(timedelta(minutes=11))
    assert (await get(client, signed)).status_code == 401


@pytest.mark.dialect_independent
async def test_download_links_start_with_the_configured_public_url(
    client: GraphQLClient, client_with: ClientFactory, tokens: Tokens
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    [correspondence_id] = await sent_and_published(
        client, agency, existingAttachments=[await uploaded(client, agency, b"file")]
    )
    async with client_with(public_url="https://post.example.no/api/") as behind_a_proxy:
        shown = await behind_a_proxy(ONE, {"id": correspondence_id}, token=tokens.person(PERSON_A))
    [attachment] = shown.data["correspondence"]["attachments"]
    assert attachment["downloadUrl"].startswith(f"https://post.example.no/api/correspondences/{correspondence_id}/")


async def test_who_may_download(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    attachment_id = await uploaded(client, agency, b"letter bytes")
    result = await send(client, agency, existingAttachments=[attachment_id])
    [correspondence_id] = [c["id"] for c in result.data["sendCorrespondence"]["correspondences"]]
    path = download_path(correspondence_id, attachment_id)

    # Before publishing: the sender may, the recipient sees nothing.
    assert (await get(client, path, agency)).content == b"letter bytes"
    assert (await get(client, path, tokens.person(PERSON_A))).status_code == 404
    sender_view = (await client(ONE, {"id": correspondence_id}, token=agency)).data["correspondence"]
    assert sender_view["attachments"][0]["downloadUrl"] is not None

    assert await publish_correspondence({}, correspondence_id) == "PUBLISHED"

    assert (await get(client, path, tokens.person(PERSON_A))).status_code == 200
    assert (await get(client, path, agency)).status_code == 404
    assert (await get(client, path, tokens.person(PERSON_B))).status_code == 404
    assert (await get(client, path, tokens.service_owner(ORG_AGENCY_2))).status_code == 404
    assert (await get(client, path)).status_code == 401
    sender_view = (await client(ONE, {"id": correspondence_id}, token=agency)).data["correspondence"]
    assert sender_view["attachments"][0]["downloadUrl"] is None
    unrelated = await uploaded(client, agency, b"not in this letter")
    assert (await get(client, download_path(correspondence_id, unrelated), tokens.person(PERSON_A))).status_code == 404


async def test_correspondence_waits_for_an_upload_in_progress(
    client: GraphQLClient, tokens: Tokens, redis_pool: Any
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    pending = await initialize(client, agency)
    done = await uploaded(client, agency, b"ready")

    result = await send(client, agency, recipients=[PERSON_A, PERSON_B], existingAttachments=[done, pending["id"]])
    correspondences = result.data["sendCorrespondence"]["correspondences"]
    assert {c["status"] for c in correspondences} == {"INITIALIZED"}
    assert await publish_correspondence({}, correspondences[0]["id"]) is None  # not ready: nothing happens

    assert (await put_content(client, agency, pending["id"], b"now complete")).status_code == 200

    for c in correspondences:
        shown = (await client(ONE, {"id": c["id"]}, token=agency)).data["correspondence"]
        assert shown["status"] == "READY_FOR_PUBLISH"
        assert await redis_pool.exists(f"arq:job:publish:{c['id']}")
        assert await publish_correspondence({}, c["id"]) == "PUBLISHED"


async def test_a_failed_upload_fails_the_correspondences_waiting_for_it(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    pending = await initialize(client, agency, checksum=hashlib.md5(b"promised").hexdigest())
    result = await send(client, agency, existingAttachments=[pending["id"]])
    [correspondence_id] = [c["id"] for c in result.data["sendCorrespondence"]["correspondences"]]

    assert (await put_content(client, agency, pending["id"], b"delivered")).status_code == 400

    shown = (await client(ONE, {"id": correspondence_id}, token=agency)).data["correspondence"]
    assert shown["status"] == "FAILED"
    assert "Checksum mismatch" in shown["statusHistory"][-1]["statusText"]
    assert "PUBLISH_FAILED" in [a["type"] for a in shown["activities"]]


async def test_attachments_that_cannot_be_sent(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    foreign = await uploaded(client, tokens.service_owner(ORG_AGENCY_2), b"x", resourceId="customs-letter")
    failed = await initialize(client, agency, checksum=hashlib.md5(b"a").hexdigest())
    await put_content(client, agency, failed["id"], b"b")
    expiring = await uploaded(client, agency, b"short", expirationInDays=1)
    good = await uploaded(client, agency, b"good")
    clock.advance(timedelta(hours=19))  # the 1-day attachment now expires within 6 hours

    result = await send(
        client,
        agency,
        existingAttachments=[foreign, failed["id"], expiring, "not-an-id", good, good],
        externalAttachments=[{"url": "http://insecure.example/x", "fileName": "CON.txt"}],
    )

    assert set(result.codes) == {"BAD_USER_INPUT"}
    messages = {e["extensions"]["field"]: e["message"] for e in result.errors}
    assert messages["input.existingAttachments[0]"] == "The attachment was not found."
    assert "FAILED" in messages["input.existingAttachments[1]"]
    assert "expires within 6 hours" in messages["input.existingAttachments[2]"]
    assert messages["input.existingAttachments[3]"] == "The attachment was not found."
    assert "only once" in messages["input.existingAttachments[5]"]
    assert "input.existingAttachments[4]" not in messages
    assert set(messages) >= {"input.externalAttachments[0].url", "input.externalAttachments[0].fileName"}


async def test_purges_release_bytes_no_correspondence_uses(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    shared = await uploaded(client, agency, b"shared by two letters")
    first, second = await sent_and_published(
        client, agency, recipients=[PERSON_A, PERSON_B], existingAttachments=[shared]
    )
    purge = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"

    assert (await client(purge, {"id": first}, token=tokens.person(PERSON_A))).data
    assert (await status_of(shared))[0] == "PUBLISHED"  # the other letter still has it

    assert (await client(purge, {"id": second}, token=tokens.person(PERSON_B))).data
    assert await status_of(shared) == ("PURGED", "No correspondence uses the attachment any more.")
    assert (await Attachment.get(id=shared)).wrapped_key is None
    assert await delete_attachment_content({"settings": settings}, shared) is True
    assert stored_files(settings, shared) == []


INBOX = """query($first: Int) { correspondences(first: $first, filter: {role: SENDER}) {
  edges { node { id attachments { id fileName downloadUrl } } } } }"""


async def test_a_page_loads_its_attachments_without_a_query_per_row(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    attachments = [await uploaded(client, agency, f"file {i}".encode()) for i in range(2)]
    await send(client, agency, existingAttachments=attachments, recipients=[PERSON_A])
    await send(client, agency, existingAttachments=attachments, recipients=[PERSON_B])
    await send(client, agency, existingAttachments=attachments[:1], recipients=[PERSON_A, PERSON_B])
    counts = []
    for first in (1, 4):
        with count_queries() as counter:
            result = await client(INBOX, {"first": first}, token=agency)
        edges = result.data["correspondences"]["edges"]
        assert len(edges) == first
        assert all(edge["node"]["attachments"] for edge in edges)
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


FRAGMENTS = """query { correspondences(filter: {role: SENDER}) { ...Page } }
fragment Page on CorrespondenceConnection { edges { node { id ... on Correspondence { ...Files } } } }
fragment Files on Correspondence { attachments { id fileName downloadUrl } }"""
NO_ATTACHMENTS = "query { correspondences(filter: {role: SENDER}) { edges { node { id } } } }"


async def test_a_page_loads_attachments_asked_for_through_fragments_and_none_when_not_asked(
    client: GraphQLClient, tokens: Tokens
) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    attachments = [await uploaded(client, agency, f"file {i}".encode()) for i in range(2)]
    await send(client, agency, existingAttachments=attachments, recipients=[PERSON_A, PERSON_B])
    pages, queries = [], []
    for query in (INBOX, FRAGMENTS, NO_ATTACHMENTS):
        with count_queries() as counter:
            result = await client(query, {"first": 20}, token=agency)
        edges = result.data["correspondences"]["edges"]
        pages.append({e["node"]["id"]: [a["id"] for a in e["node"].get("attachments", [])] for e in edges})
        queries.append(counter.count)
    plain, fragments, _ = pages
    assert len(plain) == 2 and all(ids == attachments for ids in plain.values())
    assert fragments == plain
    assert queries[0] == queries[1] == queries[2] + 1  # the attachments with their links, in one query


async def test_a_signed_download_url_shows_nobody_whose_link_it_is(client: GraphQLClient, tokens: Tokens) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    attachment_id = await uploaded(client, agency, b"letter bytes")
    [correspondence_id] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
    shown = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    token = parse_qs(urlsplit(shown["attachments"][0]["downloadUrl"]).query)["access"][0]

    readable = [base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)) for part in token.split(".")]
    assert not any(PERSON_A.encode() in part or b"correspondence.read" in part for part in readable)


@pytest.mark.parametrize(
    "case",
    [
        "unknown correspondence",
        "malformed correspondence",
        "foreign correspondence",
        "unknown attachment",
        "malformed attachment",
        "attachment of another letter",
    ],
)
async def test_foreign_and_unknown_downloads_answer_alike(client: GraphQLClient, tokens: Tokens, case: str) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    attachment_id = await uploaded(client, agency, b"letter bytes")
    other_attachment = await uploaded(client, agency, b"another letter's bytes")
    [mine] = await sent_and_published(client, agency, existingAttachments=[attachment_id])
    [theirs] = await sent_and_published(client, agency, recipients=[PERSON_B], existingAttachments=[other_attachment])
    path = {
        "unknown correspondence": download_path(str(uuid.uuid4()), attachment_id),
        "malformed correspondence": download_path("x", attachment_id),
        "foreign correspondence": download_path(theirs, other_attachment),
        "unknown attachment": download_path(mine, str(uuid.uuid4())),
        "malformed attachment": download_path(mine, "x"),
        "attachment of another letter": download_path(mine, other_attachment),
    }[case]
    refused = await get(client, path, tokens.person(PERSON_A))
    assert (refused.status_code, refused.json()) == (
        404,
        {"errors": [{"message": "The attachment was not found.", "extensions": {"code": "NOT_FOUND"}}]},
    )
