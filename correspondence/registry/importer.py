"""Bulk import of the registries (contract §9): a `.csv` file with a header row, or `.jsonl`, chosen by extension.

Memory stays flat whatever the file size: a first streaming pass validates every row (so a rejected file writes
nothing) and spools the valid records to a temporary file in batches; a second pass upserts those batches. The
caller's unit of work makes the whole file one transaction: the importer never commits. Only the keys seen, for
finding duplicates within the file, and the errors are kept across rows.
"""

from __future__ import annotations

import csv
import json
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from correspondence.events.hub import invalidate_access
from correspondence.kit.errors import BadUserInput
from correspondence.registry.records import RECORDS, Record
from correspondence.registry.repository import upsert_many

KINDS: tuple[str, ...] = tuple(RECORDS)
BATCH_SIZE = 1000
FORMATS = (".csv", ".jsonl")


@dataclass(frozen=True)
class RowError:
    line: int  # 0: the file as a whole
    message: str


@dataclass
class ImportReport:
    imported: int
    skipped: list[RowError] = field(default_factory=list)


class ImportRejected(Exception):
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
    rows = _read_csv(path) if _suffix(path) == ".csv" else _read_jsonl(path)
    try:
        yield from rows
    except UnicodeDecodeError:
        # Line 0: the file as a whole. Decoding runs ahead of the rows, so the line is not known.
        raise ImportRejected([RowError(0, "The file is not UTF-8 text.")]) from None


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
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as file:
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
    if _suffix(path) == ".jsonl":
        with path.open("rb") as file:
            return sum(1 for line in file if line.strip())
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


def _validate(kind: type[Record], path: Path, spool: BinaryIO) -> list[RowError]:
    """Every row's errors; the valid rows go to the spool in batches, each with the number of file rows it covers."""
    errors: list[RowError] = []
    first_line_of: dict[tuple[object, ...], int] = {}
    batch: list[Record] = []
    covered = 0
    for row in _read(path):
        covered += 1
        parsed = _parse(kind, row)
        if isinstance(parsed, str):
            errors.append(RowError(row.line, parsed))
            continue
        key = parsed.key()
        if key in first_line_of:
            errors.append(RowError(row.line, f"Duplicate of line {first_line_of[key]}: the same entry twice."))
            continue
        first_line_of[key] = row.line
        batch.append(parsed)
        if len(batch) == BATCH_SIZE:
            pickle.dump((covered, batch), spool)
            batch, covered = [], 0
    if covered:
        pickle.dump((covered, batch), spool)
    return errors


def _spooled(spool: BinaryIO) -> Iterator[tuple[int, list[Record]]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


async def import_file(
    kind: str, path: Path, *, skip_invalid: bool = False, progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Upsert every row of the file into the registry `kind` (contract §9); idempotent. Run it in a unit of work:
    the file is written whole or not at all, and access changes are announced once it commits.

    Bad rows reject the whole file (`ImportRejected`, nothing written) unless `skip_invalid`, which imports the
    rest and reports them. `progress(n)` is called after each batch with the number of file rows it covered.
    """
    record_class = _record_class(kind)
    if _suffix(path) == ".csv" and (problem := _csv_header_problem(path, record_class)):
        raise ImportRejected([RowError(1, problem)])
    # Validation is most of the work (e-mail and phone number rules): the valid records wait on disk for the
    # write pass instead of being parsed twice or held in memory.
    with tempfile.TemporaryFile() as spool:
        errors = _validate(record_class, path, spool)
        if errors and not skip_invalid:
            raise ImportRejected(errors)
        imported = 0
        if record_class.CHANGES_ACCESS:
            invalidate_access()  # live-event subscribers reload their access once the caller's unit of work commits
        for covered, batch in _spooled(spool):
            await upsert_many(batch)
            imported += len(batch)
            if progress is not None:
                progress(covered)
    return ImportReport(imported=imported, skipped=errors)
