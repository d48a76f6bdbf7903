"""The body's HTML: rendered once when sent and stored, never on a read; remote images as links; rows from before
the column backfilled by the sweep; a pathological body stalls no request of a live API."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from correspondence.correspondence import jobs as jobs
from correspondence.correspondence.models import Correspondence
from tests.fixtures.processes import ApiProcess, healthz_latencies, ready, start_api
from tests.fixtures.world import World
from tests.helpers import PERSON_A

# markdown-it-py needs about 0.35 s of pure Python for one of these (30,000 characters, the most a body may have).
PATHOLOGICAL = "![" * 15_000
BODY_HTML = "query($id: ID!) { correspondence(id: $id) { bodyHtml } }"
PAGE = "{ correspondences(first: 100) { edges { node { id bodyHtml } } } }"


def content(body: str) -> dict[str, str]:
    return {"language": "nb", "messageTitle": "Brev", "messageBody": body}


async def body_html(world: World, correspondence_id: str) -> str:
    result = await world.client(BODY_HTML, {"id": correspondence_id}, token=world.person(PERSON_A))
    return str(result.data["correspondence"]["bodyHtml"])


@pytest.mark.dialect_independent
async def test_the_body_is_rendered_when_sent_and_read_as_stored(world: World) -> None:
    correspondence_id = await world.published_id(content=content("# Hei\n\nLes **dette**."))

    stored = await Correspondence.get(id=correspondence_id)
    assert stored.body_html == "<h1>Hei</h1>\n<p>Les <strong>dette</strong>.</p>\n"
    await Correspondence.filter(id=correspondence_id).update(body_html="<p>lagret</p>")
    assert await body_html(world, correspondence_id) == "<p>lagret</p>"  # read as stored, not rendered again


@pytest.mark.dialect_independent
async def test_remote_images_are_links_never_images(world: World) -> None:
    """An <img> would load from a third party as the letter is opened and tell it who read what, and when."""
    body = "Se ![kartet *her*](https://tracker.example/pixel.png?reader=1) og ![](https://tracker.example/b.gif)"
    correspondence_id = await world.published_id(content=content(body))

    shown = await body_html(world, correspondence_id)

    assert "<img" not in shown
    assert '<a href="https://tracker.example/pixel.png?reader=1" rel="noopener noreferrer nofollow">kartet her</a>' in (
        shown
    )
    assert '<a href="https://tracker.example/b.gif" rel="noopener noreferrer nofollow">' in shown


@pytest.mark.dialect_independent
async def test_the_sweep_renders_bodies_sent_before_they_were_rendered_at_send(world: World) -> None:
    correspondence_id = await world.published_id(content=content("Hei **Kari** <3"))
    await Correspondence.filter(id=correspondence_id).update(body_html=None)  # as migration 4 leaves old rows

    assert await body_html(world, correspondence_id) == "<p>Hei **Kari** &lt;3</p>"  # escaped text, not rendered
    assert await jobs.render_bodies_sent_before_rendering() == 1
    assert await body_html(world, correspondence_id) == "<p>Hei <strong>Kari</strong> &lt;3</p>\n"
    assert await jobs.render_bodies_sent_before_rendering() == 0


@pytest.mark.dialect_independent
async def test_a_purge_removes_the_stored_html_with_the_body(world: World) -> None:
    (correspondence_id,) = await world.sent_ids(content=content("Hemmelig **innhold**"))
    purge = "mutation($id: ID!) { purgeCorrespondence(id: $id) { id } }"
    await world.client(purge, {"id": correspondence_id}, token=world.agency)

    stored = await Correspondence.get(id=correspondence_id)
    assert (stored.message_body, stored.body_html) == ("", "")
    assert await jobs.render_bodies_sent_before_rendering() == 0


@pytest.fixture
async def api(database: str, redis_url: str, data_dir: Path) -> AsyncIterator[ApiProcess]:
    environment = {
        "CORRESPONDENCE_DATABASE_URL": database,
        "CORRESPONDENCE_REDIS_URL": redis_url,
        "CORRESPONDENCE_DATA_DIR": str(data_dir),
    }
    process = start_api(environment, data_dir, "markdown")
    try:
        await ready(process)
        yield process
    finally:
        process.stop()


@pytest.mark.dialect_independent
async def test_pathological_bodies_stall_no_request_of_a_live_api(world: World, api: ApiProcess) -> None:
    """Pages of bodies that take markdown-it-py a third of a second each, read and sent while /healthz is polled:
    reads render nothing, and a send renders in a worker thread."""
    for index in range(8):  # distinct bodies: a cache of rendered bodies would hide renders on the read path
        await world.published_id(content=content(f"{index} {PATHOLOGICAL}"[:30_000]))
    reader = {"Authorization": f"Bearer {world.person(PERSON_A)}"}
    sender = {"Authorization": f"Bearer {world.agency}"}
    send = {
        "query": "mutation($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) { correspondences "
        "{ id } } }",
        "variables": {"input": world.input(content=content("new " + PATHOLOGICAL[:29_990]))},
    }
    async with httpx.AsyncClient(timeout=60) as http:
        probing, done = threading.Event(), threading.Event()
        probe = asyncio.create_task(asyncio.to_thread(healthz_latencies, api.url, probing, done))
        assert await asyncio.to_thread(probing.wait, 10)
        pages = [http.post(f"{api.url}/graphql", json={"query": PAGE}, headers=reader) for _ in range(4)]
        sends = [http.post(f"{api.url}/graphql", json=send, headers=sender) for _ in range(2)]
        try:
            responses = await asyncio.gather(*pages, *sends)
        finally:
            done.set()
        slowest = max(await probe)

    for response in responses[:4]:
        edges = response.json()["data"]["correspondences"]["edges"]
        assert len(edges) == 8 and all("<img" not in e["node"]["bodyHtml"] for e in edges)
    assert all(len(r.json()["data"]["sendCorrespondence"]["correspondences"]) == 1 for r in responses[4:])
    assert slowest < 0.1, f"/healthz took {slowest * 1000:.0f} ms"
