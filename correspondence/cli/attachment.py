"""Operator commands for the master keys: rotation of attachment data keys and webhook signing secrets."""

from __future__ import annotations

import asyncio

import typer

from correspondence.adapters.crypto import ContentCorruptedError, KeyRing, MasterKeyError, load_keyring
from correspondence.attachment.keys import BATCH, rewrap_batch
from correspondence.kit import db
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings
from correspondence.webhook.keys import reseal_batch


def rotate_keys() -> None:
    """Re-wrap every attachment data key and webhook secret under the active master key (CORRESPONDENCE_ACTIVE_KEY_ID).

    Keep the old keys in CORRESPONDENCE_MASTER_KEYS while this runs; remove them once it reports success.
    """
    settings = Settings()
    try:
        keyring = load_keyring(settings)
        count, secrets = asyncio.run(_rotate(settings, keyring))
    except (MasterKeyError, ContentCorruptedError) as error:
        typer.echo(f"Key rotation stopped: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Re-wrapped {count} data key(s) under master key {keyring.active_id}.")
    typer.echo(f"Re-sealed {secrets} webhook secret(s) under master key {keyring.active_id}.")


async def _rotate(settings: Settings, keyring: KeyRing) -> tuple[int, int]:
    async with db.orm(settings.effective_database_url):
        return await rewrap_all(keyring), await reseal_all(keyring)


async def rewrap_all(keyring: KeyRing, batch_size: int = BATCH) -> int:
    """Re-wrap every data key under the active master key, one unit of work per batch; returns how many."""
    total = 0
    while True:
        async with unit_of_work():
            batch = await rewrap_batch(keyring, batch_size)
        total += batch.rewrapped
        if batch.last:
            return total


async def reseal_all(keyring: KeyRing) -> int:
    """Re-seal every webhook signing secret under the active master key, one unit of work per batch."""
    total = 0
    while True:
        async with unit_of_work():
            resealed, last = await reseal_batch(keyring)
        total += resealed
        if last:
            return total
