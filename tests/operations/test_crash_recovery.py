"""The whole service killed with SIGKILL (API, worker and the embedded Redis, all at once) while an order of 150
e-mails goes out, then started again: every e-mail is delivered within a minute of the restart, only those that
were mid-send at the crash may go out twice, and the order ends COMPLETED (contract §6).

The SMTP sink is the outside world, so it lives on; Redis restarts from its own snapshot directory, as
`correspondence run` keeps it. It runs on PostgreSQL, the production database, where workers claim with
`FOR UPDATE SKIP LOCKED`; the claims, their release and the restart take the same path on SQLite."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from correspondence.adapters.embedded_redis import EmbeddedRedis
from correspondence.notification.enums import NotificationOrderStatus, NotificationResult
from correspondence.notification.models import Notification, NotificationOrder
from tests.fixtures.mail import SmtpSink
from tests.fixtures.processes import ApiProcess, ready, start_api
from tests.helpers import ORG_AGENCY, Tokens
from tests.notification.world import CREATE, order_input

EMAILS = 150
RECOVERY_LIMIT_SECONDS = 60.0
WORKER = str(Path(sys.executable).with_name("correspondence"))


@dataclass
class Service:
    redis: EmbeddedRedis
    api: ApiProcess
    worker: subprocess.Popen[bytes]

    def kill(self) -> None:
        """SIGKILL to every process at once: nothing of ours gets to clean up."""
        for pid in (self.worker.pid, self.api.process.pid, self.redis.pid):
            os.kill(pid, signal.SIGKILL)
        self.worker.wait()
        self.api.process.wait()
        self.redis.stop()  # reaps the killed process


@contextmanager
def service(environment: dict[str, str], directory: Path, name: str) -> Iterator[Service]:
    with ExitStack() as stack:
        redis = stack.enter_context(EmbeddedRedis(directory / "redis"))
        env = {**environment, "CORRESPONDENCE_REDIS_URL": redis.url}
        api = start_api(env, directory, name)
        stack.callback(_end, api.process)
        with (directory / f"worker-{name}.log").open("wb") as log:
            worker = subprocess.Popen(
                [WORKER, "worker"], env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
            )
        stack.callback(_end, worker)
        yield Service(redis, api, worker)


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.kill()
    process.wait()


@pytest.fixture
def environment(database: str, data_dir: Path, smtp_sink: SmtpSink) -> dict[str, str]:
    return {
        "CORRESPONDENCE_DATABASE_URL": database,
        "CORRESPONDENCE_DATA_DIR": str(data_dir),
        "CORRESPONDENCE_DEV_MODE": "true",
        "CORRESPONDENCE_SMTP_HOST": "127.0.0.1",
        "CORRESPONDENCE_SMTP_PORT": str(smtp_sink.port),
        "CORRESPONDENCE_SMTP_TLS": "none",
        "CORRESPONDENCE_MAIL_FROM": "varsel@correspondence.test",
    }


async def _order(api: ApiProcess, token: str) -> str:
    recipients = [{"emailAddress": f"crash-{i}@example.no"} for i in range(EMAILS)]
    async with httpx.AsyncClient(base_url=api.url, timeout=30) as http:
        response = await http.post(
            "/graphql",
            json={"query": CREATE, "variables": {"input": order_input(idempotencyId="crash", recipients=recipients)}},
            headers={"Authorization": f"Bearer {token}"},
        )
    return str(response.json()["data"]["createNotificationOrder"]["id"])


async def _until(
    condition_met: Callable[[], Awaitable[bool]], seconds: float, what: str, *, every: float = 0.1
) -> None:
    deadline = time.monotonic() + seconds
    while not await condition_met():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        await asyncio.sleep(every)


@pytest.mark.parametrize("database", ["postgres"], indirect=True)
@pytest.mark.parametrize("kill_after", [0, 40, 100, 149])
async def test_a_killed_service_delivers_every_email_after_its_restart(
    db_clean: str, environment: dict[str, str], tmp_path: Path, smtp_sink: SmtpSink, tokens: Tokens, kill_after: int
) -> None:
    smtp_sink.delay = 0.01  # a relay's pace: the kill lands inside a batch
    with service(environment, tmp_path, "before") as before:
        await ready(before.api, within=180)  # a loaded machine starts slowly; the restart is what is measured
        order_id = await _order(before.api, tokens.service_owner(ORG_AGENCY))

        async def sent_enough() -> bool:
            return len(smtp_sink.messages) >= kill_after

        # Polled often to land inside a batch; it only counts, so the sink's thread keeps its pace.
        await _until(sent_enough, 60, f"{kill_after} e-mails sent before the crash", every=0.005)
        before.kill()
    delivered_at_crash = len(smtp_sink.messages)
    mid_send = {
        str(n.message_id)
        for n in await Notification.filter(order_id=order_id, status=NotificationResult.SENDING).only("message_id")
    }

    smtp_sink.delay = 0.0
    restarted = time.monotonic()
    with service(environment, tmp_path, "after"):

        async def everything_delivered() -> bool:
            if len(set(smtp_sink.message_ids)) < EMAILS:  # the database only once the sink has everything
                return False
            return (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED

        await _until(everything_delivered, RECOVERY_LIMIT_SECONDS, "every e-mail delivered, the order COMPLETED")
        recovery = time.monotonic() - restarted

    counts = smtp_sink.message_ids
    twice = {message_id for message_id, count in counts.items() if count > 1}
    assert twice <= mid_send, (twice - mid_send, delivered_at_crash)  # only what was mid-send went out twice
    assert max(counts.values()) <= 2
    notifications = await Notification.filter(order_id=order_id)
    assert {n.status for n in notifications} == {NotificationResult.SUCCEEDED}
    assert set(counts) == {n.message_id for n in notifications}
    print(f"killed after {delivered_at_crash} e-mails, {len(mid_send)} mid-send, {len(twice)} twice, {recovery:.1f} s")
