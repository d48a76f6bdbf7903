"""Population-scale sending (issue 16, design §16): N letters with an e-mail notification, sent as
`sendCorrespondence` calls of 500 recipients by 4 concurrent senders, through separate `api` and worker processes
on PostgreSQL, to an SMTP sink in its own process.

Prints, from the same run:
- the end-to-end pace (first send → last e-mail at the sink) in letters/s, a bare aiosmtplib loop's pace to the
  same sink (one reused connection; run before and after the bulk, the better of the two counts), and their ratio
  (target ≥ 0.5);
- the time until every send was answered;
- a reader's inbox page (the `bench/inbox.py` query) while the bulk runs: p50/p99 (target p99 < 100 ms), also
  split into the reads while the sends were being answered (the api busy with them) and after;
- fairness: another organization's single letter, sent once the bulk is in the pipeline, until its e-mail is at
  the sink (target < 2 s);
- where the worker's time goes: per job type, count and total run time (jobs overlap: up to 20 run at once);
- the CPU seconds of each process (sink, api, workers, PostgreSQL's backends, this client) while it ran;
- the database bytes per letter (with its history, activities, orders and notifications), per table.

Usage: uv run python bench/bulk.py [--letters 10000] [--workers 1] [--api-processes 1] [--profile SECONDS] [--keep]
(needs Redis and PostgreSQL on 127.0.0.1; each run starts from a fresh database `correspondence_bench_bulk`).
`--profile S` samples the first worker with py-spy (`uvx py-spy`) for S seconds from the first send and writes
its collapsed stacks to bench/bulk-worker.txt (`bench/profile_summary.py` sums them by function).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import redis.asyncio as redis
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, bare_smtp_rate, national_identity_numbers, percentile, start, wait_ready

from correspondence.adapters.local_ports import free_port
from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token
from correspondence.kit import clock, db
from correspondence.registry.models import Contact, Organization, Person, Resource
from correspondence.settings import Settings

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
DATABASE = "correspondence_bench_bulk"
AGENCY, OTHER_AGENCY = "974760673", "910000039"
BATCH, SENDERS, BARE_MAILS = 500, 4, 2_000
FAIR_EMAIL = "fair@example.no"
SEND_SCOPES = "altinn:serviceowner altinn:correspondence.write"
console = Console()

SEND = """mutation Send($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id } } }"""
INBOX = """query Inbox($search: String) { correspondences(first: 20, search: $search) {
  totalCount edges { node { id status senderName content { messageTitle }
  attachments { id fileName size downloadUrl } } } } }"""


@dataclass
class Run:
    letters: int
    workers: int
    api_processes: int
    accepted: float = 0.0  # s from the first send until every send was answered
    end_to_end: float = 0.0  # s from the first send until the last e-mail was at the sink
    bare_rates: list[float] = field(default_factory=list)  # before and after the bulk: the machine is shared

    @property
    def bare_rate(self) -> float:
        """The better of the bare loop's two runs: the ratio is not flattered by a slow moment of the machine."""
        return max(self.bare_rates)

    fair_delay: float | None = None
    fair_answered: float | None = None  # s until that letter's send was answered
    inbox: list[float] = field(default_factory=list)
    jobs: dict[str, list[float]] = field(default_factory=dict)
    bytes_per_letter: float = 0.0
    tables: list[tuple[str, int]] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per process kind during the measured part
    inbox_while_sending: list[float] = field(default_factory=list)  # the reads until every send was answered


