"""Notifications benchmark (issue: notifications engine).

1. 2,000 e-mail notifications from one order, through a real arq worker process, to an aiosmtpd sink in another
   process; in the same run a bare aiosmtplib loop over one reused connection to the same sink. Prints msg/s for
   each and the ratio (target >= 0.5).
2. `sendCorrespondence` to 500 recipients with an e-mail notification, through the API and the worker: the time
   until all 500 mails are at the sink (target < 10 s).

3. `--feed`: a sender's system reading the status feed of 100,000 notification changes in pages of 500 through the
   API (`notificationStatusFeed`), against a bare asyncpg loop reading the same rows by sequence in the same run.
   Prints items/s for each and the ratio (target >= 0.5). PostgreSQL only.
4. `--orders-plan`: a million notification orders of 20 organizations; prints the PostgreSQL plans and times of
   the order search (`notificationOrders`) for one organization: first page, by status, by sendersReference, by
   correspondence, and the total count.

Usage: uv run python bench/notifications.py [--sqlite | --feed | --orders-plan] (needs Redis, and PostgreSQL unless
--sqlite, on 127.0.0.1). Each run starts from a fresh database. Never part of CI.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import bare_smtp_rate  # noqa: E402

from correspondence.adapters import queue  # noqa: E402
from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.kit import clock, db  # noqa: E402
from correspondence.kit.identifiers import organization_urn  # noqa: E402
from correspondence.kit.unit_of_work import unit_of_work  # noqa: E402
from correspondence.notification.models import NotificationChannel, NotificationOrder, NotificationOrderStatus  # noqa: E402
from correspondence.notification.orders import create_order  # noqa: E402
from correspondence.notification.validation import EmailTemplateInput, OrderInput, RecipientInput  # noqa: E402
from correspondence.registry.models import Contact, Organization, Person, Resource  # noqa: E402
from correspondence.settings import Settings  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/13")
AGENCY = "974760673"
MAILS, RECIPIENTS = 2_000, 500
console = Console()

SEND = """mutation Send($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id } } }"""

WORKER = (
    "from arq import run_worker\n"
    "from correspondence.worker import worker_settings\n"
    "from correspondence.settings import Settings\n"
    "run_worker(worker_settings(Settings()))\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pids(count: int) -> list[str]:
    """Valid national identity numbers (synthetic: month + 80), enough for the recipients."""
    from correspondence.kit.identifiers import _PID_WEIGHTS_1, _PID_WEIGHTS_2, _mod11

    numbers: list[str] = []
    day, individual = 1, 100
    while len(numbers) < count:
        base = f"{day:02d}8190{individual:03d}"
        first = _mod11(base, _PID_WEIGHTS_1)
        if first is not None:
            second = _mod11(base + str(first), _PID_WEIGHTS_2)
            if second is not None:
                numbers.append(f"{base}{first}{second}")
        individual += 1
        if individual > 499:
            day, individual = day + 1, 100
    return numbers


async def fresh_database(sqlite_dir: Path | None) -> str:
    if sqlite_dir is not None:
        url = f"sqlite://{sqlite_dir / 'bench.sqlite3'}"
    else:
        admin = await asyncpg.connect(f"{SERVER}/postgres")
        await admin.execute('DROP DATABASE IF EXISTS "correspondence_bench_notifications" WITH (FORCE)')
        await admin.execute('CREATE DATABASE "correspondence_bench_notifications"')
        await admin.close()
        url = f"{SERVER}/correspondence_bench_notifications"
    db.migrate(url)
    return url


def start(command: list[str], env: dict[str, str], wait_for: str | None = None) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        command, env={**os.environ, **env}, cwd=ROOT, stdout=subprocess.PIPE if wait_for else None, text=True
    )
    if wait_for and process.stdout is not None:
        line = process.stdout.readline()
        if wait_for not in line:
            raise RuntimeError(f"{command[1]} did not start: {line!r}")
    return process


def sent_count(mail_log: Path) -> int:
    with mail_log.open("rb") as f:
        return sum(1 for _ in f)


async def wait_for_mails(mail_log: Path, total: int, limit_seconds: float = 120) -> float:
    deadline = time.perf_counter() + limit_seconds
    while sent_count(mail_log) < total:
        if time.perf_counter() > deadline:
            raise RuntimeError(f"only {sent_count(mail_log)} of {total} mails arrived")
        await asyncio.sleep(0.01)
    return time.perf_counter()


async def order_mails(count: int, key: str, settings: Settings) -> None:
    data = OrderInput(
        idempotency_id=key,
        recipients=[RecipientInput(email_address=f"bench{i}@example.no") for i in range(count)],
        channel=NotificationChannel.EMAIL,
        email_template=EmailTemplateInput("Melding til $recipientName$", "Du har fått en melding fra $sendersName$."),
    )
    async with unit_of_work():
        await create_order(organization_urn(AGENCY), data, settings)


async def worker_throughput(settings: Settings, mail_log: Path) -> float:
    await order_mails(20, "warm-up", settings)  # the worker is up and its connections open before the clock runs
    await wait_for_mails(mail_log, 20)
    before = sent_count(mail_log)
    started = time.perf_counter()
    await order_mails(MAILS, "bench", settings)
    finished = await wait_for_mails(mail_log, before + MAILS)
    # The results are written too, not just the mails out: both orders (warm-up and bench) are COMPLETED.
    while (completed := await NotificationOrder.filter(status=NotificationOrderStatus.COMPLETED).count()) < 2:
        assert completed >= 0
        await asyncio.sleep(0.01)
    return MAILS / (max(finished, time.perf_counter()) - started)


async def bare_throughput(port: int) -> float:
    return await bare_smtp_rate(port, MAILS, "Melding til bare", "Du har fått en melding fra Skatteetaten.")


async def seed_recipients() -> list[str]:
    numbers = pids(RECIPIENTS)
    await Organization.create(organization_number=AGENCY, name="Skatteetaten")
    await Resource.create(resource_id="bench-letter", owner_organization_number=AGENCY, title_nb="Brev")
    await Person.bulk_create([Person(national_identity_number=p, name=f"Person {p}") for p in numbers])
    confirmed = clock.now() - timedelta(days=30)
    await Contact.bulk_create(
        [Contact(national_identity_number=p, email=f"{p}@example.no", last_confirmed=confirmed) for p in numbers]
    )
    return numbers


async def send_to_500(api: str, token: str, recipients: list[str], mail_log: Path) -> tuple[float, float]:
    before = sent_count(mail_log)
    payload = {
        "resourceId": "bench-letter",
        "sendersReference": "bench",
        "recipients": recipients,
        "content": {"language": "nb", "messageTitle": "Vedtak", "messageBody": "Hei"},
        "notification": {"channel": "EMAIL"},
    }
    async with httpx.AsyncClient(timeout=60) as http:
        started = time.perf_counter()
        response = await http.post(
            api, json={"query": SEND, "variables": {"input": payload}}, headers={"Authorization": f"Bearer {token}"}
        )
        sent = time.perf_counter()
        assert response.status_code == 200 and not response.json().get("errors"), response.text[:500]
    finished = await wait_for_mails(mail_log, before + RECIPIENTS, limit_seconds=60)
    return sent - started, finished - started


async def main(use_sqlite: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-notifications-") as scratch:
        work = Path(scratch)
        url = await fresh_database(work if use_sqlite else None)
        smtp_port, api_port = free_port(), free_port()
        mail_log = work / "mails.log"
        mail_log.touch()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=work,
            database_url=url,
            redis_url=REDIS,
            smtp_host="127.0.0.1",
            smtp_port=smtp_port,
            dev_mode=True,
        )
        ensure_dev_keys(settings.dev_key_dir)
        env = {
            "CORRESPONDENCE_DATABASE_URL": url,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
            "CORRESPONDENCE_SMTP_PORT": str(smtp_port),
            "CORRESPONDENCE_DATA_DIR": str(work),
            "CORRESPONDENCE_DEV_MODE": "true",
        }
        pool = await queue.connect(REDIS)
        await pool.flushdb()
        queue.use_pool(pool)
        processes = [start([sys.executable, "bench/smtp_sink.py", str(smtp_port), str(mail_log)], env, "ready")]
        try:
            async with db.orm(url):
                processes.append(start([sys.executable, "-c", WORKER], env))
                worker_rate = await worker_throughput(settings, mail_log)
                bare_rate = await bare_throughput(smtp_port)
                recipients = await seed_recipients()
                processes.append(start([sys.executable, "bench/serve.py", str(api_port)], env))
                api = f"http://127.0.0.1:{api_port}/graphql"
                await wait_until_up(api)
                token = mint_dev_token(
                    settings,
                    {"consumer": f"0192:{AGENCY}", "scope": "altinn:serviceowner altinn:correspondence.write"},
                    600,
                )
                answered, delivered = await send_to_500(api, token, recipients, mail_log)
        finally:
            for process in processes:
                process.terminate()
                process.wait()
            queue.use_pool(None)
            await pool.flushdb()
            await pool.aclose()
    report(use_sqlite, worker_rate, bare_rate, answered, delivered)


async def wait_until_up(api: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                await http.get(api.replace("/graphql", "/healthz"))
                return
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    raise RuntimeError("the API did not start")


def report(use_sqlite: bool, worker_rate: float, bare_rate: float, answered: float, delivered: float) -> None:
    table = Table(title=f"Notifications ({'SQLite' if use_sqlite else 'PostgreSQL'})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    table.add_row(f"{MAILS} e-mails, one order, through the worker", f"{worker_rate:,.0f} msg/s", "")
    table.add_row("bare aiosmtplib, one reused connection", f"{bare_rate:,.0f} msg/s", "")
    table.add_row("ratio", f"{worker_rate / bare_rate:.2f}", ">= 0.5")
    table.add_row(f"sendCorrespondence to {RECIPIENTS}: answer", f"{answered:.2f} s", "")
    table.add_row(f"sendCorrespondence to {RECIPIENTS}: all mails at the sink", f"{delivered:.2f} s", "< 10 s")
    console.print(table)


FEED_CHANGES, FEED_PAGE, FEED_TRANSACTIONS = 100_000, 500, 200
FEED = """query Feed($after: String) { notificationStatusFeed(after: $after, first: 500) {
  items { sequence orderId notificationId sendersReference channel status statusReason changed } cursor hasMore } }"""


async def seed_feed(url: str) -> None:
    """100,000 changes of one agency's notifications, written by 200 transactions as a busy worker would."""
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    per_transaction = FEED_CHANGES // FEED_TRANSACTIONS
    for _ in range(FEED_TRANSACTIONS):
        await connection.execute(
            'INSERT INTO "notification_status_change" ("creator", "order_id", "notification_id", '
            '"senders_reference", "channel", "status", "status_reason", "changed") '
            "SELECT $1, gen_random_uuid(), gen_random_uuid(), 'ref-' || (n % 50), 'EMAIL', 'SUCCEEDED', NULL, now() "
            "FROM generate_series(1, $2) AS n",
            organization_urn(AGENCY),
            per_transaction,
        )
    await connection.close()


