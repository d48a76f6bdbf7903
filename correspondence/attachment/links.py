"""Short-lived signed download links, so a browser can fetch an attachment without a Bearer header.

A link's token holds the actor it was issued to and its expiry; its HMAC-SHA256, under a key derived from a
master key (HKDF), binds those to the correspondence and attachment of the link's path. The download authorises
the named actor exactly as it would a bearer token, so a link outlives neither the actor's access nor the
correspondence's visibility.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import uuid
from datetime import datetime, timedelta
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from correspondence.access.actor import Actor, ActorKind
from correspondence.adapters.crypto import KeyRing
from correspondence.kit.errors import Unauthenticated

LINK_TTL = timedelta(minutes=10)
_INFO = b"correspondence/download-link/v1"


@lru_cache(maxsize=16)
def _signing_key(master: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(master)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class LinkSigner:
    """Signs the links of one actor at one moment: an inbox page signs dozens, so the claims are encoded once."""

    def __init__(self, keyring: KeyRing, actor: Actor, now: datetime) -> None:
        claims = {
            "k": actor.kind.value,
            "p": actor.national_identity_number,
            "o": actor.organization_number,
            "s": sorted(actor.scopes),
            "e": int((now + LINK_TTL).timestamp()),
            "v": keyring.active_id,
        }
        self._claims = _b64(json.dumps(claims, separators=(",", ":")).encode())
        self._key = _signing_key(keyring.keys[keyring.active_id])

    def sign(self, correspondence_id: uuid.UUID, attachment_id: uuid.UUID) -> str:
        return f"{self._claims}.{_b64(_mac(self._key, self._claims, str(correspondence_id), str(attachment_id)))}"


def _mac(key: bytes, claims: str, correspondence_id: str, attachment_id: str) -> bytes:
    # hmac.digest with a digest name is OpenSSL's one-shot HMAC: an inbox page signs dozens of links.
    return hmac.digest(key, f"{claims}/{correspondence_id}/{attachment_id}".encode(), "sha256")


def verify(keyring: KeyRing, token: str, correspondence_id: str, attachment_id: str, now: datetime) -> Actor:
    """The actor a valid, unexpired link for exactly this correspondence and attachment was issued to."""
    invalid = Unauthenticated("The download link is invalid or has expired.")
    claims, _, signature = token.partition(".")
    try:
        payload = json.loads(_unb64(claims))
        key = keyring.keys.get(str(payload["v"]))
        expected = _mac(_signing_key(key), claims, correspondence_id, attachment_id) if key else b""
        if not key or not hmac.compare_digest(expected, _unb64(signature)) or payload["e"] < now.timestamp():
            raise invalid
        return Actor(
            ActorKind(payload["k"]),
            frozenset(payload["s"]),
            national_identity_number=payload["p"],
            organization_number=payload["o"],
        )
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise invalid from None
