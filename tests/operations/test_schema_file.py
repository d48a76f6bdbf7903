"""The checked-in SDL (`schema.graphql`) is the contract clients read: it must match the code."""

from __future__ import annotations

from correspondence.graphql.export import REGENERATE, SCHEMA_FILE, sdl


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_FILE.exists(), f"{SCHEMA_FILE.name} is missing; write it with `{REGENERATE}`"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), (
        f"{SCHEMA_FILE.name} is stale: regenerate it with `{REGENERATE}` and commit it"
    )