class Sink:
    """The SMTP sink's log: one line per mail, `Message-ID recipients`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.touch()

    def lines(self) -> list[str]:
        return self.path.read_text().splitlines()

    def count(self) -> int:
        with self.path.open("rb") as f:
            return sum(1 for _ in f)

    async def reach(self, total: int, limit_seconds: float) -> float:
        deadline = time.perf_counter() + limit_seconds
        while (count := self.count()) < total:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"only {count} of {total} mails arrived within {limit_seconds:.0f} s")
            await asyncio.sleep(0.02)
        return time.perf_counter()

    async def mail_to(self, address: str, limit_seconds: float) -> float:
        deadline = time.perf_counter() + limit_seconds
        while not any(line.endswith(f" {address}") for line in self.lines()):
            if time.perf_counter() > deadline:
                raise RuntimeError(f"no mail to {address} within {limit_seconds:.0f} s")
            await asyncio.sleep(0.02)
        return time.perf_counter()


async def fresh_database() -> str:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{DATABASE}"')
    await admin.close()
    url = f"{SERVER}/{DATABASE}"
    db.migrate(url)
    return url


async def seed(count: int) -> list[str]:
    """Two agencies with a resource each, `count` persons with an e-mail address, and the fairness recipient."""
    numbers = national_identity_numbers(count + 1)
    people, fair = numbers[:count], numbers[count]
    await Organization.create(organization_number=AGENCY, name="Skatteetaten")
    await Organization.create(organization_number=OTHER_AGENCY, name="Valgdirektoratet")
    await Resource.create(resource_id="bulk-letter", owner_organization_number=AGENCY, title_nb="Skattekort")
    await Resource.create(resource_id="fair-letter", owner_organization_number=OTHER_AGENCY, title_nb="Valgkort")
    await Person.bulk_create([Person(national_identity_number=p, name=f"Person {p}") for p in numbers], 1000)
    confirmed = clock.now() - timedelta(days=30)
    await Contact.bulk_create(
        [Contact(national_identity_number=p, email=f"{p}@example.no", last_confirmed=confirmed) for p in people]
        + [Contact(national_identity_number=fair, email=FAIR_EMAIL, last_confirmed=confirmed)],
        1000,
    )
    return numbers


async def bare_rate(port: int) -> float:
    return await bare_smtp_rate(
        port, BARE_MAILS, "Du har fått et brev fra Skatteetaten", "Du har fått et brev i innboksen din."
    )


def letter(resource: str, recipients: list[str], reference: str) -> dict[str, Any]:
    return {
        "resourceId": resource,
        "sendersReference": reference,
        "recipients": recipients,
        "content": {"language": "nb", "messageTitle": "Skattekort 2027", "messageBody": "Skattekortet ditt er klart."},
        "notification": {"channel": "EMAIL"},
    }


async def send(http: httpx.AsyncClient, token: str, payload: dict[str, Any]) -> None:
    response = await http.post("/graphql", json={"query": SEND, "variables": {"input": payload}}, headers=_auth(token))
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"send refused: {response.text[:500]}")


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def bulk(http: httpx.AsyncClient, token: str, people: list[str], first_batches_in: asyncio.Event) -> None:
    """Batches of 500 from 4 concurrent senders; `first_batches_in` once the first round of batches is answered."""
    batches = [people[i : i + BATCH] for i in range(0, len(people), BATCH)]
    slots = asyncio.Semaphore(SENDERS)
    answered = 0

    async def one(number: int, batch: list[str]) -> None:
        nonlocal answered
        async with slots:
            await send(http, token, letter("bulk-letter", batch, f"bulk-{number}"))
        answered += 1
        if answered >= min(SENDERS, len(batches)):
            first_batches_in.set()

    await asyncio.gather(*(one(n, b) for n, b in enumerate(batches)))


async def read_inbox(base: str, token: str, until: asyncio.Event, latencies: list[float]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        while not until.is_set():
            started = time.perf_counter()
            response = await http.post("/graphql", json={"query": INBOX, "variables": {}}, headers=_auth(token))
            latencies.append(time.perf_counter() - started)
            assert response.status_code == 200 and not response.json().get("errors"), response.text[:300]
            await asyncio.sleep(0.05)


async def fair_letter(
    http: httpx.AsyncClient, token: str, recipient: str, sink: Sink, after: asyncio.Event
) -> tuple[float, float]:
    """Another organization's single letter, once the bulk is in the pipeline: seconds until its send was answered
    and until its e-mail is out."""
    await after.wait()
    started = time.perf_counter()
    await send(http, token, letter("fair-letter", [recipient], "fair"))
    answered = time.perf_counter() - started
    return answered, await sink.mail_to(FAIR_EMAIL, limit_seconds=600) - started


async def database_size(url: str) -> tuple[int, list[tuple[str, int]]]:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("CHECKPOINT")
        total = await connection.fetchval("SELECT pg_database_size(current_database())")
        rows = await connection.fetch(
            "SELECT relname, pg_total_relation_size(oid) AS size FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY size DESC LIMIT 12"
        )
    finally:
        await connection.close()
    return int(total), [(r["relname"], int(r["size"])) for r in rows]


def start_processes(
    work: Path,
    environment: dict[str, str],
    sink: Sink,
    smtp_port: int,
    api_port: int,
    workers: int,
    api_processes: int,
) -> list[subprocess.Popen[bytes]]:
    """The SMTP sink, the `api` and the workers, each a process of its own with its log in `work`."""
    with (work / "sink.log").open("wb") as out:
        sink_command = [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(smtp_port), str(sink.path)]
        processes = [subprocess.Popen(sink_command, stdout=out, stderr=subprocess.STDOUT)]
    api_command = ["api", "--port", str(api_port), *(["--workers", str(api_processes)] if api_processes > 1 else [])]
    processes.append(start(api_command, environment, work / "api.log"))
    for index in range(workers):
        with (work / f"worker-{index}.log").open("wb") as out:
            command = [sys.executable, str(ROOT / "bench" / "timed_worker.py"), str(work / f"jobs-{index}.json")]
            processes.append(subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT))
    return processes


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def database_backends() -> list[int]:
    """The PostgreSQL backends serving the bench database (their process titles name it)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if f" {DATABASE} ".encode() in title:
                pids.append(int(entry.name))
    return pids


