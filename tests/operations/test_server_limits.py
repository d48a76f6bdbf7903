"""The HTTP server's deadlines and connection cap (contract §9), on a real uvicorn server and raw sockets: a slow
client loses its connection instead of holding it, and a stalled upload fails its attachment."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from urllib.parse import urlparse

import pytest
from arq.connections import ArqRedis

from correspondence.app import create_app
from correspondence.registry.models import Organization, Resource
from correspondence.settings import Settings
from tests.fixtures.client import http_client
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.live_server import live_server

HEADER_TIMEOUT = 0.5
BODY_TIMEOUT = 0.5
WITHIN = 3.0  # the deadline plus generous slack for a loaded machine; without the deadline: never


@pytest.fixture
async def server(settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[tuple[str, int]]:
    limited = settings.model_copy(
        update={"http_header_timeout_seconds": HEADER_TIMEOUT, "http_body_timeout_seconds": BODY_TIMEOUT}
    )
    async with live_server(create_app(limited), limited) as url:
        address = urlparse(url)
        yield str(address.hostname), int(address.port or 0)


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> float:
    """Seconds until the server closes the connection (reads to EOF, discarding any answer)."""
    started = time.monotonic()
    async with asyncio.timeout(seconds):
        while await reader.read(65536):
            pass
    return time.monotonic() - started


@pytest.mark.dialect_independent
async def test_a_client_that_never_completes_its_request_head_is_disconnected(server: tuple[str, int]) -> None:
    reader, writer = await asyncio.open_connection(*server)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: test\r\n")  # no blank line: the head never ends
    await writer.drain()
    assert await _closed_within(reader, WITHIN) >= HEADER_TIMEOUT * 0.9
    writer.close()


@pytest.mark.dialect_independent
async def test_a_head_trickled_byte_by_byte_is_cut_at_the_deadline(server: tuple[str, int]) -> None:
    # Each byte arrives well within the deadline; the deadline counts from the connection's start all the same.
    reader, writer = await asyncio.open_connection(*server)

    async def trickle() -> None:
        for byte in b"GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: " + b"a" * 1000:
            writer.write(bytes([byte]))
            await writer.drain()
            await asyncio.sleep(0.05)

    trickling = asyncio.create_task(trickle())
    try:
        await _closed_within(reader, WITHIN)
    finally:
        trickling.cancel()
        writer.close()


@pytest.mark.dialect_independent
async def test_a_complete_request_on_a_slow_connection_is_answered(server: tuple[str, int]) -> None:
    reader, writer = await asyncio.open_connection(*server)
    writer.write(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WITHIN)
    assert head.startswith(b"HTTP/1.1 200")
    writer.close()


async def test_a_stalled_upload_body_is_cut_and_fails_the_attachment(
    server: tuple[str, int], settings: Settings, tokens: Tokens
) -> None:
    await Organization.create(organization_number=ORG_AGENCY, name="Skatteetaten")
    await Resource.create(resource_id="tax-letter", owner_organization_number=ORG_AGENCY, title_nb="Skattebrev")
    token = tokens.service_owner(ORG_AGENCY)
    async with http_client(settings) as http:
        client = GraphQLClient(http)
        created = await client(
            "mutation($input: AttachmentInput!) { initializeAttachment(input: $input) { id } }",
            {"input": {"resourceId": "tax-letter", "fileName": "report.pdf", "sendersReference": "ref-1"}},
            token=token,
        )
        attachment_id = created.data["initializeAttachment"]["id"]

        reader, writer = await asyncio.open_connection(*server)
        writer.write(
            f"PUT /attachments/{attachment_id}/content HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\n"
            "Content-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n".encode()
            + b"x" * 1000  # a tenth of what it announced, then nothing
        )
        await writer.drain()
        await _closed_within(reader, WITHIN)
        writer.close()

        status = await _status_once_settled(client, token, attachment_id)
    assert status["status"] == "FAILED"
    assert "stalled" in status["statusText"]


async def _status_once_settled(client: GraphQLClient, token: str, attachment_id: str) -> dict[str, str]:
    query = "query($id: ID!) { attachment(id: $id) { status statusText } }"
    async with asyncio.timeout(WITHIN):
        while True:  # the server settles the upload right after it closed the connection
            status: dict[str, str] = (await client(query, {"id": attachment_id}, token=token)).data["attachment"]
            if status["status"] != "UPLOAD_PROCESSING":
                return status
            await asyncio.sleep(0.02)


@pytest.mark.dialect_independent
async def test_connections_over_the_cap_are_answered_503(settings: Settings, redis_pool: ArqRedis) -> None:
    capped = settings.model_copy(update={"http_max_connections": 2})
    async with live_server(create_app(capped), capped) as url:
        address = urlparse(url)
        held = [await asyncio.open_connection(address.hostname, address.port) for _ in range(2)]
        reader, writer = await asyncio.open_connection(address.hostname, address.port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WITHIN)
        assert head.startswith(b"HTTP/1.1 503")
        for _, held_writer in [*held, (reader, writer)]:
            held_writer.close()
