"""Inbox benchmark (issue: correspondence lifecycle).

Fills PostgreSQL with 1,000,000 correspondences for 100,000 recipients, one of whom has a 2,000-item mailbox (COPY,
reused between runs), then loads `correspondences(first: 20)` for that mailbox with and without `search` from 8
concurrent clients, against the service and, in the same run, against a bare starlette + asyncpg endpoint doing
the same work by hand; the two take turns for a few rounds. Prints req/s, p50, p99 and the ratio (overall and per
round); then times `sendCorrespondence` to 500 recipients.

Targets: ratio >= 0.4, p99 < 100 ms; send to 500 < 2 s.

`--summary` instead measures `inboxSummary` (issue 17) for a reader with 100,000 letters of its own (a database
of its own, 300,000 letters in all): the query plan, the bare SQL's timing, and the field's p50/p99 from one
client and from 4. Target: p99 < 20 ms.

Usage: uv run python bench/inbox.py [--seconds 5] [--rounds 3] [--summary]
(needs PostgreSQL and Redis on 127.0.0.1). Never part of CI.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import UNLIMITED, WORDS  # noqa: E402

from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.kit import db  # noqa: E402
from correspondence.kit.identifiers import _ORG_WEIGHTS, _mod11  # noqa: E402
from correspondence.settings import Settings  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = f"{SERVER}/correspondence_bench"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/15")
DATA_DIR = ROOT / "bench" / ".data"
READER = "01010112377"
AGENCY = "974760673"
TOTAL, RECIPIENTS, MAILBOX = 1_000_000, 100_000, 2_000
console = Console()

QUERY = """query Inbox($search: String) { correspondences(first: 20, search: $search) {
  totalCount edges { node { id status senderName content { messageTitle }
  attachments { id fileName size downloadUrl } } } } }"""
ATTACHMENTS = ("vedtak.pdf", "vedlegg.xlsx")  # linked to every item of the benchmark mailbox


async def ensure_database() -> None:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = 'correspondence_bench'"):
        await admin.execute('CREATE DATABASE "correspondence_bench"')
    await admin.close()
    db.migrate(DATABASE)


def valid_orgnos(count: int, start: int = 93000000) -> list[str]:
    numbers, n = [], start
    while len(numbers) < count:
        check = _mod11(str(n), _ORG_WEIGHTS)
        if check is not None:
            numbers.append(f"{n}{check}")
        n += 1
    return numbers


def rows(start: datetime) -> object:
    rng = random.Random(42)
    reader = f"urn:altinn:person:identifier-no:{READER}"
    for i in range(TOTAL):
        recipient = reader if i < MAILBOX else f"urn:altinn:person:identifier-no:9{i % RECIPIENTS:010d}"
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}"
        published = start + timedelta(seconds=i)
        yield (
            uuid.UUID(int=rng.getrandbits(128), version=4),
            "bench-letter",
            f"urn:altinn:organization:identifier-no:{AGENCY}",
            "Benchmark-etaten",
            f"ref-{i}",
            recipient,
            "nb",
            title,
            None,
            f"Hei. Dette gjelder {rng.choice(WORDS)} og {rng.choice(WORDS)}.",
            published,
            False,
            False,
            False,
            "{}",
            "[]",
            "[]",
            published,
            False,
            "PUBLISHED",
            False,
            False,
            published,
            datetime(9999, 12, 31, tzinfo=UTC),
            False,
            False,
        )


COLUMNS = [
    "id",
    "resource_id",
    "sender",
    "sender_name",
    "senders_reference",
    "recipient",
    "language",
    "message_title",
    "message_summary",
    "message_body",
    "published",
    "is_confirmation_needed",
    "is_confidential",
    "ignore_reservation",
    "property_list",
    "external_references",
    "reply_options",
    "created",
    "is_archived",
    "status",
    "is_read",
    "is_confirmed",
    "publish_at",
    "sort_due",
    "due_processed",
    "content_purged",
]


async def fill() -> None:
    connection = await asyncpg.connect(DATABASE)
    try:
        existing = await connection.fetchval("SELECT count(*) FROM correspondence WHERE resource_id = 'bench-letter'")
        if existing >= TOTAL:
            console.print(f"Reusing {existing:,} correspondences in correspondence_bench")
            return
        await connection.execute("DELETE FROM correspondence WHERE resource_id = 'bench-letter'")
        source = rows(datetime(2025, 1, 1, tzinfo=UTC))
        with Progress(console=console) as progress:
            task = progress.add_task("COPY correspondences", total=TOTAL)
            while True:
                batch = [r for _, r in zip(range(50_000), source, strict=False)]
                if not batch:
                    break
                await connection.copy_records_to_table("correspondence", records=batch, columns=COLUMNS)
                progress.advance(task, len(batch))
        # COPY leaves the visibility map empty: without VACUUM no index-only scan, and the first runs set hint bits.
        await connection.execute("VACUUM ANALYZE correspondence")
    finally:
        await connection.close()


async def attach() -> None:
    """Give every item of the benchmark mailbox two attachments (reused between runs)."""
    connection = await asyncpg.connect(DATABASE)
    try:
        if await connection.fetchval("SELECT count(*) FROM correspondence_attachment") >= MAILBOX * len(ATTACHMENTS):
            return
        now = datetime.now(UTC)
        ids = [uuid.uuid4() for _ in ATTACHMENTS]
        await connection.executemany(
            "INSERT INTO attachment (id, resource_id, sender, file_name, senders_reference, data_location_type, "
            "is_encrypted, created, status, status_changed, size, has_content, checksum) "
            "VALUES ($1, 'bench-letter', $2, $3, 'bench', 'ALTINN_CORRESPONDENCE_ATTACHMENT', false, $4, 'PUBLISHED', "
            "$4, 123456, true, 'd41d8cd98f00b204e9800998ecf8427e')",
            [
                (i, f"urn:altinn:organization:identifier-no:{AGENCY}", name, now)
                for i, name in zip(ids, ATTACHMENTS, strict=True)
            ],
        )
        mailbox = await connection.fetch(
            "SELECT id FROM correspondence WHERE recipient = $1", f"urn:altinn:person:identifier-no:{READER}"
        )
        await connection.copy_records_to_table(
            "correspondence_attachment",
            records=[(row["id"], i, position) for row in mailbox for position, i in enumerate(ids)],
            columns=["correspondence_id", "attachment_id", "position"],
        )
    finally:
        await connection.close()


async def registry(orgnos: list[str]) -> None:
    connection = await asyncpg.connect(DATABASE)
    await connection.execute("INSERT INTO person VALUES ($1, 'Bench Reader') ON CONFLICT DO NOTHING", READER)
    await connection.executemany(
        "INSERT INTO organization (organization_number, name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        [(AGENCY, "Benchmark-etaten")] + [(o, f"Org {o}") for o in orgnos],
    )
    await connection.execute(
        "INSERT INTO resource (resource_id, owner_organization_number, title_nb, is_confidential) "
        "VALUES ('bench-letter', $1, 'Benchmark', false) ON CONFLICT DO NOTHING",
        AGENCY,
    )
    await connection.close()


def start(command: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(["taskset", "-c", "0", *command], env={**os.environ, **env}, cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/graphql", timeout=0.5)
            return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server on port {port} did not start")


@dataclass
class Sample:
    """Requests answered over some seconds of load, and each one's latency."""

    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def add(self, other: Sample) -> None:
        self.requests += other.requests
        self.seconds += other.seconds
        self.latencies += other.latencies

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: int) -> float:
        return statistics.quantiles(self.latencies, n=100)[p - 1] * 1000


