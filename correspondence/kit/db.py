"""Database wiring: Tortoise configuration for SQLite or PostgreSQL, and aerich migrations per dialect.

aerich writes SQL for the dialect it is connected to, so each dialect keeps its own migration set under
`migrations/<dialect>/`; both are generated from the same models (see `scripts/makemigrations.py`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

from aerich import Command
from tortoise import Tortoise
from tortoise.backends.base.config_generator import expand_db_url

MIGRATIONS_ROOT = Path(__file__).resolve().parent.parent.parent / "migrations"
# Every domain's models, in one Tortoise app: foreign keys name them as "models.<Class>".
MODEL_MODULES = [
    "correspondence.registry.models",
    "correspondence.correspondence.models",
    "correspondence.attachment.models",
    "correspondence.notification.models",
    "correspondence.webhook.models",
]
APP = "models"

Dialect = Literal["sqlite", "postgres"]
T = TypeVar("T")


def dialect_of(database_url: str) -> Dialect:
    if database_url.startswith("sqlite:"):
        return "sqlite"
    if database_url.startswith(("postgres:", "postgresql:", "asyncpg:")):
        return "postgres"
    raise ValueError(f"Unsupported database URL scheme: {database_url.split(':', 1)[0]}")


def tortoise_config(database_url: str, *, pool_size: int = 10) -> dict[str, Any]:
    if dialect_of(database_url) == "sqlite":
        path = database_url.removeprefix("sqlite://")
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = expand_db_url(database_url.replace("postgresql://", "postgres://", 1))
    credentials = connection["credentials"]
    if connection["engine"].endswith("sqlite"):
        # The API and the worker share the file: wait for the writer instead of failing with "locked".
        credentials.setdefault("busy_timeout", 10000)
        credentials.setdefault("synchronous", "NORMAL")
        connection["engine"] = "correspondence.adapters.sqlite"
    else:
        credentials.setdefault("minsize", 1)
        credentials.setdefault("maxsize", pool_size)
        credentials["reset"] = _release_without_session_reset
    # The connection is named after its dialect: Tortoise caches compiled SQL per connection name, and the
    # test suite runs both dialects in one process.
    name = dialect_of(database_url)
    return {
        "connections": {name: connection},
        "apps": {APP: {"models": [*MODEL_MODULES, "aerich.models"], "default_connection": name}},
        "use_tz": True,
        "timezone": "UTC",
    }


async def _release_without_session_reset(connection: object) -> None:
    """Return a PostgreSQL connection to the pool as it is.

    Tortoise takes a pooled connection for every query, and asyncpg's default release sends `SELECT
    pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL` each time: a second round trip per query. This
    service keeps no session state (no session locks, LISTEN, open cursors or SET), and the pool still rolls back
    a transaction left open before calling this, so there is nothing to reset.
    """


def migrations_location(database_url: str) -> Path:
    return MIGRATIONS_ROOT / dialect_of(database_url)


async def init_orm(database_url: str, *, pool_size: int = 10) -> None:
    # The global fallback lets request handlers and jobs, which run outside the task that called init,
    # see the ORM (Tortoise 1.x keeps its state in a ContextVar).
    await Tortoise.init(config=tortoise_config(database_url, pool_size=pool_size), _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()  # also releases the global fallback context


@asynccontextmanager
async def orm(database_url: str, *, pool_size: int = 10) -> AsyncIterator[None]:
    await init_orm(database_url, pool_size=pool_size)
    try:
        yield
    finally:
        await close_orm()


async def _upgrade(database_url: str) -> list[str]:
    config = tortoise_config(database_url)
    # aerich initialises Tortoise only when it sees no ORM, and an application ORM started with the global
    # fallback is visible from every thread: initialise this context explicitly.
    await Tortoise.init(config=config)
    async with Command(config, app=APP, location=str(migrations_location(database_url))) as command:
        return await command.upgrade(run_in_transaction=True)


def migrate(database_url: str) -> list[str]:
    """Apply every migration not yet applied; returns the names of those applied now.

    Runs isolated: aerich initialises and closes Tortoise in the calling context, which must not touch the
    application's own ORM state.
    """
    return run_isolated(_upgrade(database_url))


def run_isolated(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a new event loop in a new thread, which starts with an empty context."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
