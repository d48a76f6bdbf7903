"""The send condition: a real HTTP endpoint that says no, is down, redirects, trickles, answers 400 MB, or sits on a
private address; and a slow peer never holds more than its share of a worker's job slots."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import time
import tracemalloc
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from arq.connections import ArqRedis
from arq.worker import Worker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route
from tortoise.queryset import QuerySet

from correspondence.adapters.condition_endpoint import (
    MAX_ANSWER_BYTES,
    ConditionEndpointError,
    PeerBusy,
    PeerSlots,
    send_condition,
    url_problem,
)
from correspondence.adapters.local_ports import free_port
from correspondence.adapters.sms_sink import embedded_http
from correspondence.kit import clock
from correspondence.notification import jobs
from correspondence.notification.enums import NotificationOrderStatus
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.settings import Settings
from correspondence.worker import worker_settings
from tests.fixtures.mail import SmtpSink
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import CREATE, drain, order_input

pytestmark = pytest.mark.dialect_independent  # the HTTP exchange with the condition endpoint


NO = b'{"sendNotification": false}'
TRICKLE_INTERVAL = 2.0  # seconds between the bytes of a trickled answer
HUGE = 400 * 1024 * 1024
CHUNK = 64 * 1024
DEADLINE = 1.5  # the tests' condition deadline (seconds), well below a trickled answer's 56 s
# 8 KB on the wire, 8 MB inflated: more than the memory the test allows a check.
BOMB = gzip.compress(b" " * 8 * 1024 * 1024 + NO)


@dataclass
class ConditionServer:
    base: str = ""
    hits: list[str] = field(default_factory=list)
    bytes_sent: int = 0

    def app(self) -> Starlette:
        async def trickle() -> AsyncIterator[bytes]:
            for byte in NO:  # a complete "no", had anyone waited for it
                yield bytes([byte])
                await asyncio.sleep(TRICKLE_INTERVAL)

        async def huge() -> AsyncIterator[bytes]:
            chunk = b'{"sendNotification": true, "padding": "'.ljust(CHUNK, b"x")
            while self.bytes_sent < HUGE:  # generated as it goes: the server holds one chunk, never 400 MB
                self.bytes_sent += len(chunk)
                yield chunk

        async def answer(request: Request) -> Response:
            self.hits.append(request.url.path)
            match request.path_params["name"]:
                case "yes":
                    return JSONResponse({"sendNotification": True})
                case "no":
                    return JSONResponse({"sendNotification": False})
                case "redirect":
                    return RedirectResponse(f"{self.base}no")
                case "garbage":
                    return JSONResponse({"send": "maybe"})
                case "trickle":
                    return StreamingResponse(trickle(), media_type="application/json")
                case "huge":
                    return StreamingResponse(huge(), media_type="application/json")
                case "huge-declared":
                    return StreamingResponse(
                        huge(), media_type="application/json", headers={"content-length": str(HUGE)}
                    )
                case "compressed":
                    return Response(BOMB, media_type="application/json", headers={"content-encoding": "gzip"})
            return JSONResponse({"error": "down"}, status_code=500)

        return Starlette(routes=[Route("/{name}", answer)])


@pytest.fixture
async def condition_server() -> AsyncIterator[ConditionServer]:
    server = ConditionServer()
    async with embedded_http(server.app()) as url:
        server.base = url
        yield server


async def _create(client: GraphQLClient, tokens: Tokens, endpoint: str, key: str = "order-1") -> str:
    data = order_input(conditionEndpoint=endpoint, idempotencyId=key)
    result = await client(CREATE, {"input": data}, tokens.service_owner(ORG_AGENCY))
    return str(result.data["createNotificationOrder"]["id"])


async def test_condition_false_ends_the_order(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, condition_server: ConditionServer
) -> None:
    order_id = await _create(client, tokens, f"{condition_server.base}no")
    await drain(ctx)
    order = await NotificationOrder.get(id=order_id)
    assert order.status is NotificationOrderStatus.SEND_CONDITION_NOT_MET
    assert await Notification.filter(order_id=order_id).count() == 0
    assert smtp_sink.messages == []
    assert condition_server.hits == ["/no"]


async def test_condition_true_sends(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, condition_server: ConditionServer
) -> None:
    order_id = await _create(client, tokens, f"{condition_server.base}yes")
    await drain(ctx)
    assert (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize(
    "name", ["down", "redirect", "garbage", "refused", "trickle", "huge", "huge-declared", "compressed"]
)
async def test_condition_error_is_asked_again_after_a_minute_then_sent_anyway(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    smtp_sink: SmtpSink,
    condition_server: ConditionServer,
    notification_settings: Settings,
    name: str,
) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/yes" if name == "refused" else f"{condition_server.base}{name}"
    ctx["settings"] = notification_settings.model_copy(update={"condition_endpoint_deadline_seconds": DEADLINE})
    order_id = await _create(client, tokens, endpoint)
    started = time.monotonic()
    await drain(ctx)
    assert time.monotonic() - started < DEADLINE + 1.0  # a failed check, however it fails, ends by the deadline
    waiting = await NotificationOrder.get(id=order_id)
    assert waiting.status is NotificationOrderStatus.PROCESSING
    assert waiting.condition_failures == 1
    assert waiting.process_after - clock.now() > timedelta(seconds=55)
    assert smtp_sink.messages == []

    clock.advance(timedelta(seconds=59))
    await drain(ctx)
    assert smtp_sink.messages == []  # not before the minute is up
    clock.advance(timedelta(seconds=2))
    await drain(ctx)
    sent = await NotificationOrder.get(id=order_id)
    assert sent.status is NotificationOrderStatus.COMPLETED
    assert "without a condition answer" in (sent.status_reason or "")
    assert len(smtp_sink.messages) == 1
    if name == "redirect":
        assert "/no" not in condition_server.hits  # the redirect was not followed


async def test_private_address_is_refused_on_the_resolved_name_outside_dev_mode(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    smtp_sink: SmtpSink,
    condition_server: ConditionServer,
    notification_settings: Settings,
) -> None:
    port = condition_server.base.rsplit(":", 1)[1].rstrip("/")
    endpoint = f"http://localhost:{port}/no"  # a name: only resolving it shows the loopback address
    with pytest.raises(ConditionEndpointError, match="private or loopback"):
        await send_condition(endpoint, allow_private=False)
    assert await send_condition(endpoint, allow_private=True) is False

    order_id = await _create(client, tokens, endpoint)
    ctx["settings"] = notification_settings.model_copy(update={"dev_mode": False, "allow_private_endpoints": False})
    await drain(ctx)
    clock.advance(timedelta(seconds=61))
    await drain(ctx)
    # Refused twice, never called: the "no" it would have answered was never heard, and the order went out.
    assert condition_server.hits == ["/no"]  # only the direct call with allow_private above
    assert (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize(
    "host",
    [
        "[::127.0.0.1]",  # IPv4-compatible
        "[::ffff:127.0.0.1]",  # IPv4-mapped
        "[::ffff:10.0.0.1]",
        "[64:ff9b::127.0.0.1]",  # NAT64 well-known prefix
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254, the cloud metadata address
        "[64:ff9b:1::7f00:1]",  # NAT64 for local use
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
        "[2002:c0a8:101::1]",  # 6to4 of 192.168.1.1
        "[::]",
        "[::1]",
    ],
)
def test_ipv6_forms_of_private_ipv4_addresses_are_private(host: str) -> None:
    assert url_problem(f"http://{host}/yes", allow_private=False) == (
        "The condition endpoint points to a private or loopback address."
    )
    assert url_problem(f"http://{host}/yes", allow_private=True) is None


@pytest.mark.parametrize("host", ["[::8.8.8.8]", "[64:ff9b::808:808]", "[2002:808:808::1]", "[2001:4860:4860::8888]"])
def test_ipv6_forms_of_public_addresses_stay_public(host: str) -> None:
    assert url_problem(f"http://{host}/yes", allow_private=False) is None


@pytest.mark.parametrize("name", ["trickle", "huge", "huge-declared", "compressed"])
async def test_a_hostile_answer_costs_bounded_time_and_memory(condition_server: ConditionServer, name: str) -> None:
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ConditionEndpointError) as refused:
            await send_condition(f"{condition_server.base}{name}", allow_private=True, deadline_seconds=DEADLINE)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < DEADLINE + 0.5
    # The peak includes the in-process server's chunk and the compressed body: far below 400 MB or 50 MB inflated.
    assert peak < 4 * 1024 * 1024, peak
    expected = {
        "trickle": f"did not answer within {DEADLINE:g} s",
        "huge": f"larger than {MAX_ANSWER_BYTES} bytes",
        "huge-declared": f"larger than {MAX_ANSWER_BYTES} bytes",
        "compressed": "compressed",
    }
    assert expected[name] in str(refused.value)
    assert condition_server.bytes_sent < 16 * 1024 * 1024  # the reader hung up, the 400 MB were never sent


async def _eventually(rows: QuerySet[NotificationOrder], started: float, within_seconds: float) -> None:
    """Polls the database, the only witness of a worker's progress, until `rows` exist."""
    while not await rows.exists():
        assert time.monotonic() - started < within_seconds, "not in time"
        await asyncio.sleep(0.02)


