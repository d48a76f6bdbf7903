"""Against a real API process (uvicorn on a real socket): abusive documents do not stall the event loop, and the
endpoint passes the GraphQL-over-HTTP audit of the `graphql-http` package (issue 18, items 1 and 15)."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from correspondence.settings import Settings
from tests.fixtures.processes import ApiProcess, ready, start_api
from tests.graphql.test_document_bounds import SEPARATORS, pathological
from tests.helpers import PERSON_A, Tokens

pytestmark = pytest.mark.dialect_independent  # the endpoint's behaviour before any resolver reads a row

ATTACKERS = 8  # the report: 8 concurrent documents blocked /healthz for 7 s
ROUNDS = 5
HEALTHZ_BUDGET = 0.1
AUDIT = Path(__file__).parent / "audit"


@pytest.fixture(scope="module")
async def api(database: str, redis_url: str, data_dir: Path) -> AsyncIterator[ApiProcess]:
    environment = {
        "CORRESPONDENCE_DATABASE_URL": database,
        "CORRESPONDENCE_REDIS_URL": redis_url,
        "CORRESPONDENCE_DATA_DIR": str(data_dir),
    }
    process = start_api(environment, data_dir, "graphql")
    try:
        await ready(process)
        yield process
    finally:
        process.stop()


async def _attack(http: httpx.AsyncClient, attacker: int) -> list[int]:
    codes = []
    for round_ in range(ROUNDS):
        query = pathological(SEPARATORS[(attacker + round_) % len(SEPARATORS)])
        response = await http.post("/graphql", json={"query": query})
        codes.append(response.status_code)
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    return codes


async def _probe(http: httpx.AsyncClient, until: asyncio.Event) -> list[float]:
    latencies = []
    while not until.is_set():
        start = time.perf_counter()
        assert (await http.get("/healthz")).status_code == 200
        latencies.append(time.perf_counter() - start)
        await asyncio.sleep(0.01)
    return latencies


async def test_healthz_answers_while_pathological_documents_arrive(api: ApiProcess) -> None:
    async with httpx.AsyncClient(base_url=api.url, timeout=30) as http:
        await http.get("/healthz")  # connections and the first request's lazy work out of the measurement
        attack_over = asyncio.Event()
        probe = asyncio.create_task(_probe(http, attack_over))
        try:
            codes = await asyncio.gather(*(_attack(http, attacker) for attacker in range(ATTACKERS)))
        finally:
            attack_over.set()
        latencies = await probe
    assert {code for attacker in codes for code in attacker} == {200}
    assert latencies
    assert max(latencies) < HEALTHZ_BUDGET, sorted(latencies)[-5:]


@pytest.fixture(scope="module")
def graphql_http_audit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The audit script with its npm dependencies installed beside it, in a scratch directory."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed: the graphql-http audit needs them")
    directory = tmp_path_factory.mktemp("graphql-http-audit")
    for name in ("audit.mjs", "package.json"):
        shutil.copy(AUDIT / name, directory / name)
    install = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--silent"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if install.returncode != 0:
        pytest.skip(f"npm could not install graphql-http (no registry?): {install.stderr.strip()[-500:]}")
    return directory / "audit.mjs"


async def test_the_graphql_http_audit_finds_no_failure_and_no_warning(
    api: ApiProcess, graphql_http_audit: Path, data_dir: Path
) -> None:
    # The audit's requests carry a reader's token: without one, anything but the meta fields is refused
    # before validation (UNAUTHENTICATED), which the audit's validation checks cannot tell from a 400.
    token = Tokens(Settings(_env_file=None, data_dir=data_dir)).person(PERSON_A)
    audit = await asyncio.create_subprocess_exec(
        "node",
        str(graphql_http_audit),
        env={**os.environ, "GRAPHQL_URL": f"{api.url}/graphql", "GRAPHQL_TOKEN": token},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(audit.communicate(), timeout=120)
    assert audit.returncode == 0, stderr.decode()
    results = [json.loads(line) for line in stdout.decode().splitlines()]
    assert len(results) > 40
    failed = [f"{r['id']} {r['name']}: {r['reason']}" for r in results if r["status"] in {"error", "warn"}]
    assert failed == []
