"""Encryption at rest for attachment bytes (contract §4).

Each attachment has its own random 256-bit data key. Its bytes are cut into fixed-size plaintext chunks, each
sealed with AES-256-GCM under a fresh nonce; the associated data binds a chunk to its attachment, its position
and whether it is the last one, so chunks cannot be reordered, swapped between files or dropped from the end.
A download can therefore start at any chunk. The data key is stored wrapped (AES-256-GCM again) by a master
key named by a key id: rotating master keys re-wraps the small data keys and never touches the bytes.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from correspondence.settings import Settings

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES
DEV_KEY_FILE = "master-keys"

_KEY_CONTEXT = b"correspondence/attachment-key/v1|"
_CHUNK_CONTEXT = b"correspondence/attachment-chunk/v1|"


class MasterKeyError(RuntimeError):
    """The master keys are missing or malformed: a configuration error, reported at once."""


class ContentCorruptedError(RuntimeError):
    """Stored bytes or a wrapped key failed authentication: tampered with, truncated, or the wrong key."""


def parse_master_keys(text: str) -> dict[str, bytes]:
    """`kid:base64key,kid:base64key,…` → {kid: 32-byte key}."""
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        kid, separator, encoded = item.partition(":")
        kid = kid.strip()
        if not separator or not kid:
            raise MasterKeyError("CORRESPONDENCE_MASTER_KEYS entries must look like kid:base64key.")
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise MasterKeyError(f"The master key {kid!r} is not valid base64.") from None
        if len(key) != KEY_BYTES:
            raise MasterKeyError(f"The master key {kid!r} must be {KEY_BYTES} bytes (AES-256), not {len(key)}.")
        if kid in keys:
            raise MasterKeyError(f"The master key id {kid!r} appears twice.")
        keys[kid] = key
    if not keys:
        raise MasterKeyError("CORRESPONDENCE_MASTER_KEYS names no key.")
    return keys


def format_master_key(kid: str, key: bytes) -> str:
    return f"{kid}:{base64.b64encode(key).decode('ascii')}"


@dataclass(frozen=True, slots=True)
class WrappedKey:
    key_id: str
    wrapped: bytes


@dataclass(frozen=True)
class KeyRing:
    """Every master key that may still wrap a data key, and the one new data keys are wrapped with."""

    keys: Mapping[str, bytes]
    active_id: str

    def wrap(self, data_key: bytes, attachment_id: uuid.UUID) -> WrappedKey:
        return self.seal(data_key, _KEY_CONTEXT + attachment_id.bytes)

    def unwrap(self, wrapped: WrappedKey, attachment_id: uuid.UUID) -> bytes:
        try:
            return self.open(wrapped, _KEY_CONTEXT + attachment_id.bytes)
        except ContentCorruptedError:
            raise ContentCorruptedError(f"The data key of attachment {attachment_id} does not authenticate.") from None

    def rewrap(self, wrapped: WrappedKey, attachment_id: uuid.UUID) -> WrappedKey:
        return self.wrap(self.unwrap(wrapped, attachment_id), attachment_id)

    def seal(self, secret: bytes, context: bytes) -> WrappedKey:
        """A small secret (a data key, a webhook secret) sealed under the active master key; `context` names what
        it belongs to, so a sealed value cannot be moved to another owner."""
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.active_id]).encrypt(nonce, secret, context + self.active_id.encode())
        return WrappedKey(self.active_id, nonce + sealed)

    def open(self, wrapped: WrappedKey, context: bytes) -> bytes:
        master = self.keys.get(wrapped.key_id)
        if master is None:
            raise MasterKeyError(f"The master key {wrapped.key_id!r} is not configured (CORRESPONDENCE_MASTER_KEYS).")
        nonce, sealed = wrapped.wrapped[:NONCE_BYTES], wrapped.wrapped[NONCE_BYTES:]
        try:
            return AESGCM(master).decrypt(nonce, sealed, context + wrapped.key_id.encode())
        except InvalidTag:
            raise ContentCorruptedError("A sealed secret does not authenticate.") from None


def load_keyring(settings: Settings) -> KeyRing:
    """The configured master keys; in dev mode without configuration, a generated key kept in the data dir."""
    if settings.master_keys:
        keys = parse_master_keys(settings.master_keys)
        active = settings.active_key_id or (next(iter(keys)) if len(keys) == 1 else None)
        if active is None:
            raise MasterKeyError("Several master keys are configured: set CORRESPONDENCE_ACTIVE_KEY_ID.")
        if active not in keys:
            raise MasterKeyError(f"CORRESPONDENCE_ACTIVE_KEY_ID {active!r} is not among CORRESPONDENCE_MASTER_KEYS.")
        return KeyRing(keys, active)
    if settings.dev_mode:
        keys = parse_master_keys(_dev_master_key(settings.data_dir / DEV_KEY_FILE))
        return KeyRing(keys, next(iter(keys)))
    raise MasterKeyError(
        "Attachments are encrypted at rest: set CORRESPONDENCE_MASTER_KEYS (kid:base64key,…) "
        "and CORRESPONDENCE_ACTIVE_KEY_ID."
    )


def _dev_master_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = format_master_key("dev-" + secrets.token_hex(4), os.urandom(KEY_BYTES))
        try:
            # Exclusive create, owner-only: two processes starting at once must agree on one key.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(descriptor, "w") as file:
            file.write(entry + "\n")
    return path.read_text().strip()


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def chunk_count(size: int, chunk_size: int) -> int:
    """Stored chunks of `size` plaintext bytes; an empty file still has one (empty, final) chunk."""
    return max(1, -(-size // chunk_size))


def stored_size(size: int, chunk_size: int) -> int:
    return size + chunk_count(size, chunk_size) * CHUNK_OVERHEAD


class ChunkCipher:
    """Seals and opens the chunks of one attachment."""

    def __init__(self, data_key: bytes, attachment_id: uuid.UUID, chunk_size: int) -> None:
        self._aead = AESGCM(data_key)
        self._context = _CHUNK_CONTEXT + attachment_id.bytes
        self.chunk_size = chunk_size

    @property
    def stored_chunk_size(self) -> int:
        return self.chunk_size + CHUNK_OVERHEAD

    def seal(self, index: int, plaintext: bytes, final: bool) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, self._aad(index, final))

    def open(self, index: int, sealed: bytes, final: bool) -> bytes:
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], self._aad(index, final))
        except InvalidTag:
            raise ContentCorruptedError(f"Chunk {index} of an attachment does not authenticate.") from None

    def _aad(self, index: int, final: bool) -> bytes:
        return self._context + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")