async def test_one_slow_peer_never_holds_more_than_its_share_of_the_workers_job_slots(
    client: GraphQLClient,
    tokens: Tokens,
    smtp_sink: SmtpSink,
    condition_server: ConditionServer,
    notification_settings: Settings,
    redis_pool: ArqRedis,
) -> None:
    settings = notification_settings.model_copy(
        update={"condition_endpoint_deadline_seconds": 3.0, "condition_endpoint_slots_per_host": 1}
    )
    slow = [await _create(client, tokens, f"{condition_server.base}trickle", f"slow-{i}") for i in range(6)]
    port = condition_server.base.rsplit(":", 1)[1].rstrip("/")
    unrelated = await _create(client, tokens, f"http://localhost:{port}/yes", "unrelated")  # another host name
    options = worker_settings(settings)
    # Four job slots: six trickling checks would fill them all, and hold them for the trickle's 56 s.
    options.update(on_startup=None, on_shutdown=None, cron_jobs=[], burst=True, poll_delay=0.01, handle_signals=False)
    options.update(max_jobs=4)
    worker = Worker(redis_pool=redis_pool, **{k: v for k, v in options.items() if k != "redis_settings"})
    started = time.monotonic()
    running = asyncio.create_task(worker.main())
    try:
        # Promptly, while the slow peer's one check still runs.
        await _eventually(
            NotificationOrder.filter(id=unrelated, status=NotificationOrderStatus.COMPLETED), started, 1.5
        )
        # The slow check ends at its deadline (its retry waits a minute: not in this test).
        await _eventually(NotificationOrder.filter(id__in=slow, condition_failures=1), started, 3.0 + 1.0)
    finally:
        running.cancel()
        await jobs.close_adapters(worker.ctx)
    assert len(smtp_sink.messages) == 1
    orders = [await NotificationOrder.get(id=order_id) for order_id in slow]
    # One check ran into the deadline and counts as the first failure; the others were given back untouched.
    assert sorted(o.condition_failures for o in orders) == [0, 0, 0, 0, 0, 1]
    assert {o.status for o in orders if not o.condition_failures} == {NotificationOrderStatus.REGISTERED}
    assert condition_server.hits.count("/trickle") == 1


def test_peer_slots_bound_each_host_and_all_hosts_together() -> None:
    slots = PeerSlots(per_host=2, total=3)
    with contextlib.ExitStack() as held:
        held.enter_context(slots.take("https://a.example/x"))
        held.enter_context(slots.take("https://A.example:443/y"))  # the same host, however spelt
        with pytest.raises(PeerBusy, match=r"of a\.example"):
            held.enter_context(slots.take("https://a.example/z"))
        held.enter_context(slots.take("https://b.example/"))
        with pytest.raises(PeerBusy, match="3 condition checks"):  # many host names share one total
            held.enter_context(slots.take("https://c.example/"))
    with slots.take("https://c.example/"), slots.take("https://a.example/"):
        pass  # the slots came back when the checks ended