def children(pid: int) -> list[int]:
    """The processes a process started (uvicorn's API processes with `--workers`)."""
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def cpu_by_kind(processes: list[subprocess.Popen[bytes]], bench_pid: int) -> dict[str, float]:
    """CPU seconds so far of the sink, the api, the workers (together), PostgreSQL's backends for the bench
    database and this bench process (senders, reader, bare loop)."""
    sink, api, *workers = processes
    return {
        "smtp sink": cpu_seconds(sink.pid),
        "api": cpu_seconds(api.pid) + sum(cpu_seconds(child) for child in children(api.pid)),
        "worker(s)": sum(cpu_seconds(w.pid) for w in workers),
        "postgresql (bench database)": sum(cpu_seconds(pid) for pid in database_backends()),
        "bench client": cpu_seconds(bench_pid),
    }


def profiler(worker: subprocess.Popen[bytes], seconds: int) -> subprocess.Popen[bytes]:
    """py-spy sampling the worker for `seconds` from now; collapsed stacks in bench/bulk-worker.txt."""
    output = ROOT / "bench" / "bulk-worker.txt"
    command = ["uvx", "py-spy", "record", "--pid", str(worker.pid), "--duration", str(seconds), "--format", "raw"]
    return subprocess.Popen([*command, "--rate", "200", "-o", str(output)], stdout=subprocess.DEVNULL)


async def main(letters: int, workers: int, api_processes: int, profile: int, keep: bool) -> Run:
    run = Run(letters, workers, api_processes)
    work = Path(tempfile.mkdtemp(prefix="bench-bulk-"))
    try:
        url = await fresh_database()
        smtp_port, api_port = free_port(), free_port()
        sink = Sink(work / "mails.log")
        settings = Settings(_env_file=None, data_dir=work, database_url=url, redis_url=REDIS, dev_mode=True)  # type: ignore[call-arg]
        ensure_dev_keys(settings.dev_key_dir)
        environment = {
            **os.environ,
            "CORRESPONDENCE_DATABASE_URL": url,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
            "CORRESPONDENCE_SMTP_PORT": str(smtp_port),
            "CORRESPONDENCE_DATA_DIR": str(work),
            "CORRESPONDENCE_DEV_MODE": "true",
        }
        await redis.from_url(REDIS).flushdb()
        async with db.orm(url):
            people = await seed(letters)
        empty, _ = await database_size(url)
        processes: list[subprocess.Popen[bytes]] = []
        try:
            api = f"http://127.0.0.1:{api_port}"
            processes += start_processes(work, environment, sink, smtp_port, api_port, workers, api_processes)
            await wait_ready(api, processes[1])
            await asyncio.sleep(2)  # the workers' startup sweeps are done before the clock runs
            run.bare_rates.append(await bare_rate(smtp_port))
            sampling = profiler(processes[2], profile) if profile else None
            cpu_before = cpu_by_kind(processes, os.getpid())
            await measure(run, api, settings, people, sink)
            cpu_after = cpu_by_kind(processes, os.getpid())
            run.cpu = {kind: cpu_after[kind] - cpu_before[kind] for kind in cpu_after}
            run.bare_rates.append(await bare_rate(smtp_port))
            if sampling is not None:
                sampling.wait()
            total, run.tables = await database_size(url)
            run.bytes_per_letter = (total - empty) / (letters + 1)
        finally:
            for process in reversed(processes):
                process.terminate()
            for process in processes:
                process.wait(60)
        for index in range(workers):
            stats_file = work / f"jobs-{index}.json"
            if stats_file.exists():
                for name, (count, seconds) in json.loads(stats_file.read_text()).items():
                    entry = run.jobs.setdefault(name, [0, 0.0])
                    entry[0] += count
                    entry[1] += seconds
    finally:
        if keep:
            console.print(f"logs kept in {work}")
        else:
            shutil.rmtree(work)
    return run


