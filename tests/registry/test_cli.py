"""`correspondence import KIND FILE [--skip-invalid]` as an operator runs it: a subprocess on a fresh SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.helpers import PERSON_A, PERSON_B

COMMAND = Path(sys.executable).with_name("correspondence")


def _run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CORRESPONDENCE_")}
    env |= {"CORRESPONDENCE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
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
