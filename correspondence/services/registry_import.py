"""Bulk import of the registries (design §9): a `.csv` file with a header row, or `.jsonl`, chosen by extension.

Two streaming passes keep memory flat whatever the file size: the first validates every row (so a rejected file
writes nothing), the second upserts the valid rows in batches inside one transaction. Only the keys seen, for
finding duplicates within the file, and the errors are kept across rows.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tortoise.transactions import in_transaction

from correspondence.errors import BadUserInput
from correspondence.services.registry import upsert_many
from correspondence.services.registry_records import RECORDS, Record

KINDS: tuple[str, ...] = tuple(RECORDS)
BATCH_SIZE = 1000
FORMATS = (".csv", ".jsonl")


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportReport:
    imported: int
    skipped: list[RowError] = field(default_factory=list)


class ImportRejected(Exception):  # noqa: N818 - the name is the CLI's interface
    """The file has bad rows and `skip_invalid` was not given: nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} invalid row(s); nothing was imported.")
        self.errors = errors


@dataclass(frozen=True, slots=True)
class _Row:
    line: int  # where the row starts in the file, counting from 1
    values: dict[str, object]
    problem: str | None = None  # the row could not be read into values at all


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the file must end in .csv or .jsonl.")
    return suffix


def _record_class(kind: str) -> type[Record]:
    try:
        return RECORDS[kind]
    except KeyError:
        raise ValueError(f"Unknown kind {kind!r}; expected one of: {', '.join(KINDS)}.") from None


def _read(path: Path) -> Iterator[_Row]:
    return _read_csv(path) if _suffix(path) == ".csv" else _read_jsonl(path)


def _read_csv(path: Path) -> Iterator[_Row]:
    # utf-8-sig: spreadsheets write a byte-order mark.
    with path.open(newline="", encoding="utf-8-sig") as file:
        reader = csv.reader(file)
        header = [name.strip() for name in next(reader, [])]
        end_of_previous = reader.line_num
        for values in reader:
            # A quoted value may span lines: the row starts right after the previous one ended.
            line, end_of_previous = end_of_previous + 1, reader.line_num
            if not values:
                continue
            if len(values) != len(header):
                yield _Row(line, {}, f"Expected {len(header)} values as in the header, found {len(values)}.")
            else:
                yield _Row(line, dict(zip(header, values, strict=True)))


def _read_jsonl(path: Path) -> Iterator[_Row]:
    with path.open(encoding="utf-8-sig") as file:
        for line, text in enumerate(file, start=1):
            if not text.strip():
                continue
            try:
                values = json.loads(text)
            except json.JSONDecodeError as error:
                yield _Row(line, {}, f"Not valid JSON: {error.msg} (column {error.colno}).")
                continue
            if isinstance(values, dict):
                yield _Row(line, values)
            else:
                yield _Row(line, {}, "Each line must be one JSON object.")


def _csv_header_problem(path: Path, kind: type[Record]) -> str | None:
    with path.open(newline="", encoding="utf-8-sig") as file:
        header = [name.strip() for name in next(csv.reader(file), [])]
    if not header:
        return "The file is empty: a CSV file starts with a header row."
    problems = []
    if duplicated := sorted({name for name in header if header.count(name) > 1}):
        problems.append(f"duplicate column(s) {', '.join(duplicated)}")
    if unknown := [name for name in header if name not in kind.COLUMNS]:
        problems.append(f"unknown column(s) {', '.join(unknown)}")
    if missing := [name for name in kind.REQUIRED if name not in header]:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if not problems:
        return None
    return f"Header: {'; '.join(problems)}. The columns are: {', '.join(kind.COLUMNS)}."


def count_rows(path: Path) -> int:
    """The number of data rows (for a progress bar)."""
    return sum(1 for _ in _read(path))


def _parse(kind: type[Record], row: _Row) -> Record | str:
    """The row's record, or what is wrong with it."""
    if row.problem is not None:
        return row.problem
    if unknown := [name for name in row.values if name not in kind.COLUMNS]:
        return f"Unknown column(s) {', '.join(unknown)}; the columns are: {', '.join(kind.COLUMNS)}."
    try:
        return kind.parse(row.values)
    except BadUserInput as error:
        return "; ".join(f"{e.field}: {e.message}" for e in error.errors)


def _validate(kind: type[Record], path: Path) -> list[RowError]:
    errors: list[RowError] = []
    first_line_of: dict[tuple[object, ...], int] = {}
    for row in _read(path):
        parsed = _parse(kind, row)
        if isinstance(parsed, str):
            errors.append(RowError(row.line, parsed))
            continue
        key = parsed.key()
        if key in first_line_of:
            errors.append(RowError(row.line, f"Duplicate of line {first_line_of[key]}: the same entry twice."))
        else:
            first_line_of[key] = row.line
    return errors


async def import_file(
    kind: str, path: Path, *, skip_invalid: bool = False, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Upsert every row of the file into the registry `kind` (design §9); idempotent.

    Bad rows reject the whole file (`ImportRejected`, nothing written) unless `skip_invalid`, which imports the
    rest and reports them. `progress(n)` is called after each batch with the number of rows it covered.
    """
    record_class = _record_class(kind)
    if _suffix(path) == ".csv" and (problem := _csv_header_problem(path, record_class)):
        raise ImportRejected([RowError(1, problem)])
    errors = _validate(record_class, path)
    if errors and not skip_invalid:
        raise ImportRejected(errors)
    bad_lines = {error.line for error in errors}
    imported = 0
    async with in_transaction():
        batch: list[Record] = []
        covered = 0
        for row in _read(path):
            covered += 1
            if row.line in bad_lines:
                continue
            parsed = _parse(record_class, row)
            if isinstance(parsed, str):  # the file changed since the first pass
                raise ImportRejected([RowError(row.line, parsed)])
            batch.append(parsed)
            if len(batch) == BATCH_SIZE:
                await upsert_many(batch)
                imported += len(batch)
                batch = []
                if progress is not None:
                    progress(covered)
                covered = 0
        await upsert_many(batch)
        imported += len(batch)
        if progress is not None and covered:
            progress(covered)
    return ImportReport(imported=imported, skipped=errors)
