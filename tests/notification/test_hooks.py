"""The notification domain reads and records letters only through hooks the correspondence domain registers: every
process that runs notifications has them registered, and one called unregistered fails loudly.

Each case imports in a fresh interpreter: this test process has long since imported everything."""

from __future__ import annotations

import subprocess
import sys

import pytest

# The hooks are registered together, by one module: two that need no database stand for all three.
REGISTERED = (
    "from correspondence.correspondence.repository import Correspondence\n"
    "from correspondence.correspondence.statuses import CorrespondenceStatus\n"
    "from correspondence.notification import hooks\n"
    "hooks.settled()\n"
    "letter = Correspondence(status=CorrespondenceStatus.READY_FOR_PUBLISH, is_read=False, published=None)\n"
    "assert hooks.state_of(letter) == hooks.LetterState(False, False, False, False)\n"
)


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("entry_point", ["correspondence.app", "correspondence.worker", "correspondence.cli.run"])
def test_every_entry_point_registers_the_letter_hooks(entry_point: str) -> None:
    result = _run(f"import {entry_point}\n{REGISTERED}")
    assert result.returncode == 0, result.stderr


def test_an_unregistered_hook_fails_loudly() -> None:
    result = _run(
        "from correspondence.notification import hooks\n"
        "try:\n"
        "    hooks.settled()\n"
        "except hooks.UnregisteredHook as error:\n"
        "    print(error)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "'settled' is not registered" in result.stdout
