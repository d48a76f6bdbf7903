"""`correspondence import KIND FILE [--skip-invalid]` as an operator runs it: a subprocess on a fresh SQLite file."""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

from redis.asyncio import Redis

from correspondence.adapters.event_bus import ACCESS_CHANGED, ALL_PARTIES, _db_of, channel
from tests.helpers import ORG_COMPANY, PERSON_A, PERSON_B

COMMAND = Path(sys.executable).with_name("correspondence")


def _run(data_dir: Path, *args: str, redis_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRESPONDENCE_")}
    env |= {"CORRESPONDENCE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    if redis_url is not None:
        env["CORRESPONDENCE_REDIS_URL"] = redis_url
    # The data dir as working directory: no stray .env file is read.
    return subprocess.run(
        [str(COMMAND), "import", *args], cwd=data_dir, env=env, capture_output=True, text=True, timeout=60
    )


def _persons(data_dir: Path) -> set[tuple[str, str]]:
    with sqlite3.connect(data_dir / "correspondence.sqlite3") as connection:
        return set(connection.execute("SELECT national_identity_number, name FROM person").fetchall())


def test_import_command(tmp_path: Path) -> None:
    good = tmp_path / "persons.csv"
    good.write_text(f"nationalIdentityNumber,name\n{PERSON_A},Kari Nordmann\n", encoding="utf-8")
    bad = tmp_path / "more-persons.jsonl"
    bad.write_text(
        f'{{"nationalIdentityNumber": "{PERSON_B}", "name": "Ola Nordmann"}}\n'
        '{"nationalIdentityNumber": "01010112378", "name": "Wrong Check"}\n',
        encoding="utf-8",
    )

    done = _run(tmp_path, "persons", str(good))
    assert done.returncode == 0, done.stderr
    assert "Imported 1 persons row(s); skipped 0." in done.stdout
    assert _persons(tmp_path) == {(PERSON_A, "Kari Nordmann")}

    rejected = _run(tmp_path, "persons", str(bad))
    assert rejected.returncode == 1
    assert "line 2: nationalIdentityNumber: The national identity number has a wrong check digit." in rejected.stdout
    assert "nothing was imported" in rejected.stdout
    assert _persons(tmp_path) == {(PERSON_A, "Kari Nordmann")}

    skipped = _run(tmp_path, "persons", str(bad), "--skip-invalid")
    assert skipped.returncode == 0, skipped.stderr
    assert "line 2: nationalIdentityNumber:" in skipped.stdout
    assert "Imported 1 persons row(s); skipped 1." in skipped.stdout
    assert _persons(tmp_path) == {(PERSON_A, "Kari Nordmann"), (PERSON_B, "Ola Nordmann")}

    unknown = _run(tmp_path, "people", str(good))
    assert unknown.returncode == 2
    assert "persons, organizations, resources" in unknown.stderr


def test_an_import_of_roles_without_a_reachable_redis_still_imports_and_says_so(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    roles = tmp_path / "roles.csv"
    roles.write_text(f"nationalIdentityNumber,organizationNumber,roleCode\n{PERSON_A},{ORG_COMPANY},DAGL\n")

    done = _run(tmp_path, "roles", str(roles), redis_url=f"redis://127.0.0.1:{closed_port}/0")

    assert done.returncode == 0, done.stderr
    assert "Redis is unreachable" in done.stdout
    assert "live-event subscribers see access changes within a minute" in done.stdout
    assert "Imported 1 roles row(s); skipped 0." in done.stdout


async def test_an_import_of_roles_is_announced_to_live_event_subscribers(tmp_path: Path, redis_url: str) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text(f"nationalIdentityNumber,organizationNumber,roleCode\n{PERSON_A},{ORG_COMPANY},DAGL\n")
    client = Redis.from_url(redis_url)
    async with client.pubsub() as pubsub:
        await pubsub.subscribe(channel(ACCESS_CHANGED, _db_of(client)))
        done = await asyncio.to_thread(_run, tmp_path, "roles", str(roles), redis_url=redis_url)
        assert done.returncode == 0, done.stderr
        async with asyncio.timeout(5):
            # None until a message other than the subscription's confirmation arrives.
            while (message := await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)) is None:
                pass
    await client.aclose()
    assert message["data"] == ALL_PARTIES.encode()
