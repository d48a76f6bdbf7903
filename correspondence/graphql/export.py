"""Writes the GraphQL schema (SDL) to `schema.graphql` at the repository root, or to the path given.

    uv run python -m correspondence.graphql.export [PATH]

The checked-in file is the contract clients read; a test fails when it no longer matches the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from correspondence.graphql.schema import build_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"
REGENERATE = "uv run python -m correspondence.graphql.export"


def sdl() -> str:
    # The dev-mode schema; both modes have the same types (they differ in introspection and field suggestions).
    return build_schema(dev_mode=True).as_str() + "\n"


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else SCHEMA_FILE
    target.write_text(sdl(), encoding="utf-8")
    print(f"Wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])
