"""arq worker settings: every job function, the cron sweeps, and the worker's health check."""

from __future__ import annotations

from typing import Any, ClassVar
from wsgiref.simple_server import WSGIServer

from arq import cron
from arq.cron import CronJob
from prometheus_client import start_http_server

from correspondence.adapters import queue
from correspondence.attachment import jobs as attachment_jobs
from correspondence.correspondence import jobs as correspondence_jobs
from correspondence.kit import db, garbage_collector
from correspondence.notification import jobs as notification_jobs
from correspondence.settings import Settings
from correspondence.webhook import jobs as webhook_jobs

# Short timeouts: after a worker dies, its jobs wait for the longest timeout + 10 s before another takes them.
JOB_TIMEOUT_SECONDS = 60


async def startup(ctx: dict[str, Any]) -> None:
    settings: Settings = ctx.setdefault("settings", Settings())
    await notification_jobs.start_heartbeat(ctx)
    if not ctx.get("embedded"):  # else the API in this process owns the ORM and the queue pool (`correspondence run`)
        await db.init_orm(settings.effective_database_url)
        queue.use_pool(ctx["redis"])
        garbage_collector.settle_after_startup()
        if settings.worker_metrics_address:
            ctx["metrics_server"] = serve_metrics(settings.worker_metrics_address)
    webhook_jobs.start_dispatcher(ctx)


def serve_metrics(address: str) -> WSGIServer:
    """The worker's Prometheus metrics over HTTP (a thread of prometheus_client's); the API's /metrics shows only
    its own process, and the webhook deliveries happen here."""
    host, _, port = address.rpartition(":")
    server, _ = start_http_server(int(port), addr=host.strip("[]"))
    return server


async def shutdown(ctx: dict[str, Any]) -> None:
    await notification_jobs.stop_heartbeat(ctx)
    await webhook_jobs.stop_dispatcher(ctx)
    if (metrics_server := ctx.pop("metrics_server", None)) is not None:
        metrics_server.shutdown()
    await notification_jobs.close_adapters(ctx)
    if ctx.get("embedded"):
        return  # the API in the same process owns the ORM and the queue pool
    queue.use_pool(None)
    await db.close_orm()


class WorkerSettings:
    """arq's settings for every worker; `worker_settings()` adds the Redis connection and our settings."""

    functions = correspondence_jobs.FUNCTIONS + attachment_jobs.FUNCTIONS + notification_jobs.FUNCTIONS
    # Named explicitly: arq names a cron job after its function, and two domains each have a `sweep`; with the
    # same name one would silently replace the other.
    cron_jobs: ClassVar[list[CronJob]] = [
        cron(
            correspondence_jobs.sweep,
            name="cron:correspondence_sweep",
            second={0, 30},
            run_at_startup=True,
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            correspondence_jobs.retention,
            name="cron:correspondence_retention",
            hour={3},
            minute={15},
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            attachment_jobs.sweep_attachments,
            name="cron:attachment_sweep",
            minute=set(range(0, 60, 5)),
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            notification_jobs.sweep,
            name="cron:notification_sweep",
            second={15, 45},
            run_at_startup=True,
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            notification_jobs.recover,
            name="cron:notification_recovery",
            second=set(range(0, 60, 5)),  # a dead worker's claims are resumed within seconds of its heartbeat lapsing
            run_at_startup=True,
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            notification_jobs.delete_old_feed,
            name="cron:notification_feed_retention",
            hour={3},
            minute={45},
            timeout=JOB_TIMEOUT_SECONDS,
        ),
        cron(
            notification_jobs.expire_notifications,
            name="cron:notification_expiry",
            second={20},
            timeout=JOB_TIMEOUT_SECONDS,
        ),
    ]
    on_startup = startup
    on_shutdown = shutdown
    job_timeout = JOB_TIMEOUT_SECONDS
    keep_result = 0  # sweeps and retries reuse job ids; a kept result would make arq drop them
    max_tries = 5
    health_check_interval = 30
    max_jobs = 20
    # arq sleeps this long after each pass over the queue (default 0.5 s): with a busy queue that idles the
    # worker between passes, and every hop of a chain (publish → process → dispatch) waits for it.
    poll_delay = 0.05


def worker_settings(settings: Settings, *, embedded: bool = False) -> dict[str, Any]:
    """Keyword arguments for `arq.worker.Worker`. `embedded`: the worker shares its process with the API, which
    initialises and closes the ORM and the queue pool."""
    if not settings.redis_url:
        raise RuntimeError("CORRESPONDENCE_REDIS_URL is not set")
    static = {k: v for k, v in vars(WorkerSettings).items() if not k.startswith("_")}
    ctx = {"settings": settings, "embedded": embedded, **notification_jobs.shared_context(settings)}
    return {**static, "redis_settings": queue.redis_settings(settings.redis_url), "ctx": ctx}
