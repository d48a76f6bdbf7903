"""`correspondence import KIND FILE [--skip-invalid]`: bulk upsert of a registry file (contract §9)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Annotated

import typer
from redis.exceptions import RedisError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from correspondence.adapters import queue
from correspondence.kit import db
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.registry.importer import (
    FORMATS,
    KINDS,
    ImportRejected,
    ImportReport,
    RowError,
    count_rows,
    import_file,
)
from correspondence.settings import Settings


def _kind(value: str) -> str:
    if value not in KINDS:
        raise typer.BadParameter(f"expected one of: {', '.join(KINDS)}")
    return value


def _format(value: Path) -> Path:
    if value.suffix.lower() not in FORMATS:
        raise typer.BadParameter(f"the file must end in {' or '.join(FORMATS)}")
    return value


def import_command(
    kind: Annotated[str, typer.Argument(help=f"The registry: {', '.join(KINDS)}.", callback=_kind)],
    file: Annotated[
        Path,
        typer.Argument(
            help="A .csv file with a header row, or a .jsonl file.",
            exists=True,
            dir_okay=False,
            readable=True,
            callback=_format,
        ),
    ],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid rows and report the others.")
    ] = False,
) -> None:
    """Bulk upsert a registry file; a file with bad rows is rejected whole unless --skip-invalid."""
    console = Console()
    url = Settings().effective_database_url
    db.migrate(url)
    try:
        report = asyncio.run(_run(kind, file, skip_invalid, console))
    except ImportRejected as rejected:
        _print_errors(console, rejected.errors)
        console.print(f"[red]Rejected: {len(rejected.errors)} invalid row(s); nothing was imported.[/red]")
        raise typer.Exit(code=1) from None
    _print_errors(console, report.skipped)
    console.print(f"Imported {report.imported} {kind} row(s); skipped {len(report.skipped)}.")


async def _run(kind: str, file: Path, skip_invalid: bool, console: Console) -> ImportReport:
    total = count_rows(file)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    settings = Settings()
    async with db.orm(settings.effective_database_url), _queue(settings.redis_url, console):
        # No bar when the output is a file or pipe: the report alone, easy to read and to grep.
        with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task(f"Importing {kind}", total=total)
            # One transaction for the whole file; access changes are announced on the queue once it commits.
            async with unit_of_work():
                return await import_file(
                    kind, file, skip_invalid=skip_invalid, progress=lambda n: progress.advance(task, n)
                )


@asynccontextmanager
async def _queue(redis_url: str | None, console: Console) -> AsyncIterator[None]:
    """The service's Redis while importing: an import of roles, delegations or organizations is announced there,
    so live-event subscribers reload their access at once. Without it they do within a minute."""
    async with AsyncExitStack() as stack:
        try:
            await stack.enter_async_context(queue.connected(redis_url))
        except (OSError, RedisError) as error:
            console.print(f"Redis is unreachable ({error}): live-event subscribers see access changes within a minute.")
        yield


def _print_errors(console: Console, errors: list[RowError]) -> None:
    for error in errors:
        where = f"line {error.line}" if error.line else "file"
        console.print(f"{where}: {error.message}", markup=False, highlight=False, soft_wrap=True)