async def load(url: str, token: str, search: str | None, seconds: float, clients: int = 8) -> Sample:
    sample = Sample()
    body = {"query": QUERY, "variables": {"search": search}}
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.perf_counter() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await http.post(url, json=body, headers=headers)
            sample.latencies.append(time.perf_counter() - started)
            assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=clients)) as http:
        await client_warmup(http, url, body, headers)
        begun = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        sample.seconds = time.perf_counter() - begun
    sample.requests = len(sample.latencies)
    return sample


async def client_warmup(http: httpx.AsyncClient, url: str, body: dict[str, object], headers: dict[str, str]) -> None:
    for _ in range(20):
        await http.post(url, json=body, headers=headers)


async def time_send(url: str, token: str, orgnos: list[str]) -> float:
    mutation = """mutation($input: SendCorrespondenceInput!) {
      sendCorrespondence(input: $input) { correspondences { id } } }"""
    variables = {
        "input": {
            "resourceId": "bench-letter",
            "sendersReference": "bench-send",
            "recipients": orgnos,
            "content": {"language": "nb", "messageTitle": "Til alle", "messageBody": "Hei **alle**"},
        }
    }
    timings = []
    async with httpx.AsyncClient(timeout=60) as http:
        for _ in range(3):
            started = time.perf_counter()
            response = await http.post(
                url, json={"query": mutation, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
            )
            timings.append(time.perf_counter() - started)
            assert len(response.json()["data"]["sendCorrespondence"]["correspondences"]) == len(orgnos), response.text[
                :300
            ]
    return statistics.median(timings)


async def main(seconds: float, rounds: int) -> None:
    os.sched_setaffinity(0, {1})  # the load generator on the other core
    await ensure_database()
    await fill()
    await attach()
    orgnos = valid_orgnos(500)
    await registry(orgnos)
    settings = Settings(_env_file=None, data_dir=DATA_DIR, dev_mode=True)  # type: ignore[call-arg]
    ensure_dev_keys(settings.dev_key_dir)
    reader = mint_dev_token(settings, {"pid": READER, "scope": "altinn:correspondence.read"}, 3600)
    sender = mint_dev_token(
        settings, {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"}, 3600
    )
    env = {
        **UNLIMITED,
        "CORRESPONDENCE_DATABASE_URL": DATABASE,
        "CORRESPONDENCE_REDIS_URL": REDIS,
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_DATA_DIR": str(DATA_DIR),
    }
    # Both servers run side by side on the same core and take turns, round after round: drift in the machine
    # (other tenants, CPU frequency) then weighs on both, and the ratio compares like with like.
    service = start([sys.executable, "bench/serve.py", "8811"], 8811, env)
    bare = start(
        [sys.executable, "bench/bare_inbox.py", "8812", DATABASE, str(settings.dev_key_dir / "jwks.json")], 8812, env
    )
    targets = {"service": "http://127.0.0.1:8811/graphql", "bare": "http://127.0.0.1:8812/graphql"}
    totals: dict[str, Sample] = {}
    round_ratios: dict[str, list[float]] = {"plain": [], "search": []}
    try:
        for _ in range(rounds):
            for label, search in (("plain", None), ("search", "skatt")):
                rates = {}
                for name, url in targets.items():
                    sample = await load(url, reader, search, seconds)
                    totals.setdefault(f"{name} {label}", Sample()).add(sample)
                    rates[name] = sample.rate
                round_ratios[label].append(rates["service"] / rates["bare"])
        send_seconds = await time_send(targets["service"], sender, orgnos)
    finally:
        for process in (service, bare):
            process.terminate()
            process.wait()

    table = Table(title=f"correspondences(first: 20), 8 clients, {rounds} rounds of {seconds:.0f} s each")
    for column in ("run", "req/s", "p50 ms", "p99 ms"):
        table.add_column(column)
    for label, sample in totals.items():
        table.add_row(label, f"{sample.rate:,.0f}", f"{sample.percentile(50):.1f}", f"{sample.percentile(99):.1f}")
    console.print(table)
    for label in ("plain", "search"):
        ratio = totals[f"service {label}"].rate / totals[f"bare {label}"].rate
        rounds_text = ", ".join(f"{r:.2f}" for r in round_ratios[label])
        p99 = totals[f"service {label}"].percentile(99)
        console.print(
            f"{label}: ratio {ratio:.2f} (rounds {rounds_text}; target >= 0.4), p99 {p99:.1f} ms (target < 100 ms)"
        )
    console.print(f"sendCorrespondence to 500 recipients: {send_seconds:.2f} s median of 3 (target < 2 s)")


# --- inboxSummary (issue 17) -------------------------------------------------------------------------------------

SUMMARY_DATABASE = f"{SERVER}/correspondence_bench_summary"
SUMMARY_READER = "02020212317"
SUMMARY_MAILBOX, SUMMARY_TOTAL = 100_000, 300_000
SUMMARY_QUERY = "query { inboxSummary { party name unread total awaitingConfirmation } }"


def summary_rows(start: datetime) -> object:
    """The reader's 100,000 letters (a tenth unread, a fiftieth awaiting confirmation), then 200,000 for others."""
    reader = f"urn:altinn:person:identifier-no:{SUMMARY_READER}"
    for row in rows(start):
        i = int(row[4].removeprefix("ref-"))  # type: ignore[index, attr-defined]
        if i >= SUMMARY_TOTAL:
            return
        recipient = reader if i < SUMMARY_MAILBOX else row[5]  # type: ignore[index]
        needs_confirmation = i < SUMMARY_MAILBOX and i % 50 == 0
        yield (*row[:5], recipient, *row[6:11], needs_confirmation, *row[12:20], i % 10 != 0, *row[21:])  # type: ignore[index]


async def fill_summary() -> None:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    if not await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = 'correspondence_bench_summary'"):
        await admin.execute('CREATE DATABASE "correspondence_bench_summary"')
    await admin.close()
    db.migrate(SUMMARY_DATABASE)
    connection = await asyncpg.connect(SUMMARY_DATABASE)
    try:
        if await connection.fetchval("SELECT count(*) FROM correspondence") < SUMMARY_TOTAL:
            await connection.execute("DELETE FROM correspondence")
            records = list(summary_rows(datetime(2025, 1, 1, tzinfo=UTC)))  # type: ignore[call-overload]
            await connection.copy_records_to_table("correspondence", records=records, columns=COLUMNS)
            await connection.execute("VACUUM ANALYZE correspondence")  # the visibility map an index-only scan needs
        await connection.execute(
            "INSERT INTO person VALUES ($1, 'Bench Reader') ON CONFLICT DO NOTHING", SUMMARY_READER
        )
    finally:
        await connection.close()


async def bare_summary(samples: int) -> tuple[str, Sample]:
    """The plan of the service's own statement (on the kept counters), and its latency over a bare asyncpg
    connection."""
    statement = (
        'SELECT "recipient", sum("total"), sum("unread"), sum("awaiting_confirmation") FROM "inbox_counter" '
        'WHERE "recipient" = $1 GROUP BY "recipient"'
    )
    reader = f"urn:altinn:person:identifier-no:{SUMMARY_READER}"
    connection = await asyncpg.connect(SUMMARY_DATABASE)
    try:
        plan = "\n".join(r[0] for r in await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", reader))
        sample = Sample()
        begun = time.perf_counter()
        for _ in range(samples):
            started = time.perf_counter()
            await connection.fetch(statement, reader)
            sample.latencies.append(time.perf_counter() - started)
        sample.seconds, sample.requests = time.perf_counter() - begun, samples
    finally:
        await connection.close()
    return plan, sample


async def load_summary(url: str, token: str, seconds: float, clients: int, query: str = SUMMARY_QUERY) -> Sample:
    sample = Sample()
    body = {"query": query}
    headers = {"Authorization": f"Bearer {token}"}
    deadline = time.perf_counter() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await http.post(url, json=body, headers=headers)
            sample.latencies.append(time.perf_counter() - started)
            data = response.json()["data"]
            assert query != SUMMARY_QUERY or data["inboxSummary"][0]["total"] == SUMMARY_MAILBOX, data

    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=clients)) as http:
        await client_warmup(http, url, body, headers)
        begun = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        sample.seconds = time.perf_counter() - begun
    sample.requests = len(sample.latencies)
    return sample


async def summary_main(seconds: float) -> None:
    os.sched_setaffinity(0, {1})
    await fill_summary()
    settings = Settings(_env_file=None, data_dir=DATA_DIR, dev_mode=True)  # type: ignore[call-arg]
    ensure_dev_keys(settings.dev_key_dir)
    reader = mint_dev_token(settings, {"pid": SUMMARY_READER, "scope": "altinn:correspondence.read"}, 3600)
    env = {
        **UNLIMITED,
        "CORRESPONDENCE_DATABASE_URL": SUMMARY_DATABASE,
        "CORRESPONDENCE_REDIS_URL": REDIS,
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_DATA_DIR": str(DATA_DIR),
    }
    plan, bare = await bare_summary(500)
    console.print(plan)
    service = start([sys.executable, "bench/serve.py", "8813"], 8813, env)
    try:
        url = "http://127.0.0.1:8813/graphql"
        # The floor: the same server answering a request that reads nothing (token, parsing, JSON).
        floor = await load_summary(url, reader, seconds, 1, "query { __typename }")
        results = {clients: await load_summary(url, reader, seconds, clients) for clients in (1, 4)}
    finally:
        service.terminate()
        service.wait()
    table = Table(title=f"inboxSummary, a reader with {SUMMARY_MAILBOX:,} letters ({SUMMARY_TOTAL:,} in all)")
    for column in ("run", "req/s", "p50 ms", "p99 ms"):
        table.add_column(column)
    table.add_row(
        "bare SQL, 1 connection", f"{bare.rate:,.0f}", f"{bare.percentile(50):.1f}", f"{bare.percentile(99):.1f}"
    )
    table.add_row(
        "service floor ({ __typename }), 1 client",
        f"{floor.rate:,.0f}",
        *(f"{floor.percentile(p):.1f}" for p in (50, 99)),
    )
    for clients, sample in results.items():
        row = (f"service, {clients} client(s)", f"{sample.rate:,.0f}")
        table.add_row(*row, f"{sample.percentile(50):.1f}", f"{sample.percentile(99):.1f}")
    console.print(table)
    console.print(f"p99 from 1 client: {results[1].percentile(99):.1f} ms (target < 20 ms)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="of load per server, query and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--summary", action="store_true", help="measure inboxSummary instead (issue 17)")
    arguments = parser.parse_args()
    if arguments.summary:
        asyncio.run(summary_main(arguments.seconds))
    else:
        asyncio.run(main(arguments.seconds, arguments.rounds))
