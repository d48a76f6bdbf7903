"""Load gate (issue: hardening), after Altinn's own k6 gate: mixed work from concurrent users for minutes.

    uv run python bench/load.py [--users 20] [--minutes 15 | --seconds 60] [--think 1]

Recreates the PostgreSQL database `correspondence_load` (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432)
with one agency and its resource and a registry of a few hundred persons, each with a KRR e-mail address; starts an
SMTP sink (bench/smtp_sink.py), one `correspondence api` and one `correspondence worker` (dev mode, Redis at
BENCH_REDIS_URL, default redis://127.0.0.1:6379/13, flushed first). The API and the worker run on CPU 0 (taskset),
this load generator and the sink on CPU 1. Each virtual user is one person; per iteration, weighted like real
traffic (more reading than sending):

- every fourth iteration, the agency sends a correspondence with an e-mail notification to 1–20 persons, the
  user among them (`sendCorrespondence`);
- the user reads the first inbox page (`correspondences(first: 20)`), searches it (`search`), opens an unread item
  (`correspondence(id)`), marks it read (`markCorrespondenceRead`) and reads the inbox page again.

After each of its requests a user looks at the answer for 0.5–1.5 × `--think` seconds (default 1, as k6 scripts
`sleep(1)`), so the gate measures latency under the traffic of 20 people rather than of 20 clients in a tight loop;
`--think 0` is that tight loop, a saturation test, where latency is concurrency over throughput (Little's law) and
no single-core server meets the p99 target. A request fails when it does not answer 200 within 30 s or its answer
carries `errors`. Prints, per operation, requests, failed requests and p50/p95/p99 latency, then the e-mails at
the sink against those the sends asked for.

Targets: 0 failed requests (the exit code is 1 otherwise); inbox page p99 < 100 ms. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis.asyncio as redis
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import UNLIMITED, WORDS, national_identity_numbers, percentile, start, wait_ready  # noqa: E402

from correspondence.adapters.local_ports import free_port  # noqa: E402
from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.kit import clock, db  # noqa: E402
from correspondence.registry.models import Contact, Organization, Person, Resource  # noqa: E402
from correspondence.settings import Settings  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE_NAME = "correspondence_load"
DATABASE = f"{SERVER}/{DATABASE_NAME}"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
AGENCY, RESOURCE = "974760673", "bench-load"
PERSONS, MAX_RECIPIENTS, SEND_EVERY = 300, 20, 4
REQUEST_TIMEOUT = 30.0
# A bound on each user's loop besides the clock: no run, however long, sends more than this per user.
MAX_ITERATIONS = 1_000_000
MAIL_DRAIN_SECONDS, MAIL_POLL_SECONDS = 60.0, 0.5
TARGET_INBOX_P99 = 0.100
console = Console()

SEND = """mutation Send($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id } } }"""
INBOX = """query Inbox($search: String) { correspondences(first: 20, search: $search) {
  totalCount edges { node { id status senderName content { messageTitle } } } } }"""
OPEN = """query Open($id: ID!) { correspondence(id: $id) {
  id status senderName bodyHtml content { messageTitle messageBody } } }"""
MARK_READ = """mutation Read($id: ID!) { markCorrespondenceRead(id: $id) { id status } }"""
OPERATIONS = ("send", "inbox page", "search", "open", "mark read")


@dataclass
class Measure:
    """Every request of one operation: its latency in seconds, and how many failed."""

    latencies: list[float] = field(default_factory=list)
    failed: int = 0


@dataclass
class Recorder:
    measures: defaultdict[str, Measure] = field(default_factory=lambda: defaultdict(Measure))
    first_failures: list[str] = field(default_factory=list)
    mails_asked: int = 0

    def failure(self, operation: str, reason: str) -> None:
        self.measures[operation].failed += 1
        if len(self.first_failures) < 5:
            self.first_failures.append(f"{operation}: {reason[:300]}")


class Client:
    """Posts GraphQL as one principal and records each request under its operation's name."""

    def __init__(self, http: httpx.AsyncClient, token: str, recorder: Recorder) -> None:
        self.http = http
        self.headers = {"Authorization": f"Bearer {token}"}
        self.recorder = recorder

    async def post(self, operation: str, query: str, variables: dict[str, Any]) -> dict[str, Any] | None:
        started = time.perf_counter()
        try:
            response = await self.http.post(
                "/graphql", json={"query": query, "variables": variables}, headers=self.headers
            )
        except httpx.HTTPError as error:
            self.recorder.measures[operation].latencies.append(time.perf_counter() - started)
            self.recorder.failure(operation, f"{type(error).__name__}: {error}")
            return None
        self.recorder.measures[operation].latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            self.recorder.failure(operation, f"HTTP {response.status_code}: {response.text}")
            return None
        body: dict[str, Any] = response.json()
        if body.get("errors"):
            self.recorder.failure(operation, str(body["errors"]))
            return None
        data: dict[str, Any] = body["data"]
        return data