async def measure(run: Run, api: str, settings: Settings, numbers: list[str], sink: Sink) -> None:
    people, fair_person = numbers[:-1], numbers[-1]
    sender = mint_dev_token(settings, {"consumer": f"0192:{AGENCY}", "scope": SEND_SCOPES}, 3600)
    other = mint_dev_token(settings, {"consumer": f"0192:{OTHER_AGENCY}", "scope": SEND_SCOPES}, 3600)
    reader = mint_dev_token(settings, {"pid": people[0], "scope": "altinn:correspondence.read"}, 3600)
    before = sink.count()
    done, first_batches_in = asyncio.Event(), asyncio.Event()
    async with httpx.AsyncClient(base_url=api, timeout=300) as http:
        reader_latencies: list[float] = []
        inbox = asyncio.create_task(read_inbox(api, reader, done, reader_latencies))
        started = time.perf_counter()
        fair = asyncio.create_task(fair_letter(http, other, fair_person, sink, first_batches_in))
        await bulk(http, sender, people, first_batches_in)
        run.accepted = time.perf_counter() - started
        run.inbox_while_sending = list(reader_latencies)
        finished = await sink.reach(before + run.letters + 1, limit_seconds=3600)
        run.end_to_end = finished - started
        run.fair_answered, run.fair_delay = await fair
        done.set()
        await inbox
        run.inbox = reader_latencies


def report(run: Run) -> None:
    pace = run.letters / run.end_to_end
    table = Table(
        title=f"{run.letters:,} letters with e-mail, {run.api_processes} api and {run.workers} worker process(es), "
        "PostgreSQL"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_row("all sends answered", f"{run.accepted:.1f} s", "")
    table.add_row("first send → last e-mail at the sink", f"{run.end_to_end:.1f} s", "")
    table.add_row("end-to-end pace", f"{pace:,.0f} letters/s", "")
    before, after = (f"{rate:,.0f}" for rate in run.bare_rates)
    table.add_row("bare aiosmtplib loop, same sink (before / after)", f"{before} / {after} msg/s", "")
    table.add_row("ratio", f"{pace / run.bare_rate:.2f}", "≥ 0.5")
    if run.inbox:
        p50, p99 = percentile(run.inbox, 0.5) * 1000, percentile(run.inbox, 0.99) * 1000
        table.add_row(
            f"inbox page during the bulk ({len(run.inbox)} reads)", f"p50 {p50:.0f} / p99 {p99:.0f} ms", "p99 < 100 ms"
        )
    if run.inbox_while_sending:
        p50, p99 = percentile(run.inbox_while_sending, 0.5) * 1000, percentile(run.inbox_while_sending, 0.99) * 1000
        table.add_row(
            f"  of which while the sends were answered ({len(run.inbox_while_sending)})",
            f"p50 {p50:.0f} / p99 {p99:.0f} ms",
            "",
        )
        after = run.inbox[len(run.inbox_while_sending) :]
        if after:
            p50, p99 = percentile(after, 0.5) * 1000, percentile(after, 0.99) * 1000
            table.add_row(f"  of which after ({len(after)})", f"p50 {p50:.0f} / p99 {p99:.0f} ms", "")
    if run.fair_delay is not None:
        table.add_row("other organization's letter → its e-mail", f"{run.fair_delay:.2f} s", "< 2 s")
        table.add_row("  of which until its send was answered", f"{run.fair_answered:.2f} s", "")
    table.add_row("database bytes per letter", f"{run.bytes_per_letter:,.0f} B", "")
    table.add_row("5.5 million letters", f"{run.bytes_per_letter * 5.5e6 / 1e9:,.1f} GB", "")
    console.print(table)
    jobs = Table(title="worker time per job type (jobs overlap)")
    for column in ("job", "count", "total s", "mean ms"):
        jobs.add_column(column, justify="right" if column != "job" else "left")
    for name, (count, seconds) in sorted(run.jobs.items(), key=lambda item: -item[1][1]):
        jobs.add_row(name, f"{count:,.0f}", f"{seconds:,.1f}", f"{seconds / count * 1000:,.1f}")
    console.print(jobs)
    cpu = Table(title="CPU seconds per process during the measured part (2 cores shared with others)")
    cpu.add_column("process")
    cpu.add_column("CPU s", justify="right")
    for name, seconds in run.cpu.items():
        cpu.add_row(name, f"{seconds:,.1f}")
    cpu.add_row("wall clock", f"{run.end_to_end:,.1f}")
    console.print(cpu)
    tables = Table(title="largest tables (with indexes and TOAST)")
    tables.add_column("table")
    tables.add_column("MB", justify="right")
    for name, size in run.tables:
        tables.add_row(name, f"{size / 1e6:,.1f}")
    console.print(tables)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    parser.add_argument("--api-processes", type=int, default=1, help="API processes (`api --workers N`)")
    parser.add_argument("--profile", type=int, default=0, metavar="SECONDS", help="sample the first worker with py-spy")
    parser.add_argument("--keep", action="store_true", help="keep the processes' logs (the path is printed)")
    arguments = parser.parse_args()
    run = main(arguments.letters, arguments.workers, arguments.api_processes, arguments.profile, arguments.keep)
    report(asyncio.run(run))
