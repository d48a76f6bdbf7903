"""Webhook delivery benchmark (issue 14).

    uv run python bench/webhooks.py [--subscriptions 100] [--events 1000] [--rate 100]

Creates a fresh PostgreSQL database (BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432) with one agency
and one organization per subscription, each organization's end-user system subscribed with a webhook to a local
receiver (`bench/webhook_receiver.py`, pinned to CPU 1); runs one `correspondence worker` (dev mode, pinned to
CPU 0, the local Redis at BENCH_REDIS_URL, default redis://127.0.0.1:6379/12), which publishes and delivers. Events
are spread evenly over the organizations, so each delivery goes to one subscription. Three phases:

1. **Healthy, live**: the letters are sent at a steady `--rate` (default 100 a second: five sends a second) while
   the worker runs; for every delivery, the time from the event's commit (its CloudEvent `time`, written in the
   publishing transaction) to its receipt. 1b: the same number sent at once (sends of 100), printed beside it:
   all the events commit within a second, so their p99 is the time to deliver them all, a throughput figure.
2. **Throughput**: the worker stopped, the events are committed (published in this process), then the worker
   starts and delivers the backlog: deliveries/s from the first receipt to the last, against a bare httpx loop
   POSTing the same bodies to the same receivers, one after another, in the same run.
3. **A dead receiver**: phase 1 (steady) again with one more subscription, the agency's (every event), to a
   receiver that never answers: the others' p99 must not move.

Targets: throughput ≥ 0.5 of the bare loop; p99 < 1 s in phases 1 and 3. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import asyncpg
import httpx
from tortoise.functions import Count

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import percentile, start  # noqa: E402

from correspondence.access.actor import SCOPE_READ, SCOPE_SERVICE_OWNER, SCOPE_WRITE, Actor, ActorKind  # noqa: E402
from correspondence.adapters import queue  # noqa: E402
from correspondence.adapters.local_ports import free_port  # noqa: E402
from correspondence.adapters.tokens import ensure_dev_keys, mint_dev_token  # noqa: E402
from correspondence.app import create_app  # noqa: E402
from correspondence.correspondence.jobs import publish_correspondence  # noqa: E402
from correspondence.correspondence.models import Correspondence, CorrespondenceStatus  # noqa: E402
from correspondence.kit import db  # noqa: E402
from correspondence.kit.identifiers import _ORG_WEIGHTS, _mod11  # noqa: E402
from correspondence.kit.unit_of_work import unit_of_work  # noqa: E402
from correspondence.registry.models import Organization, Resource  # noqa: E402
from correspondence.settings import Settings  # noqa: E402
from correspondence.webhook import subscriptions  # noqa: E402
from correspondence.webhook.models import WebhookDelivery  # noqa: E402

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE_NAME = "correspondence_bench_webhooks"
DATABASE = f"{SERVER}/{DATABASE_NAME}"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
AGENCY, RESOURCE = "974760673", "bench-webhooks"
TARGET_RATIO, TARGET_P99 = 0.5, 1.0
RECIPIENTS_PER_SEND = 100
SENDS_PER_SECOND = 5
SEND = """mutation Send($input: SendCorrespondenceInput!) { sendCorrespondence(input: $input) {
  correspondences { id } } }"""


def organization_numbers(count: int) -> list[str]:
    """Valid organization numbers (mod-11 check digit), distinct, deterministic."""
    numbers: list[str] = []
    for base in range(91_000_000, 92_000_000):
        check = _mod11(str(base), _ORG_WEIGHTS)
        if check is not None:
            numbers.append(f"{base}{check}")
            if len(numbers) == count:
                return numbers
    raise RuntimeError("not enough numbers")


async def fresh_database(orgnos: list[str]) -> None:
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    await admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    await admin.close()
    db.migrate(DATABASE)
    async with db.orm(DATABASE):
        await Organization.create(organization_number=AGENCY, name="Benchmark-etaten")
        await Organization.bulk_create([Organization(organization_number=o, name=f"Bedrift {o}") for o in orgnos])
        await Resource.create(resource_id=RESOURCE, owner_organization_number=AGENCY, title_nb="Benchmark-brev")


async def subscribe(settings: Settings, orgno: str, url: str, *, sender: bool = False) -> None:
    if sender:
        actor = Actor(ActorKind.SERVICE_OWNER, frozenset({SCOPE_SERVICE_OWNER, SCOPE_WRITE}), organization_number=orgno)
    else:
        actor = Actor(ActorKind.SYSTEM, frozenset({SCOPE_READ}), organization_number=orgno)
    async with unit_of_work():
        await subscriptions.create(actor, subscriptions.SubscriptionInput(url=url), settings)


async def send_all(
    http: httpx.AsyncClient, token: str, orgnos: list[str], events: int, tag: str, per_second: float | None = None
) -> list[str]:
    """Sends `events` letters spread over the organizations, as fast as possible or at `per_second` letters a
    second (five sends a second, on a fixed schedule); the ids, in the order sent."""
    ids: list[str] = []
    recipients = [orgnos[n % len(orgnos)] for n in range(events)]
    per_send = RECIPIENTS_PER_SEND if per_second is None else max(1, round(per_second / SENDS_PER_SECOND))
    per_send = min(per_send, len(orgnos))  # a recipient appears once per send
    started = time.monotonic()
    for number, offset in enumerate(range(0, events, per_send)):
        if per_second is not None:
            await asyncio.sleep(max(0.0, started + number / SENDS_PER_SECOND - time.monotonic()))
        batch = recipients[offset : offset + per_send]
        variables = {
            "input": {
                "resourceId": RESOURCE,
                "sendersReference": f"{tag}-{offset}",
                "recipients": batch,
                "content": {"language": "nb", "messageTitle": "Benchmark", "messageBody": "Hei"},
            }
        }
        response = await http.post(
            "/graphql", json={"query": SEND, "variables": variables}, headers={"Authorization": f"Bearer {token}"}
        )
        payload = response.json()
        if payload.get("errors"):
            raise RuntimeError(payload["errors"][0])
        ids += [c["id"] for c in payload["data"]["sendCorrespondence"]["correspondences"]]
    return ids


async def records(receiver: str) -> list[tuple[float, str, str, str]]:
    async with httpx.AsyncClient() as http:
        return [tuple(r) for r in (await http.get(f"{receiver}/stats")).json()]  # type: ignore[misc]


async def reset(receiver: str) -> None:
    async with httpx.AsyncClient() as http:
        await http.post(f"{receiver}/reset")


async def receipts(receiver: str, count: int, within: float = 600.0) -> list[tuple[float, str, str, str]]:
    deadline = time.monotonic() + within
    while len(found := await records(receiver)) < count:
        if time.monotonic() > deadline:
            published = await Correspondence.filter(status=CorrespondenceStatus.PUBLISHED).count()
            by_status = await WebhookDelivery.all().group_by("status").annotate(n=Count("id")).values("status", "n")
            sys.exit(f"{len(found)} of {count} deliveries arrived; {published} letters published; {by_status}")
        await asyncio.sleep(0.2)
    return found


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def first_receipts(receiver: str, within: float = 600.0) -> int:
    """Waits for the first receipt; how many had arrived by then."""
    deadline = time.monotonic() + within
    while not (found := await records(receiver)):
        if time.monotonic() > deadline:
            sys.exit("no delivery arrived")
        await asyncio.sleep(0.02)
    return len(found)


def latencies(found: list[tuple[float, str, str, str]]) -> list[float]:
    return [received - datetime.fromisoformat(event_time).timestamp() for received, _, _, event_time in found]


def committed_within(found: list[tuple[float, str, str, str]]) -> float:
    """How far apart the first and the last event were committed (their CloudEvent `time`s)."""
    times = [datetime.fromisoformat(event_time).timestamp() for _, _, _, event_time in found]
    return max(times) - min(times)


def describe(label: str, values: list[float]) -> str:
    return (
        f"{label:<34} p50 {percentile(values, 0.5) * 1000:7.1f} ms   p99 {percentile(values, 0.99) * 1000:7.1f} ms"
        f"   max {max(values) * 1000:7.1f} ms   (n={len(values)})"
    )


def rate(found: list[tuple[float, str, str, str]]) -> float:
    times = sorted(r[0] for r in found)
    return (len(times) - 1) / (times[-1] - times[0])


async def bare_loop(bodies: list[tuple[str, str]]) -> None:
    """The baseline: the same bodies POSTed to the same receivers, one after another, one client."""
    async with httpx.AsyncClient(timeout=10) as http:
        for url, body in bodies:
            response = await http.post(url, content=body, headers={"content-type": "application/cloudevents+json"})
            response.raise_for_status()


async def run(subscription_count: int, events: int, per_second: float) -> bool:
    orgnos = organization_numbers(subscription_count)
    print(f"Creating {DATABASE_NAME} with {subscription_count} organizations …", flush=True)
    await fresh_database(orgnos)
    with tempfile.TemporaryDirectory(prefix="bench-webhooks-") as directory:
        data_dir = Path(directory)
        settings = Settings(_env_file=None, data_dir=data_dir, dev_mode=True, database_url=DATABASE, redis_url=REDIS)
        ensure_dev_keys(settings.dev_key_dir)
        environment = {
            **os.environ,
            "CORRESPONDENCE_DATA_DIR": str(data_dir),
            "CORRESPONDENCE_DATABASE_URL": DATABASE,
            "CORRESPONDENCE_REDIS_URL": REDIS,
            "CORRESPONDENCE_DEV_MODE": "true",
            "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
        }
        port = free_port()
        receiver = f"http://127.0.0.1:{port}"
        receiver_log = (data_dir / "receiver.log").open("wb")
        receiver_process = await asyncio.create_subprocess_exec(
            "taskset", "-c", "1", sys.executable, str(ROOT / "bench" / "webhook_receiver.py"), str(port),
            stdout=receiver_log, stderr=receiver_log,
        )  # fmt: skip
        worker = None
        try:
            async with db.orm(DATABASE), queue.connected(REDIS):
                await queue.pool().flushdb()
                for orgno in orgnos:
                    await subscribe(settings, orgno, f"{receiver}/s/{orgno}")
                agency = mint_dev_token(
                    settings, {"consumer": f"0192:{AGENCY}", "scope": f"{SCOPE_SERVICE_OWNER} {SCOPE_WRITE}"}, 3600
                )
                app = create_app(settings)
                async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app") as http:
                    await wait_for_receiver(receiver)

                    print(f"Phase 1: {events} events at {per_second:.0f} a second while the worker runs …", flush=True)
                    worker = start(["worker"], environment, data_dir / "worker-1.log", cpu=0)
                    # The worker's start-up (seconds of imports on a loaded machine), out of the measurement: one
                    # letter delivered says it runs. The other subscriptions' lanes still start cold.
                    await send_all(http, agency, orgnos[:1], 1, "start-up")
                    await receipts(receiver, 1)
                    await reset(receiver)
                    cpu_before = cpu_seconds(worker.pid)
                    await send_all(http, agency, orgnos, events, "steady", per_second)
                    found = await receipts(receiver, events)
                    healthy = latencies(found)
                    print("  " + describe("commit → receipt", healthy), flush=True)
                    print(f"  the {events} events were committed within {committed_within(found):.2f} s", flush=True)
                    print(
                        f"  the worker's CPU per event, publishing and delivery: "
                        f"{(cpu_seconds(worker.pid) - cpu_before) / events * 1000:.2f} ms",
                        flush=True,
                    )

                    print(f"Phase 1b: {events} events sent at once while the worker runs …", flush=True)
                    await reset(receiver)
                    await send_all(http, agency, orgnos, events, "burst")
                    found = await receipts(receiver, events)
                    print("  " + describe("commit → receipt", latencies(found)), flush=True)
                    print(
                        f"  the {events} events were committed within {committed_within(found):.2f} s: a queue that "
                        "the delivery rate of phase 2 empties",
                        flush=True,
                    )

                    print(f"Phase 2: {events} events committed with the worker stopped, then delivered …", flush=True)
                    worker.terminate()
                    worker.wait(30)
                    await reset(receiver)
                    await queue.pool().flushdb()  # its publish jobs would race ours
                    for correspondence_id in await send_all(http, agency, orgnos, events, "backlog"):
                        await publish_correspondence({}, correspondence_id)
                    await queue.pool().flushdb()
                    worker = start(["worker"], environment, data_dir / "worker-2.log", cpu=0)
                    early = await first_receipts(receiver)
                    cpu_before = cpu_seconds(worker.pid)
                    delivered = await receipts(receiver, events)
                    service_cpu = (cpu_seconds(worker.pid) - cpu_before) / (events - early)
                    service_rate = rate(delivered)
                    event_ids = {event_id for _, _, event_id, _ in delivered}
                    bodies = [
                        (str(await subscription_url(d)), d.payload)
                        for d in await WebhookDelivery.filter(event_id__in=[int(e) for e in event_ids])
                    ]
                    await reset(receiver)
                    started, bare_cpu = time.perf_counter(), time.process_time()
                    await bare_loop(bodies)
                    bare_elapsed = time.perf_counter() - started
                    bare_cpu = (time.process_time() - bare_cpu) / len(bodies)
                    bare = await receipts(receiver, len(bodies))
                    bare_rate = rate(bare)
                    ratio = service_rate / bare_rate
                    print(
                        f"  service {service_rate:7.0f} deliveries/s   bare httpx loop {bare_rate:7.0f} POST/s "
                        f"({len(bodies) / bare_elapsed:.0f}/s with its client)   ratio {ratio:.2f}",
                        flush=True,
                    )
                    print(
                        f"  CPU per delivery {service_cpu * 1000:.2f} ms (the worker), "
                        f"per POST {bare_cpu * 1000:.2f} ms (the bare loop's process)",
                        flush=True,
                    )

                    print(
                        f"Phase 3: {events} events at {per_second:.0f} a second, the agency's subscription "
                        "(every event) never answered …",
                        flush=True,
                    )
                    await subscribe(settings, AGENCY, f"{receiver}/dead", sender=True)
                    await reset(receiver)
                    await send_all(http, agency, orgnos, events, "dead", per_second)
                    with_dead = latencies(await receipts(receiver, events))
                    print("  " + describe("commit → receipt (the others)", with_dead), flush=True)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(30)
            receiver_process.terminate()
            await receiver_process.wait()
    passed = (
        ratio >= TARGET_RATIO and percentile(healthy, 0.99) < TARGET_P99 and percentile(with_dead, 0.99) < TARGET_P99
    )
    print(f"Targets (ratio ≥ {TARGET_RATIO}, p99 < {TARGET_P99:.0f} s healthy and beside a dead receiver): "
          f"{'met' if passed else 'NOT met'}")  # fmt: skip
    return passed


async def subscription_url(delivery: WebhookDelivery) -> str:
    await delivery.fetch_related("subscription")
    return str(delivery.subscription.url)


async def wait_for_receiver(receiver: str) -> None:
    async with httpx.AsyncClient() as http:
        for _ in range(100):
            try:
                await http.get(f"{receiver}/stats")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    sys.exit("the receiver did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=100)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=100.0, help="letters a second in phases 1 and 3")
    options = parser.parse_args()
    sys.exit(0 if asyncio.run(run(options.subscriptions, options.events, options.rate)) else 1)


if __name__ == "__main__":
    main()