async def feed_through_api(api: str, token: str) -> float:
    started, read, after = time.perf_counter(), 0, None
    async with httpx.AsyncClient(timeout=60, headers={"Authorization": f"Bearer {token}"}) as http:
        while True:
            response = await http.post(api, json={"query": FEED, "variables": {"after": after}})
            feed = response.json()["data"]["notificationStatusFeed"]
            read += len(feed["items"])
            after = feed["cursor"]
            if not feed["hasMore"]:
                break
    assert read == FEED_CHANGES, read
    return read / (time.perf_counter() - started)


async def feed_bare(url: str) -> float:
    """The same rows by sequence, 500 at a time, over one asyncpg connection: no visibility horizon, no GraphQL."""
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    started, read, after = time.perf_counter(), 0, 0
    while True:
        rows = await connection.fetch(
            'SELECT "sequence", "order_id", "notification_id", "senders_reference", "channel", "status", '
            '"status_reason", "changed" FROM "notification_status_change" WHERE "creator" = $1 AND "sequence" > $2 '
            'ORDER BY "sequence" LIMIT $3',
            organization_urn(AGENCY),
            after,
            FEED_PAGE,
        )
        if not rows:
            break
        read += len(rows)
        after = rows[-1]["sequence"]
    await connection.close()
    assert read == FEED_CHANGES, read
    return read / (time.perf_counter() - started)


