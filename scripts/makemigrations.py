"""Generate the next aerich migration for both dialects from the current models.

Usage: uv run python scripts/makemigrations.py NAME
Needs a PostgreSQL at CORRESPONDENCE_MIGRATIONS_POSTGRES (default postgres://postgres@127.0.0.1:5432/postgres).
Each dialect gets a scratch database at the latest migration; aerich diffs the models against it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import uuid

import asyncpg
from aerich import Command
from aerich.ddl.sqlite import SqliteDDL
from aerich.migrate import Migrate
from tortoise import Tortoise

from correspondence.kit.db import APP, migrations_location, run_isolated, tortoise_config


async def _make(database_url: str, name: str) -> None:
    location = migrations_location(database_url)
    first = not (location / APP).exists() or not any((location / APP).glob("*.py"))
    config = tortoise_config(database_url)
    await Tortoise.init(config=config)
    async with Command(config, app=APP, location=str(location)) as command:
        if first:
            await command.init_db(safe=True)
            print(f"{location}: initial migration written")
            return
        await command.upgrade(run_in_transaction=True)
        await command.init()  # re-read the models' state of the migration just applied
        written = await command.migrate(name)
        print(f"{location}: {written or 'no changes'}")


def _skip_column_comments_on_sqlite() -> None:
    """SQLite keeps no column comments, yet aerich refuses a changed one there instead of skipping it: a new
    member of an enum changes the description of every CharEnumField of that enum. Write nothing for it."""
    add_operator = Migrate._add_operator.__func__  # type: ignore[attr-defined]

    def skipping_empty(cls: type[Migrate], operator: str, upgrade: bool = True, fk_m2m_index: bool = False) -> None:
        if operator:
            add_operator(cls, operator, upgrade, fk_m2m_index)

    SqliteDDL.set_comment = lambda self, model, field_describe: ""  # type: ignore[assignment,method-assign]
    Migrate._add_operator = classmethod(skipping_empty)  # type: ignore[assignment,method-assign]


def _make_sqlite(name: str) -> None:
    _skip_column_comments_on_sqlite()
    with tempfile.TemporaryDirectory() as scratch:
        run_isolated(_make(f"sqlite://{scratch}/scratch.sqlite3", name))


async def _make_postgres(name: str) -> None:
    server = os.environ.get("CORRESPONDENCE_MIGRATIONS_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
    database = f"makemigrations_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{database}"')
    try:
        await _make(server.rsplit("/", 1)[0] + "/" + database, name)
    finally:
        await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
        await admin.close()


def main(name: str) -> None:
    # One process per dialect: aerich keeps class-level state (the dialect's DDL generator) that would leak
    # from the first dialect into the second.
    for dialect in ("sqlite", "postgres"):
        subprocess.run([sys.executable, __file__, name, dialect], check=True)


if __name__ == "__main__":
    arguments = sys.argv[1:] or ["update"]
    if len(arguments) == 2:
        _make_sqlite(arguments[0]) if arguments[1] == "sqlite" else run_isolated(_make_postgres(arguments[0]))
    else:
        main(arguments[0])