def unread_first(inbox: dict[str, Any] | None) -> str | None:
    """The id of the first unread item of an inbox page, else of its first item; None for an empty page."""
    if inbox is None:
        return None
    nodes = [edge["node"] for edge in inbox["correspondences"]["edges"]]
    unread = [node for node in nodes if node["status"] != "READ"]
    chosen = unread or nodes
    return str(chosen[0]["id"]) if chosen else None


async def virtual_user(
    number: int, person: str, others: list[str], agency: Client, reader: Client, deadline: float, think: float
) -> None:
    rng = random.Random(number)

    async def read(operation: str, query: str, variables: dict[str, Any]) -> dict[str, Any] | None:
        """One request of the reader, then the time a person takes to look at the answer (0.5–1.5 × `think`)."""
        data = await reader.post(operation, query, variables)
        if think > 0:
            await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        return data

    await asyncio.sleep(think * rng.random())  # people arrive spread over a moment, not all in one instant
    for iteration in range(MAX_ITERATIONS):
        if time.perf_counter() >= deadline:
            return
        if iteration % SEND_EVERY == 0:
            recipients = [person, *rng.sample(others, rng.randint(1, MAX_RECIPIENTS) - 1)]
            title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}-{iteration}"
            content = {"language": "nb", "messageTitle": title, "messageBody": f"Hei. Dette gjelder **{title}**."}
            sent = await agency.post(
                "send",
                SEND,
                {
                    "input": {
                        "resourceId": RESOURCE,
                        "sendersReference": f"load-{number}-{iteration}",
                        "recipients": recipients,
                        "content": content,
                        "notification": {"channel": "EMAIL"},
                    }
                },
            )
            if sent is not None:
                agency.recorder.mails_asked += len(recipients)
        chosen = unread_first(await read("inbox page", INBOX, {"search": None}))
        await read("search", INBOX, {"search": rng.choice(WORDS)})
        if chosen is not None:  # the first sends may not be published yet
            await read("open", OPEN, {"id": chosen})
            await read("mark read", MARK_READ, {"id": chosen})
        await read("inbox page", INBOX, {"search": None})


async def fresh_database(persons: list[str]) -> None:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    await admin.close()
    db.migrate(DATABASE)
    confirmed = clock.now() - timedelta(days=30)
    async with db.orm(DATABASE):
        await Organization.create(organization_number=AGENCY, name="Benchmark-etaten")
        await Resource.create(resource_id=RESOURCE, owner_organization_number=AGENCY, title_nb="Lastprøve")
        await Person.bulk_create([Person(national_identity_number=p, name=f"Person {p}") for p in persons])
        await Contact.bulk_create(
            [Contact(national_identity_number=p, email=f"{p}@example.no", last_confirmed=confirmed) for p in persons]
        )


