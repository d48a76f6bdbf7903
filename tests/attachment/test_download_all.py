"""`GET /correspondences/{id}/attachments.zip` (contract §13): every hosted attachment of a letter in one streamed
ZIP, names made safe and unique, external links in a text file, one receipt, and refusals like unknown ids."""

from __future__ import annotations

import io
import os
import uuid
import zipfile

import pytest

from correspondence.correspondence.bundle import EXTERNAL_LINKS_NAME, safe_name, unique_names
from correspondence.correspondence.jobs import publish_correspondence
from tests.attachment.test_send_and_download import ONE, get, send, sent_and_published, uploaded
from tests.helpers import ORG_AGENCY, ORG_AGENCY_2, PERSON_A, PERSON_B, GraphQLClient, Tokens

pytestmark = pytest.mark.usefixtures("resources", "people")

NOT_FOUND = {"errors": [{"message": "The correspondence was not found.", "extensions": {"code": "NOT_FOUND"}}]}


def zip_path(correspondence_id: str) -> str:
    return f"/correspondences/{correspondence_id}/attachments.zip"


async def test_a_recipient_downloads_every_attachment_as_one_zip(client: GraphQLClient, tokens: Tokens) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    first, second, empty = os.urandom(700_000), b"Vedlegg to", b""
    ids = [
        await uploaded(client, agency, first, fileName="vedtak.pdf"),
        await uploaded(client, agency, second, fileName="VEDTAK.pdf"),  # the same name to Windows
        await uploaded(client, agency, empty, fileName="tom.txt"),
    ]
    external = {"url": "https://arkiv.example.no/dok/1", "fileName": "kart.png", "displayName": "Kart"}
    [correspondence_id] = await sent_and_published(
        client, agency, existingAttachments=ids, externalAttachments=[external]
    )

    response = await get(client, zip_path(correspondence_id), reader)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["content-disposition"] == f'attachment; filename="correspondence-{correspondence_id}.zip"'
    assert response.headers["cache-control"] == "no-store"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.testzip() is None  # every member's CRC-32 checks out
    assert archive.namelist() == ["vedtak.pdf", "VEDTAK (2).pdf", "tom.txt", EXTERNAL_LINKS_NAME]
    assert archive.read("vedtak.pdf") == first
    assert archive.read("VEDTAK (2).pdf") == second
    assert archive.read("tom.txt") == empty
    assert "Kart: https://arkiv.example.no/dok/1" in archive.read(EXTERNAL_LINKS_NAME).decode()

    shown = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    receipts = [e for e in shown["statusHistory"] if e["status"] == "ATTACHMENTS_DOWNLOADED"]
    assert len(receipts) == 1 and receipts[0]["actor"].endswith(PERSON_A)
    assert receipts[0]["statusText"] == "Downloaded all attachments as a ZIP: vedtak.pdf, VEDTAK.pdf, tom.txt"
    assert [a["type"] for a in shown["activities"]].count("ATTACHMENTS_DOWNLOADED") == 1
    assert shown["status"] == "PUBLISHED"
    await get(client, zip_path(correspondence_id), reader)  # again at once: one download, debounced
    again = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
    assert [e["status"] for e in again["statusHistory"]].count("ATTACHMENTS_DOWNLOADED") == 1


async def test_who_may_download_the_zip(client: GraphQLClient, tokens: Tokens) -> None:
    agency = tokens.service_owner(ORG_AGENCY)
    attachment_id = await uploaded(client, agency, b"letter bytes", fileName="brev.pdf")
    result = await send(client, agency, existingAttachments=[attachment_id])
    [correspondence_id] = [c["id"] for c in result.data["sendCorrespondence"]["correspondences"]]
    path = zip_path(correspondence_id)

    # Before publishing the sender may (and leaves no receipt); the recipient gets what an unknown id gets.
    sender_zip = await get(client, path, agency)
    assert zipfile.ZipFile(io.BytesIO(sender_zip.content)).read("brev.pdf") == b"letter bytes"
    early = await get(client, path, tokens.person(PERSON_A))
    assert (early.status_code, early.json()) == (404, NOT_FOUND)

    assert await publish_correspondence({}, correspondence_id) == "PUBLISHED"

    assert (await get(client, path, tokens.person(PERSON_A))).status_code == 200
    for refused in (agency, tokens.person(PERSON_B), tokens.service_owner(ORG_AGENCY_2)):
        answer = await get(client, path, refused)
        assert (answer.status_code, answer.json()) == (404, NOT_FOUND)
    for unknown in (str(uuid.uuid4()), "x"):
        answer = await get(client, zip_path(unknown), tokens.person(PERSON_A))
        assert (answer.status_code, answer.json()) == (404, NOT_FOUND)
    assert (await get(client, path)).status_code == 401
    signed_only = await client.http.get(f"{path}?access=anything")
    assert signed_only.status_code == 401  # no signed links for the ZIP: a Bearer token only


async def test_a_letter_without_hosted_attachments_has_no_zip(client: GraphQLClient, tokens: Tokens) -> None:
    agency, reader = tokens.service_owner(ORG_AGENCY), tokens.person(PERSON_A)
    external = {"url": "https://arkiv.example.no/dok/1", "fileName": "kart.png"}
    [only_links] = await sent_and_published(client, agency, externalAttachments=[external])
    [nothing] = await sent_and_published(client, agency)
    for correspondence_id in (only_links, nothing):
        answer = await get(client, zip_path(correspondence_id), reader)
        assert answer.status_code == 404
        assert "no attachments stored in the service" in answer.json()["errors"][0]["message"]
        shown = (await client(ONE, {"id": correspondence_id}, token=reader)).data["correspondence"]
        assert "ATTACHMENTS_DOWNLOADED" not in [e["status"] for e in shown["statusHistory"]]


@pytest.mark.dialect_independent
def test_names_inside_are_safe_and_unique() -> None:
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("a\\b:c\x00.txt") == "a_b_c_.txt"
    assert safe_name(" .. ") == "attachment"
    assert unique_names(["a.pdf", "A.PDF", "a.pdf", "external-links.txt"], taken=["external-links.txt"]) == [
        "a.pdf",
        "A (2).PDF",
        "a (3).pdf",
        "external-links (2).txt",
    ]
