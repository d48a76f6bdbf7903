"""`correspondence storage migrate --to s3://…`: move attachment bytes from this host's store to another one."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from correspondence.adapters.storage import BlobNotFoundError, BlobStorage, StorageUnavailableError, open_storage
from correspondence.attachment import relocation
from correspondence.attachment.content import vault
from correspondence.cli.environment import fail, load_settings
from correspondence.kit import db
from correspondence.settings import Settings

app = typer.Typer(no_args_is_help=True, help="Attachment storage.")


@app.command("migrate")
def migrate(
    to: Annotated[str, typer.Option("--to", help="The new store: s3://bucket/prefix (or file:///path).")],
) -> None:
    """Copy every live attachment's bytes (ciphertext, as stored) from CORRESPONDENCE_STORAGE_URL to `--to`.

    Idempotent and resumable: blobs the target already holds are skipped, and the source is left as it is. Once
    it reports success, set CORRESPONDENCE_STORAGE_URL to the new store on every host and restart them; then the
    old directory can be removed. The target uses CORRESPONDENCE_S3_ENDPOINT_URL, CORRESPONDENCE_S3_REGION and the
    AWS credential variables.
    """
    settings = load_settings()
    source = vault(settings).storage
    try:
        target = open_storage(
            to, endpoint_url=settings.s3_endpoint_url, region=settings.s3_region, part_bytes=settings.s3_part_bytes
        )
    except StorageUnavailableError as error:
        fail(f"correspondence storage migrate: --to: {error}")
    if target.location == source.location:
        fail(f"correspondence storage migrate: the attachments are already in {source.location}.")
    copied, skipped, missing = asyncio.run(_migrate(settings, source, target))
    typer.echo(f"{copied} blob(s) copied to {target.location}, {skipped} already there, {len(missing)} missing.")
    if missing:
        typer.echo(
            "Missing from the source (their attachments cannot be downloaded):\n  " + "\n  ".join(missing), err=True
        )
        raise typer.Exit(1)


async def _migrate(settings: Settings, source: BlobStorage, target: BlobStorage) -> tuple[int, int, list[str]]:
    try:
        await target.check()
    except StorageUnavailableError as error:
        fail(f"correspondence storage migrate: --to: {error}")
    async with db.orm(settings.effective_database_url):
        blobs = [blob async for blob in relocation.live_blobs()]
        copied, skipped, missing = 0, 0, []
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
        with Progress(*columns, TimeRemainingColumn()) as progress:
            task = progress.add_task(f"→ {target.location}", total=sum(b.stored_bytes for b in blobs))
            for blob in blobs:
                try:
                    if await relocation.copy(source, target, blob):
                        copied += 1
                    else:
                        skipped += 1
                except BlobNotFoundError:
                    missing.append(blob.key)
                progress.advance(task, blob.stored_bytes)
    return copied, skipped, missing
