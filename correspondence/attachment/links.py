"""Short-lived signed download links, so a browser can fetch an attachment without a Bearer header.

A link's token holds the actor it was issued to and its expiry, sealed with AES-256-GCM under a key derived
from a master key (HKDF): opaque, since links end up in browser histories and access logs and must not show whose
national identity number they carry, and bound (as associated data) to the correspondence and attachment of the
link's path. Stateless: nothing is stored, and the key id in front of the token picks the key to open it with.
The download authorises the named actor exactly as it would a bearer token, so a link outlives neither the
actor's access nor the correspondence's visibility.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import uuid
from datetime import datetime, timedelta
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from correspondence.access.actor import Actor, ActorKind
from correspondence.adapters.crypto import KeyRing
from correspondence.kit.errors import Unauthenticated

LINK_TTL = timedelta(minutes=10)
_INFO = b"correspondence/download-link/v2"
_NONCE = 12


@lru_cache(maxsize=16)
def _sealing_key(master: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(master))


def _bound_to(correspondence_id: str, attachment_id: str) -> bytes:
    return f"{correspondence_id}/{attachment_id}".encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LinkSigner:
    """Seals the links of one actor at one moment: an inbox page seals dozens, so the claims are encoded once."""

    def __init__(self, keyring: KeyRing, actor: Actor, now: datetime) -> None:
        claims = {
            "k": actor.kind.value,
            "p": actor.national_identity_number,
            "o": actor.organization_number,
            "s": sorted(actor.scopes),
            "e": int((now + LINK_TTL).timestamp()),
        }
        self._claims = json.dumps(claims, separators=(",", ":")).encode()
        self._key_id = _b64(keyring.active_id.encode())
        self._key = _sealing_key(keyring.keys[keyring.active_id])

    def sign(self, correspondence_id: uuid.UUID, attachment_id: uuid.UUID) -> str:
        nonce = os.urandom(_NONCE)
        sealed = self._key.encrypt(nonce, self._claims, _bound_to(str(correspondence_id), str(attachment_id)))
        return f"{self._key_id}.{_b64(nonce + sealed)}"


def verify(keyring: KeyRing, token: str, correspondence_id: str, attachment_id: str, now: datetime) -> Actor:
    """The actor a valid, unexpired link for exactly this correspondence and attachment was issued to."""
    invalid = Unauthenticated("The download link is invalid or has expired.")
    key_id, _, sealed = token.partition(".")
    try:
        master = keyring.keys.get(_unb64(key_id).decode())
        raw = _unb64(sealed)
        if master is None or len(raw) <= _NONCE:
            raise invalid
        opened = _sealing_key(master).decrypt(raw[:_NONCE], raw[_NONCE:], _bound_to(correspondence_id, attachment_id))
        payload = json.loads(opened)
        if payload["e"] < now.timestamp():
            raise invalid
        return Actor(
            ActorKind(payload["k"]),
            frozenset(payload["s"]),
            national_identity_number=payload["p"],
            organization_number=payload["o"],
        )
    except (ValueError, KeyError, TypeError, binascii.Error, InvalidTag):
        raise invalid from None