async def feed_benchmark() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-feed-") as scratch:
        work = Path(scratch)
        url = await fresh_database(None)
        await seed_feed(url)
        settings = Settings(_env_file=None, data_dir=work, database_url=url, redis_url=REDIS, dev_mode=True)  # type: ignore[call-arg]
        ensure_dev_keys(settings.dev_key_dir)
        env = {
            "CORRESPONDENCE_DATABASE_URL": url,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_DATA_DIR": str(work),
            "CORRESPONDENCE_DEV_MODE": "true",
        }
        port = free_port()
        api_process = start([sys.executable, "bench/serve.py", str(port)], env)
        try:
            api = f"http://127.0.0.1:{port}/graphql"
            await wait_until_up(api)
            scopes = "altinn:serviceowner altinn:serviceowner/notifications.create"
            token = mint_dev_token(settings, {"consumer": f"0192:{AGENCY}", "scope": scopes}, 600)
            await feed_through_api(api, token)  # warm: caches, connections, the table in memory
            through_api = await feed_through_api(api, token)
            bare = await feed_bare(url)
        finally:
            api_process.terminate()
            api_process.wait()
    table = Table(title=f"Status feed: {FEED_CHANGES:,} changes in pages of {FEED_PAGE} (PostgreSQL)")
    table.add_column("reader")
    table.add_column("items/s", justify="right")
    table.add_column("target", justify="right")
    table.add_row("notificationStatusFeed through the API", f"{through_api:,.0f}", "")
    table.add_row("bare asyncpg loop by sequence", f"{bare:,.0f}", "")
    table.add_row("ratio", f"{through_api / bare:.2f}", ">= 0.5")
    console.print(table)


