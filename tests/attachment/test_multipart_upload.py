"""`uploadAttachment` over the GraphQL multipart request spec, its CSRF rule, and malformed bodies."""

from __future__ import annotations

import asyncio
import contextvars
import hashlib
import json
import os
from collections.abc import AsyncIterable, AsyncIterator
from pathlib import Path

import pytest

from correspondence.adapters.crypto import load_keyring
from correspondence.adapters.storage import FileSystemStorage
from correspondence.attachment import resolvers as attachment_resolvers
from correspondence.attachment.content import Vault
from correspondence.attachment.models import Attachment
from correspondence.registry.models import Person
from correspondence.settings import Settings
from tests.attachment.support import UPLOAD, attachment_input, initialize, multipart_upload, stored_files
from tests.fixtures.client import ClientFactory
from tests.helpers import ORG_AGENCY, PERSON_A, GraphQLClient, Tokens

# The request format and its refusals; storing and publishing run on both dialects in test_streaming_upload.
pytestmark = [pytest.mark.usefixtures("resources"), pytest.mark.dialect_independent]


async def test_small_file_is_published_in_one_request(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    content = os.urandom(1_500_000)  # beyond the 1 MiB at which the multipart parser spools to disk
    md5 = hashlib.md5(content).hexdigest()

    result = await multipart_upload(client, tokens.service_owner(ORG_AGENCY), content, checksum=md5)

    uploaded = result.data["uploadAttachment"]
    assert uploaded["status"] == "PUBLISHED"
    assert uploaded["size"] == len(content)
    assert uploaded["checksum"] == md5
    stored = await Attachment.get(id=uploaded["id"])
    assert stored.sha256 == hashlib.sha256(content).hexdigest()
    assert len(stored_files(settings, uploaded["id"])) == 1


async def test_checksum_mismatch_gives_a_failed_attachment_without_bytes(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    result = await multipart_upload(
        client, tokens.service_owner(ORG_AGENCY), b"content", checksum=hashlib.md5(b"else").hexdigest()
    )

    uploaded = result.data["uploadAttachment"]
    assert uploaded["status"] == "FAILED"
    assert "Checksum mismatch" in uploaded["statusText"]
    assert uploaded["size"] is None
    assert stored_files(settings, uploaded["id"]) == []


async def test_multipart_without_csrf_header_is_refused(client: GraphQLClient, tokens: Tokens) -> None:
    result = await multipart_upload(client, tokens.service_owner(ORG_AGENCY), b"content", csrf=False)
    assert result.status == 400
    assert await Attachment.all().count() == 0


async def test_a_person_may_not_upload(client: GraphQLClient, tokens: Tokens) -> None:
    result = await multipart_upload(client, tokens.person(PERSON_A), b"content")
    assert result.codes == ["FORBIDDEN"]
    assert await Attachment.all().count() == 0


async def test_body_over_the_graphql_limit_is_413(client_with: ClientFactory, tokens: Tokens) -> None:
    async with client_with(max_graphql_body_bytes=200_000) as client:
        result = await client.http.post(
            "/graphql",
            files={"0": ("big.bin", os.urandom(300_000))},
            data={"operations": "{}", "map": "{}"},
            headers={"Authorization": f"Bearer {tokens.service_owner(ORG_AGENCY)}", "X-Requested-With": "x"},
        )
    assert result.status_code == 413
    assert await Attachment.all().count() == 0


def _operations() -> str:
    return json.dumps({"query": UPLOAD, "variables": {"input": attachment_input(), "file": None}})


def _part(name: str, value: str, extra_headers: str = "") -> bytes:
    return f'--B\r\nContent-Disposition: form-data; name="{name}"\r\n{extra_headers}\r\n{value}\r\n'.encode()


MALFORMED = {
    "too many parts": b"".join(_part(f"field{i}", "x") for i in range(50)) + b"--B--\r\n",
    "huge part header": _part("operations", _operations(), "X-Padding: " + "a" * 100_000 + "\r\n") + b"--B--\r\n",
    "boundary not found": b"--OTHER\r\n" + _part("operations", _operations())[3:] + b"--OTHER--\r\n",
    "not multipart at all": b"\x00\xff" * 1000,
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
async def test_malformed_multipart_is_400(client: GraphQLClient, tokens: Tokens, case: str) -> None:
    response = await client.http.post(
        "/graphql",
        content=MALFORMED[case],
        headers={
            "Authorization": f"Bearer {tokens.service_owner(ORG_AGENCY)}",
            "Content-Type": "multipart/form-data; boundary=B",
            "Apollo-Require-Preflight": "true",
        },
    )
    assert response.status_code == 400
    assert await Attachment.all().count() == 0


async def test_too_many_parts_are_refused_before_the_body_is_read(client: GraphQLClient, tokens: Tokens) -> None:
    sent = 0

    async def parts() -> AsyncIterator[bytes]:
        nonlocal sent
        for i in range(10_000):
            sent += 1
            yield _part(f"field{i}", "x" * 100)

    response = await client.http.post(
        "/graphql",
        content=parts(),
        headers={
            "Authorization": f"Bearer {tokens.service_owner(ORG_AGENCY)}",
            "Content-Type": "multipart/form-data; boundary=B",
            "Apollo-Require-Preflight": "true",
        },
    )
    assert response.status_code == 400
    assert "Too many fields" in response.text
    assert sent < 100


async def test_missing_boundary_is_400(client: GraphQLClient, tokens: Tokens) -> None:
    response = await client.http.post(
        "/graphql",
        content=_part("operations", _operations()),
        headers={
            "Authorization": f"Bearer {tokens.service_owner(ORG_AGENCY)}",
            "Content-Type": "multipart/form-data",
            "Apollo-Require-Preflight": "true",
        },
    )
    assert response.status_code == 400


BAD_NAMES = {
    "empty": "",
    "too long": "a" * 252 + ".pdf",
    "slash": "dir/report.pdf",
    "backslash": "dir\\report.pdf",
    "colon": "c:report.pdf",
    "angle brackets": "<report>.pdf",
    "pipe": "a|b.pdf",
    "question mark": "what?.pdf",
    "asterisk": "*.pdf",
    "quote": 'say "hi".pdf',
    "control character": "report\x07.pdf",
    "newline": "report\n.pdf",
    "bidi override": "invoice\u202efdp.exe",
    "reserved name": "CON",
    "reserved with extension": "lpt1.txt",
    "trailing dot": "report.",
}


@pytest.mark.parametrize("case", sorted(BAD_NAMES))
async def test_bad_file_names_are_refused(client: GraphQLClient, tokens: Tokens, case: str) -> None:
    result = await client(
        "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }",
        {"input": attachment_input(fileName=BAD_NAMES[case])},
        token=tokens.service_owner(ORG_AGENCY),
    )
    assert result.codes == ["BAD_USER_INPUT"]
    assert result.fields == ["input.fileName"]
    assert await Attachment.all().count() == 0


@pytest.mark.parametrize("name", ["rapport 2024 (endelig).pdf", "ÆØÅ-brev.docx", "a" * 251 + ".pdf", "CONTRACT.pdf"])
async def test_good_file_names_are_accepted(client: GraphQLClient, tokens: Tokens, name: str) -> None:
    created = await initialize(client, tokens.service_owner(ORG_AGENCY), fileName=name)
    assert created["fileName"] == name


async def test_every_input_error_is_reported_with_its_field(client: GraphQLClient, tokens: Tokens) -> None:
    result = await client(
        "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }",
        {
            "input": attachment_input(
                resourceId="no-such-resource",
                sendersReference="",
                checksum="xyz",
                expirationInDays=0,
                displayName="d" * 256,
            )
        },
        token=tokens.service_owner(ORG_AGENCY),
    )
    assert sorted(result.fields) == [
        "input.checksum",
        "input.displayName",
        "input.expirationInDays",
        "input.resourceId",
        "input.sendersReference",
    ]
    assert set(result.codes) == {"BAD_USER_INPUT"}


class _ProbingStorage(FileSystemStorage):
    """File storage that, as an upload starts writing, checks that the database takes another writer: no unit of
    work holds a transaction (on SQLite, the write lock) while the bytes are stored."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.probed = False

    async def put(self, key: str, blocks: AsyncIterable[bytes]) -> None:
        # A fresh context: the probe joins no transaction of the request; it must get through within seconds.
        probe = asyncio.create_task(
            Person.create(national_identity_number=PERSON_A, name="Probe"), context=contextvars.Context()
        )
        await asyncio.wait_for(probe, timeout=3)
        self.probed = True
        await super().put(key, blocks)


async def test_bytes_are_stored_while_no_transaction_is_open(
    client: GraphQLClient, tokens: Tokens, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = _ProbingStorage(settings.data_dir / "attachments")
    probing = Vault(storage, load_keyring(settings))
    monkeypatch.setattr(attachment_resolvers, "vault", lambda _: probing)

    result = await multipart_upload(client, tokens.service_owner(ORG_AGENCY), b"small file")

    assert result.data["uploadAttachment"]["status"] == "PUBLISHED"
    assert storage.probed
    assert await Person.exists(national_identity_number=PERSON_A)
