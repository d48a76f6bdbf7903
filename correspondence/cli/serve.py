"""The production processes: `api` (the HTTP/GraphQL service) and `worker` (one arq job worker)."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer
import uvloop
from arq.worker import Worker

from correspondence.adapters.http_server import run_server, server_config
from correspondence.adapters.storage import StorageUnavailableError
from correspondence.adapters.tokens import ensure_dev_keys
from correspondence.attachment.content import storage as attachment_storage
from correspondence.cli.environment import configure_logging, fail, load_settings, require
from correspondence.settings import Settings
from correspondence.worker import worker_settings

APP_FACTORY = "correspondence.app:app_from_environment"
REDIS_PURPOSE = "the Redis URL of the job queue and event bus, e.g. redis://127.0.0.1:6379/0"
JWKS_PURPOSE = "the token issuer's keys (file://… or https://…), required outside dev mode"
SMTP_PURPOSE = "the SMTP relay that delivers notification e-mails"
KEYS_PURPOSE = "the master keys that encrypt attachments at rest (kid:base64key,…), required outside dev mode"


def api(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Number of API processes.", min=1)] = 1,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM); needs --ssl-certfile.")] = None,
    ssl_certfile: Annotated[Path | None, typer.Option(help="TLS certificate chain (PEM); needs --ssl-keyfile.")] = None,
) -> None:
    """Run the API (GraphQL, downloads and uploads, delivery reports, probes) without any embedded service."""
    settings = load_settings()
    missing = {} if settings.redis_url else {"CORRESPONDENCE_REDIS_URL": REDIS_PURPOSE}
    if not settings.dev_mode and not settings.jwks_url:
        missing["CORRESPONDENCE_JWKS_URL"] = JWKS_PURPOSE
    if not settings.dev_mode and not settings.master_keys:
        missing["CORRESPONDENCE_MASTER_KEYS"] = KEYS_PURPOSE
    require("api", missing)
    check_storage("api", settings)
    if (ssl_keyfile is None) != (ssl_certfile is None):
        raise typer.BadParameter("Give both --ssl-keyfile and --ssl-certfile, or neither.")
    if settings.dev_mode:
        ensure_dev_keys(settings.dev_key_dir)
    if workers > 1:
        _prometheus_multiprocess(settings.data_dir / "prometheus")
    run_server(
        server_config(
            APP_FACTORY,
            settings,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
            ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
            log_level="info",
        )
    )


def check_storage(command: str, settings: Settings) -> None:
    """Stop at once when the attachment store cannot be used: a missing bucket or refused credentials would
    otherwise surface only as the first upload's failure."""
    try:
        asyncio.run(attachment_storage(settings).check())
    except StorageUnavailableError as error:
        fail(f"correspondence {command}: {error}")


def _prometheus_multiprocess(directory: Path) -> None:
    # Each API process writes its samples to files here, so /metrics from any one process reports them all.
    # Set before uvicorn spawns the processes: prometheus_client reads it on import. Stale files of an earlier
    # run would be counted again, so the directory starts empty.
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(directory)


def worker() -> None:
    """Run one arq worker: jobs and periodic sweeps. Start as many as the load needs."""
    settings = load_settings()
    missing = {} if settings.redis_url else {"CORRESPONDENCE_REDIS_URL": REDIS_PURPOSE}
    if not settings.smtp_host:
        missing["CORRESPONDENCE_SMTP_HOST"] = SMTP_PURPOSE
    if not settings.dev_mode and not settings.master_keys:
        missing["CORRESPONDENCE_MASTER_KEYS"] = KEYS_PURPOSE  # the worker deletes and expires attachment bytes
    require("worker", missing)
    check_storage("worker", settings)
    configure_logging()
    # arq's Worker takes the current loop; SIGINT/SIGTERM stop it cleanly. uvloop, as uvicorn gives the API: the
    # worker's time goes to sockets (PostgreSQL, SMTP, webhooks), where it is markedly faster than asyncio's own.
    loop = uvloop.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        Worker(**worker_settings(settings)).run()
    finally:
        loop.close()