def start_sink(port: int, log: Path) -> subprocess.Popen[str]:
    """The SMTP sink on the load generator's core; it appends one line per accepted mail to `log`."""
    sink = subprocess.Popen(
        ["taskset", "-c", "1", sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(port), str(log)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert sink.stdout is not None
    if "ready" not in sink.stdout.readline():
        sink.kill()
        sys.exit("the SMTP sink did not start")
    return sink


def mails_at(log: Path) -> int:
    with log.open("rb") as lines:
        return sum(1 for _ in lines)


async def drain_mails(log: Path, expected: int) -> int:
    """Waits (bounded) until the worker has delivered the mails the sends asked for; returns how many arrived."""
    for _ in range(int(MAIL_DRAIN_SECONDS / MAIL_POLL_SECONDS)):
        if mails_at(log) >= expected:
            break
        await asyncio.sleep(MAIL_POLL_SECONDS)
    return mails_at(log)


async def run(users: int, seconds: float, think: float) -> bool:
    os.sched_setaffinity(0, {1})  # the load generator on the other core
    persons = national_identity_numbers(PERSONS)
    console.print(f"Creating {DATABASE_NAME} with {PERSONS} persons, each with a KRR e-mail address …")
    await fresh_database(persons)
    queue = redis.from_url(REDIS)
    await queue.flushdb()  # no jobs left over from an earlier run against a database that no longer exists
    await queue.aclose()
    with tempfile.TemporaryDirectory(prefix="bench-load-") as directory:
        data_dir = Path(directory)
        settings = Settings(_env_file=None, data_dir=data_dir, dev_mode=True)  # type: ignore[call-arg]
        ensure_dev_keys(settings.dev_key_dir)
        smtp_port, api_port = free_port(), free_port()
        environment = {
            **os.environ,
            **UNLIMITED,
            "CORRESPONDENCE_DATA_DIR": str(data_dir),
            "CORRESPONDENCE_DATABASE_URL": DATABASE,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_DEV_MODE": "true",
            "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
            "CORRESPONDENCE_SMTP_PORT": str(smtp_port),
        }
        mail_log = data_dir / "mails.log"
        mail_log.touch()
        sink = start_sink(smtp_port, mail_log)
        processes = [
            start(["api", "--port", str(api_port)], environment, data_dir / "api.log", cpu=0),
            start(["worker"], environment, data_dir / "worker.log", cpu=0),
        ]
        base = f"http://127.0.0.1:{api_port}"
        recorder = Recorder()
        try:
            await wait_ready(base, processes[0])
            agency_token = mint_dev_token(
                settings,
                {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"},
                3600,
            )
            limits = httpx.Limits(max_connections=users + 1, max_keepalive_connections=users + 1)
            async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits) as http:
                agency = Client(http, agency_token, recorder)
                readers = [
                    Client(
                        http,
                        mint_dev_token(settings, {"pid": p, "scope": "altinn:correspondence.read"}, 3600),
                        recorder,
                    )
                    for p in persons[:users]
                ]
                console.print(f"{users} users, think time {think:g} s, for {seconds:.0f} s against {base} …")
                began = time.perf_counter()
                deadline = began + seconds
                await asyncio.gather(
                    *(
                        virtual_user(n, persons[n], persons[:n] + persons[n + 1 :], agency, reader, deadline, think)
                        for n, reader in enumerate(readers)
                    )
                )
                elapsed = time.perf_counter() - began
            arrived = await drain_mails(mail_log, recorder.mails_asked)
        finally:
            for process in [*processes, sink]:
                process.terminate()
            for process in [*processes, sink]:
                process.wait(30)
    return report(recorder, users, think, elapsed, arrived)


def report(recorder: Recorder, users: int, think: float, elapsed: float, arrived: int) -> bool:
    table = Table(title=f"{users} users, think time {think:g} s, {elapsed:.0f} s, api + worker on PostgreSQL")
    for column in ("operation", "requests", "failed", "req/s", "p50 ms", "p95 ms", "p99 ms"):
        table.add_column(column, justify="left" if column == "operation" else "right")
    for operation in OPERATIONS:
        measure = recorder.measures[operation]
        if not measure.latencies:
            table.add_row(operation, "0", str(measure.failed), "", "", "", "")
            continue
        table.add_row(
            operation,
            f"{len(measure.latencies):,}",
            str(measure.failed),
            f"{len(measure.latencies) / elapsed:,.1f}",
            *(f"{percentile(measure.latencies, p) * 1000:.1f}" for p in (0.50, 0.95, 0.99)),
        )
    console.print(table)
    failed = sum(m.failed for m in recorder.measures.values())
    inbox = recorder.measures["inbox page"].latencies
    inbox_p99 = percentile(inbox, 0.99) if inbox else float("inf")
    console.print(f"failed requests: {failed} (target 0): {'met' if failed == 0 else 'NOT met'}")
    console.print(
        f"inbox page p99: {inbox_p99 * 1000:.1f} ms (target < {TARGET_INBOX_P99 * 1000:.0f} ms): "
        f"{'met' if inbox_p99 < TARGET_INBOX_P99 else 'NOT met'}"
    )
    console.print(f"e-mails at the sink: {arrived:,} of {recorder.mails_asked:,} asked for")
    for failure in recorder.first_failures:
        console.print(f"  first failures: {failure}", markup=False)
    return failed == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20, help="concurrent virtual users")
    duration = parser.add_mutually_exclusive_group()
    duration.add_argument("--minutes", type=float, default=15.0, help="of load (default 15)")
    duration.add_argument("--seconds", type=float, help="of load, instead of --minutes")
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds a user looks at an answer, on average (0: none)"
    )
    options = parser.parse_args()
    if options.think < 0:
        parser.error("--think must not be negative")
    if not 1 <= options.users <= PERSONS:
        parser.error(f"--users must be between 1 and {PERSONS}")
    seconds = options.seconds if options.seconds is not None else options.minutes * 60
    sys.exit(0 if asyncio.run(run(options.users, seconds, options.think)) else 1)


if __name__ == "__main__":
    main()
