"""Writing registry import files (contract §9) for the tests."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_rows(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> Path:
    """A `.csv` (header row, booleans as true|false, null as empty) or `.jsonl` file, by the path's extension."""
    columns = list(columns)
    with path.open("w", newline="", encoding="utf-8") as file:
        if path.suffix == ".csv":
            writer = csv.writer(file)
            writer.writerow(columns)
            writer.writerows([_text(row.get(c)) for c in columns] for row in rows)
        else:
            file.writelines(json.dumps(row) + "\n" for row in rows)
    return path
