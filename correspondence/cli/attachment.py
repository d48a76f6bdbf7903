"""Operator commands for attachments: master key rotation."""

from __future__ import annotations

import asyncio

import typer

from correspondence.adapters.crypto import ContentCorruptedError, KeyRing, MasterKeyError, load_keyring
from correspondence.attachment.keys import rotate_keys as rewrap_all
from correspondence.kit import db
from correspondence.settings import Settings


def rotate_keys() -> None:
    """Re-wrap every attachment data key under the active master key (CORRESPONDENCE_ACTIVE_KEY_ID).

    Keep the old keys in CORRESPONDENCE_MASTER_KEYS while this runs; remove them once it reports success.
    """
    settings = Settings()
    try:
        keyring = load_keyring(settings)
        count = asyncio.run(_rotate(settings, keyring))
    except (MasterKeyError, ContentCorruptedError) as error:
        typer.echo(f"Key rotation stopped: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Re-wrapped {count} data key(s) under master key {keyring.active_id}.")


async def _rotate(settings: Settings, keyring: KeyRing) -> int:
    async with db.orm(settings.effective_database_url):
        return await rewrap_all(keyring)