ORGANIZATIONS = 20
ORDERS_TOTAL = 1_000_000


async def orders_plan() -> None:
    """A million orders of 20 organizations, then the plans of one organization's searches."""
    url = await fresh_database(None)
    connection = await asyncpg.connect(url.replace("postgres://", "postgresql://"))
    await connection.execute(
        'INSERT INTO "notification_order" ("id", "creator", "idempotency_id", "senders_reference", "is_reminder", '
        '"requested_send_time", "recipients", "channel", "template", "language", "email_content_type", '
        '"condition_failures", "ignore_reservation", "use_stale_contact_information", '
        '"override_registered_contact_information", "sending_time_policy", "status", "process_after", '
        '"recipient_lookup", "created") '
        "SELECT gen_random_uuid(), 'urn:altinn:organization:identifier-no:' || (910000000 + n % $1), 'i' || n, "
        "'ref-' || (n % 10000), false, now(), '[]', 'EMAIL', 'CUSTOM_MESSAGE', 'nb', 'PLAIN', 0, false, false, "
        "false, 'DAYTIME', (ARRAY['COMPLETED','COMPLETED','COMPLETED','PROCESSED','CANCELLED'])[1 + n % 5], now(), "
        "'{}', now() - make_interval(secs => n) FROM generate_series(1, $2) AS n",
        ORGANIZATIONS,
        ORDERS_TOTAL,
    )
    await connection.execute('ANALYZE "notification_order"')
    creator = "urn:altinn:organization:identifier-no:910000007"
    newest = 'ORDER BY "created" DESC, "id" DESC LIMIT 21'
    # The cursor of a page 25,000 orders deep: half of the organization's orders lie before it.
    deep = await connection.fetchrow(
        'SELECT "created", "id" FROM "notification_order" WHERE "creator" = $1 '
        'ORDER BY "created" DESC, "id" DESC OFFSET 25000 LIMIT 1',
        creator,
    )
    searches = {
        "first page": (f'WHERE "creator" = $1 {newest}', [creator]),
        "by status": (f'WHERE "creator" = $1 AND "status" IN ($2) {newest}', [creator, "CANCELLED"]),
        "by sendersReference": (f'WHERE "creator" = $1 AND "senders_reference" = $2 {newest}', [creator, "ref-7"]),
        "next page deep in the orders (keyset, the row comparison of kit/pagination.py)": (
            f'WHERE "creator" = $1 AND ("created", "id") < ($2, $3) {newest}',
            [creator, *deep],
        ),
        "the same page with the keyset written as OR (the form before)": (
            f'WHERE "creator" = $1 AND ("created" < $2 OR ("created" = $2 AND "id" < $3)) {newest}',
            [creator, *deep],
        ),
        "totalCount": ('WHERE "creator" = $1', [creator]),
    }
    for name, (where, values) in searches.items():
        selected = "count(*)" if name == "totalCount" else "*"
        rows = await connection.fetch(
            f'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT {selected} FROM "notification_order" {where}', *values
        )
        console.print(f"[bold]{name}[/bold]")
        console.print("\n".join(row[0] for row in rows))
    await connection.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--sqlite", action="store_true", help="use a SQLite file instead of PostgreSQL")
    mode.add_argument("--feed", action="store_true", help="the status feed against a bare asyncpg loop")
    mode.add_argument("--orders-plan", action="store_true", help="order search plans over a million orders")
    arguments = parser.parse_args()
    if arguments.feed:
        asyncio.run(feed_benchmark())
    elif arguments.orders_plan:
        asyncio.run(orders_plan())
    else:
        asyncio.run(main(arguments.sqlite))
