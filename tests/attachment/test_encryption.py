"""Encryption at rest: unreadable stored bytes, tamper detection, ranged reads, master keys and their rotation."""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from correspondence.adapters.crypto import (
    ContentCorruptedError,
    KeyRing,
    MasterKeyError,
    format_master_key,
    load_keyring,
    parse_master_keys,
)
from correspondence.adapters.storage import FileSystemStorage
from correspondence.attachment import content as attachment_content
from correspondence.attachment.content import Vault
from correspondence.attachment.models import Attachment
from correspondence.cli.attachment import rewrap_all
from correspondence.kit import clock
from correspondence.settings import Settings
from tests.attachment.support import initialize, put_content, stored_files
from tests.fixtures.client import ClientFactory
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens

KEY_A = format_master_key("key-a", bytes(range(32)))
KEY_B = format_master_key("key-b", bytes(range(100, 132)))


def _plaintext(size: int) -> bytes:
    # Recognisable text: any stretch of it showing up in storage would be a leak.
    line = b"Dette er et fortrolig brev fra Skatteetaten. "
    return (line * (size // len(line) + 1))[:size]


@pytest.mark.usefixtures("resources")
async def test_stored_bytes_reveal_nothing_of_the_content(
    client: GraphQLClient, tokens: Tokens, settings: Settings
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    content = _plaintext(600_000)
    created = await initialize(client, token)
    assert (await put_content(client, token, created["id"], content)).status_code == 200

    [path] = stored_files(settings, created["id"])
    stored = path.read_bytes()

    assert b"fortrolig" not in stored
    assert content[:32] not in stored
    assert len(stored) > len(content)  # nonces and tags: 28 bytes per chunk
    attachment = await Attachment.get(id=created["id"])
    assert attachment.key_id is not None
    assert attachment.wrapped_key is not None
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _vault(tmp_path: Path, ring: KeyRing, chunk_size: int = 1000) -> Vault:
    return Vault(FileSystemStorage(tmp_path), ring, chunk_size)


async def _stored(vault: Vault, content: bytes) -> Attachment:
    attachment_id = uuid.uuid4()

    async def pieces() -> object:
        for i in range(0, len(content), 777):  # pieces that straddle chunk boundaries
            yield content[i : i + 777]

    stored = await attachment_content.store(vault, attachment_id, pieces(), limit=10**9, expected_md5=None)  # type: ignore[arg-type]
    return Attachment(
        id=attachment_id,
        size=stored.size,
        chunk_size=stored.chunk_size,
        key_id=stored.key.key_id,
        wrapped_key=stored.key.wrapped,
    )


async def _read(vault: Vault, attachment: Attachment, start: int, stop: int) -> bytes:
    return b"".join([piece async for piece in attachment_content.read(vault, attachment, start, stop)])


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5500])
async def test_ranged_reads_across_chunk_boundaries(tmp_path: Path, size: int) -> None:
    vault = _vault(tmp_path, KeyRing(parse_master_keys(KEY_A), "key-a"))
    content = os.urandom(size)
    attachment = await _stored(vault, content)

    assert await _read(vault, attachment, 0, size) == content
    for start, stop in [(0, 1), (998, 1002), (999, 1000), (1000, 2001), (1500, 4999), (4999, 6000), (size - 1, size)]:
        if 0 <= start < stop:
            assert await _read(vault, attachment, start, stop) == content[start:stop], (start, stop)


async def test_tampering_and_truncation_are_detected(tmp_path: Path) -> None:
    vault = _vault(tmp_path, KeyRing(parse_master_keys(KEY_A), "key-a"))
    attachment = await _stored(vault, os.urandom(3500))
    [path] = _files(tmp_path)
    original = path.read_bytes()

    flipped = bytearray(original)
    flipped[1500] ^= 1
    path.write_bytes(bytes(flipped))
    with pytest.raises(ContentCorruptedError):
        await _read(vault, attachment, 1000, 2000)

    # Dropping the final chunk and pretending the file was shorter: the new last chunk is not marked final.
    path.write_bytes(original[: 3 * (1000 + 28)])
    attachment.size = 3000
    with pytest.raises(ContentCorruptedError):
        await _read(vault, attachment, 2500, 3000)


async def test_rotation_rewraps_keys_and_the_bytes_stay_readable(tmp_path: Path, db_clean: str) -> None:
    old_ring = KeyRing(parse_master_keys(KEY_A), "key-a")
    content = os.urandom(2500)
    attachment = await _stored(_vault(tmp_path, old_ring), content)
    await Attachment.create(
        id=attachment.id,
        resource_id="r",
        sender="s",
        file_name="f",
        senders_reference="r",
        data_location_type="ALTINN_CORRESPONDENCE_ATTACHMENT",
        created=clock.now(),
        status="PUBLISHED",
        status_changed=clock.now(),
        size=attachment.size,
        chunk_size=attachment.chunk_size,
        key_id=attachment.key_id,
        wrapped_key=attachment.wrapped_key,
    )
    [path] = _files(tmp_path)
    bytes_before = path.read_bytes()

    both = KeyRing(parse_master_keys(f"{KEY_A},{KEY_B}"), "key-b")
    assert await rewrap_all(both, batch_size=1) == 1
    assert await rewrap_all(both) == 0  # nothing left to do

    rotated = await Attachment.get(id=attachment.id)
    assert rotated.key_id == "key-b"
    only_new = _vault(tmp_path, KeyRing(parse_master_keys(KEY_B), "key-b"))
    assert await _read(only_new, rotated, 0, 2500) == content
    assert path.read_bytes() == bytes_before  # the bytes were not touched
    with pytest.raises(MasterKeyError):
        await _read(_vault(tmp_path, old_ring), rotated, 0, 10)


@pytest.mark.usefixtures("resources")
async def test_rotate_keys_command_then_download_still_works(
    client_with: ClientFactory, tokens: Tokens, settings: Settings
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    content = _plaintext(300_000)
    async with client_with(master_keys=KEY_A, active_key_id="key-a") as client:
        created = await initialize(client, token)
        assert (await put_content(client, token, created["id"], content)).status_code == 200

    environment = {
        **os.environ,
        "CORRESPONDENCE_DATABASE_URL": settings.effective_database_url,
        "CORRESPONDENCE_DATA_DIR": str(settings.data_dir),
        "CORRESPONDENCE_MASTER_KEYS": f"{KEY_A},{KEY_B}",
        "CORRESPONDENCE_ACTIVE_KEY_ID": "key-b",
    }
    process = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "correspondence"),
        "rotate-keys",
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    stdout, stderr = await process.communicate()
    assert process.returncode == 0, stderr.decode()
    assert "Re-wrapped 1 data key(s) under master key key-b" in stdout.decode()

    attachment = await Attachment.get(id=created["id"])
    assert attachment.key_id == "key-b"
    only_new = attachment_content.vault(settings.model_copy(update={"master_keys": KEY_B, "active_key_id": "key-b"}))
    assert await _read(only_new, attachment, 0, len(content)) == content


def test_master_key_configuration(tmp_path: Path) -> None:
    base = {"_env_file": None, "data_dir": tmp_path}
    with pytest.raises(MasterKeyError, match="must be 32 bytes"):
        parse_master_keys("k:" + "QUJD")
    with pytest.raises(MasterKeyError, match="base64"):
        parse_master_keys("k:not base64!")
    with pytest.raises(MasterKeyError, match="ACTIVE_KEY_ID"):
        load_keyring(Settings(**base, master_keys=f"{KEY_A},{KEY_B}"))  # type: ignore[arg-type]
    with pytest.raises(MasterKeyError, match="not among"):
        load_keyring(Settings(**base, master_keys=KEY_A, active_key_id="key-z"))  # type: ignore[arg-type]
    with pytest.raises(MasterKeyError, match="CORRESPONDENCE_MASTER_KEYS"):
        load_keyring(Settings(**base, dev_mode=False))  # type: ignore[arg-type]

    dev = load_keyring(Settings(**base, dev_mode=True))  # type: ignore[arg-type]
    again = load_keyring(Settings(**base, dev_mode=True))  # type: ignore[arg-type]
    assert dev == again  # generated once, then kept in the data dir
    assert (tmp_path / "master-keys").stat().st_mode & 0o077 == 0
