"""`correspondence run`: everything on one machine for development — migrations, an embedded Redis, a local
SMTP sink, the demo world on a fresh data dir, and the API and one worker in one process and event loop.

Shutdown order on Ctrl-C (SIGINT) or SIGTERM: the worker finishes its running jobs, the API drains its requests,
then the SMTP sink and Redis stop. Redis runs in its own session, so the terminal's Ctrl-C reaches only us.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Annotated

import typer
import uvicorn
from arq.worker import Worker

from correspondence.adapters.embedded_redis import EmbeddedRedis
from correspondence.adapters.http_server import server_config
from correspondence.adapters.mail_sink import MailSink
from correspondence.adapters.sms_sink import sms_sink
from correspondence.app import create_app
from correspondence.cli.demo import load_demo_world, print_access
from correspondence.cli.environment import configure_logging, fail, load_settings
from correspondence.kit import db
from correspondence.settings import Settings
from correspondence.worker import worker_settings

logger = logging.getLogger(__name__)

WORKER_DRAIN_SECONDS = 10.0
INTERRUPTED = 130


class EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handling: `run` stops the server and the worker together."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def run(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Run API and worker with embedded Redis and mail sink (dev mode unless CORRESPONDENCE_DEV_MODE says no)."""
    configure_logging()
    # Until the event loop takes over the signals, SIGTERM interrupts like Ctrl-C so the cleanup still runs.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        with ExitStack() as services:
            settings = _start_services(services, load_settings(dev_mode_default=True))
            _prepare_database(settings)
            asyncio.run(_serve_with_sms_sink(settings, host, port))
    except KeyboardInterrupt:
        raise typer.Exit(INTERRUPTED) from None


def _start_services(services: ExitStack, settings: Settings) -> Settings:
    """Start what is not configured; export its address so that every part of this process sees the same."""
    if not settings.redis_url:
        redis = services.enter_context(EmbeddedRedis(settings.data_dir / "redis"))
        os.environ["CORRESPONDENCE_REDIS_URL"] = redis.url
        typer.echo(f"Embedded Redis: {redis.url} (pid {redis.pid}, data in {redis.directory})")
    if not settings.smtp_host:
        sink = services.enter_context(MailSink(settings.data_dir / "mail"))
        os.environ["CORRESPONDENCE_SMTP_HOST"] = sink.host
        os.environ["CORRESPONDENCE_SMTP_PORT"] = str(sink.port)
        os.environ["CORRESPONDENCE_SMTP_TLS"] = "none"
        typer.echo(f"Mail sink: smtp://{sink.host}:{sink.port}, each mail saved as an .eml file in {sink.directory}")
    os.environ["CORRESPONDENCE_DEV_MODE"] = str(settings.dev_mode).lower()
    return load_settings()


def _prepare_database(settings: Settings) -> None:
    applied = db.migrate(settings.effective_database_url)
    # The first migration applied just now means the database was empty: a fresh data dir gets the demo world.
    if any(name.startswith("0_") for name in applied):
        load_demo_world(settings)
        typer.echo("Fresh database: demo world loaded.")


async def _serve_with_sms_sink(settings: Settings, host: str, port: int) -> None:
    """Without a configured SMS gateway, SMS go to a local sink that keeps each one under the data dir."""
    if settings.sms_gateway_url:
        await _serve(settings, host, port)
        return
    directory = settings.data_dir / "sms"
    async with sms_sink(directory) as url:
        typer.echo(f"SMS sink: {url}, each SMS saved as a .json file in {directory}")
        os.environ["CORRESPONDENCE_SMS_GATEWAY_URL"] = url
        await _serve(settings.model_copy(update={"sms_gateway_url": url}), host, port)


async def _serve(settings: Settings, host: str, port: int) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    server = EmbeddedServer(server_config(create_app(settings), settings, host=host, port=port, log_level="info"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        if serving.done():  # uvicorn could not start (port in use, lifespan failure); it has logged why
            with contextlib.suppress(SystemExit):
                await serving
            fail("The API did not start.")
        await asyncio.sleep(0.05)

    worker = Worker(**worker_settings(settings, embedded=True), handle_signals=False)
    working = asyncio.create_task(worker.async_run())
    print_access(settings, f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}")
    typer.echo("Press Ctrl-C to stop.")

    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({stopping, serving, working}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    logger.info("stopping")
    await _stop_worker(worker, working)
    server.should_exit = True
    await serving
    if not stop.is_set():  # the API or the worker ended on its own: everything else is stopped, say so
        fail("The API or the worker stopped unexpectedly; see the log above.")


async def _stop_worker(worker: Worker, working: asyncio.Task[None]) -> None:
    worker.allow_pick_jobs = False
    running = [task for task in worker.tasks.values() if not task.done()]
    if running:
        await asyncio.wait(running, timeout=WORKER_DRAIN_SECONDS)
    # close() cancels what still runs (arq retries those jobs later) and shuts the worker down.
    with contextlib.suppress(asyncio.CancelledError):
        await worker.close()
    try:
        await working
    except asyncio.CancelledError:
        pass  # the normal end: close() cancels the worker's main task
    except Exception:
        logger.exception("The worker failed")
