"""Live-event fan-out benchmark (issue: live events).

    uv run python bench/events.py [--subscribers 1000] [--rounds 3]

Creates a fresh PostgreSQL database (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432) with one agency,
one organization and one person per subscriber, each with a role (REGN) in that organization; starts two
`correspondence api` processes and one `correspondence worker` (dev mode, the local Redis at BENCH_REDIS_URL,
default redis://127.0.0.1:6379/13); opens the websocket subscribers split evenly over the two API processes, each
subscribed to that organization's inbox; then, per round, sends one correspondence to the organization through
the first API process and measures, for every subscriber, the time from the mutation's answer to the receipt of
its PUBLISHED event. That path includes the publish job (arq polls for jobs every 0.5 s by default), so the
figures are also split at the event's `occurredAt` (written by the job): answer → job, and job → receipt.

Prints p50, p99 and max per round and over all rounds. Target: p99 < 1 s. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import UNLIMITED, national_identity_numbers, percentile, start, wait_ready  # noqa: E402

from correspondence.adapters.local_ports import free_port  # noqa: E402
from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.kit import db  # noqa: E402
from correspondence.registry.models import Organization, Person, Resource, Role  # noqa: E402
from correspondence.settings import Settings  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE_NAME = "correspondence_bench_events"
DATABASE = f"{SERVER}/{DATABASE_NAME}"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
AGENCY, COMPANY, RESOURCE = "974760673", "910000004", "bench-events"
TARGET_P99 = 1.0
CONNECT_CONCURRENCY = 50

SUBSCRIBE = """subscription Inbox($parties: [String!]) { correspondenceEvents(parties: $parties) {
  id type occurredAt correspondence { id messageSender content { messageTitle } } } }"""
SEND = """mutation Send($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id status } } }"""


async def fresh_database(pids: list[str]) -> None:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    await admin.close()
    db.migrate(DATABASE)
    async with db.orm(DATABASE):
        await Organization.create(organization_number=AGENCY, name="Benchmark-etaten")
        await Organization.create(organization_number=COMPANY, name="Bedrift AS")
        await Resource.create(resource_id=RESOURCE, owner_organization_number=AGENCY, title_nb="Benchmark-brev")
        await Person.bulk_create([Person(national_identity_number=p, name=f"Person {p}") for p in pids])
        await Role.bulk_create(
            [Role(national_identity_number=p, organization_number=COMPANY, role_code="REGN") for p in pids]
        )


async def subscribers_on(base: str) -> int:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"{base}/metrics")).text
    match = re.search(r"^correspondence_event_subscribers (\S+)$", text, re.MULTILINE)
    return int(float(match.group(1))) if match else 0


async def registered(base: str, expected: int, within: float = 60.0) -> None:
    """Until the API process has registered `expected` subscribers (a subscription registers asynchronously)."""
    deadline = time.monotonic() + within
    while (count := await subscribers_on(base)) < expected:
        if time.monotonic() > deadline:
            sys.exit(f"{base}: {count} subscribers registered, expected {expected}")
        await asyncio.sleep(0.1)


class Subscriber:
    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.received: asyncio.Queue[tuple[float, dict[str, Any]]] = asyncio.Queue()

    async def listen(self) -> None:
        async for raw in self.ws:
            received_at = time.time()  # first: the bench's own scheduling must not count against the server
            message = json.loads(raw)
            if message["type"] == "ping":
                await self.ws.send('{"type": "pong"}')
            elif message["type"] == "next":
                self.received.put_nowait((received_at, message["payload"]))
            else:
                raise RuntimeError(f"Unexpected message: {message}")


async def subscribe(url: str, token: str, gate: asyncio.Semaphore) -> Subscriber:
    async with gate:
        ws = await connect(url, subprotocols=[Subprotocol("graphql-transport-ws")], compression=None, open_timeout=30)
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
        ack = json.loads(await ws.recv())
        if ack["type"] != "connection_ack":
            raise RuntimeError(f"Refused: {ack}")
        variables = {"parties": [COMPANY]}
        await ws.send(
            json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": variables}})
        )
        return Subscriber(ws)


def describe(label: str, values: list[float]) -> str:
    return (
        f"{label:<26} p50 {percentile(values, 0.5) * 1000:7.1f} ms   p99 {percentile(values, 0.99) * 1000:7.1f} ms"
        f"   max {max(values) * 1000:7.1f} ms   (n={len(values)})"
    )


async def run(subscriber_count: int, rounds: int) -> bool:
    pids = national_identity_numbers(subscriber_count)
    print(f"Creating {DATABASE_NAME} with {subscriber_count} persons in one organization …", flush=True)
    await fresh_database(pids)
    with tempfile.TemporaryDirectory(prefix="bench-events-") as directory:
        data_dir = Path(directory)
        settings = Settings(_env_file=None, data_dir=data_dir, dev_mode=True)
        ensure_dev_keys(settings.dev_key_dir)
        environment = {
            **os.environ,
            **UNLIMITED,
            "CORRESPONDENCE_DATA_DIR": str(data_dir),
            "CORRESPONDENCE_DATABASE_URL": DATABASE,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_DEV_MODE": "true",
            "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
            "CORRESPONDENCE_EVENT_QUEUE_SIZE": "256",
        }
        ports = [free_port(), free_port()]
        processes = [start(["api", "--port", str(port)], environment, data_dir / f"api-{port}.log") for port in ports]
        processes.append(start(["worker"], environment, data_dir / "worker.log"))
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        subscribers: list[Subscriber] = []
        listeners: list[asyncio.Task[None]] = []
        try:
            for base, process in zip(bases, processes, strict=False):
                await wait_ready(base, process)
            tokens = [mint_dev_token(settings, {"pid": p, "scope": "altinn:correspondence.read"}, 3600) for p in pids]
            gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
            started = time.perf_counter()
            subscribers = list(
                await asyncio.gather(
                    *(
                        subscribe(f"ws://127.0.0.1:{ports[n % 2]}/graphql", token, gate)
                        for n, token in enumerate(tokens)
                    )
                )
            )
            listeners = [asyncio.create_task(s.listen()) for s in subscribers]
            for base, expected in zip(bases, ((len(tokens) + 1) // 2, len(tokens) // 2), strict=True):
                await registered(base, expected)
            print(f"{len(subscribers)} subscribers connected in {time.perf_counter() - started:.1f} s", flush=True)

            agency = mint_dev_token(
                settings,
                {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"},
                3600,
            )
            totals: list[float] = []
            async with httpx.AsyncClient(base_url=bases[0], timeout=30) as http:
                for round_number in range(1, rounds + 1):
                    body = {
                        "query": SEND,
                        "variables": {
                            "input": {
                                "resourceId": RESOURCE,
                                "sendersReference": f"bench-{round_number}",
                                "recipients": [COMPANY],
                                "content": {"language": "nb", "messageTitle": "Benchmark", "messageBody": "Hei"},
                            }
                        },
                    }
                    response = await http.post("/graphql", json=body, headers={"Authorization": f"Bearer {agency}"})
                    answered = time.time()
                    payload = response.json()
                    if payload.get("errors"):
                        raise RuntimeError(payload["errors"])
                    (sent,) = payload["data"]["sendCorrespondence"]["correspondences"]
                    receipts = await asyncio.wait_for(
                        asyncio.gather(*(s.received.get() for s in subscribers)), timeout=30
                    )
                    for _, event_payload in receipts:
                        event = event_payload["data"]["correspondenceEvents"]
                        assert event["correspondence"]["id"] == sent["id"] and event["type"] == "PUBLISHED"
                    occurred = datetime.fromisoformat(
                        receipts[0][1]["data"]["correspondenceEvents"]["occurredAt"]
                    ).timestamp()
                    latencies = [received_at - answered for received_at, _ in receipts]
                    fan_out = [received_at - occurred for received_at, _ in receipts]
                    totals += latencies
                    print(f"Round {round_number}: answer → publish job {max(occurred - answered, 0) * 1000:.0f} ms")
                    print("  " + describe("answer → receipt", latencies))
                    print("  " + describe("publish job → receipt", fan_out))
                    await asyncio.sleep(1)
            print(describe("All rounds, answer → receipt", totals))
            passed = percentile(totals, 0.99) < TARGET_P99
            print(f"Target p99 < {TARGET_P99:.0f} s: {'met' if passed else 'NOT met'}")
            return passed
        finally:
            for task in listeners:
                task.cancel()
            await asyncio.gather(*(s.ws.close() for s in subscribers), return_exceptions=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    sys.exit(0 if asyncio.run(run(options.subscribers, options.rounds)) else 1)


if __name__ == "__main__":
    main()
