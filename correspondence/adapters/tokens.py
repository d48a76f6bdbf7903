"""JWT bearer tokens: verification against a JWKS (file or URL), and the dev key pair that mints dev tokens."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from correspondence.kit import clock
from correspondence.kit.errors import Unauthenticated
from correspondence.settings import Settings

logger = logging.getLogger(__name__)

ALGORITHMS = ["RS256", "ES256"]
LEEWAY_SECONDS = 30
DEV_KID_PREFIX = "dev-"
_VERIFIED_CACHE_SIZE = 10_000

Claims = dict[str, Any]


def ensure_dev_keys(key_dir: Path) -> Path:
    """Create the dev signing key (ES256) and its JWKS on first use; return the private key's path."""
    private_path = key_dir / "private.pem"
    if private_path.exists():
        return private_path
    key_dir.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    kid = DEV_KID_PREFIX + uuid.uuid4().hex[:12]
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "use": "sig", "alg": "ES256"})
    (key_dir / "jwks.json").write_text(json.dumps({"keys": [jwk]}, indent=2))
    (key_dir / "kid").write_text(kid)
    private_path.touch(mode=0o600)
    private_path.write_bytes(pem)
    return private_path


def mint_dev_token(settings: Settings, claims: Claims, ttl_seconds: int) -> str:
    private_path = ensure_dev_keys(settings.dev_key_dir)
    kid = (settings.dev_key_dir / "kid").read_text().strip()
    now = int(time.time())
    payload = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + ttl_seconds,
        "jti": uuid.uuid4().hex,
        **claims,
    }
    return jwt.encode(payload, private_path.read_bytes(), algorithm="ES256", headers={"kid": kid})


class JwksSource:
    """The issuer's signing keys: fetched on first use, and again when a token names a key we do not know (key
    rotation).

    An identity provider that is down or slow must cost one fetch per interval, not one per request: a fetch
    starts at most once per refresh interval, after a failed one only after a backoff that doubles up to that
    interval, and concurrent requests share the fetch in flight instead of queueing for one each. Until the first
    fetch succeeds every token is UNAUTHENTICATED and `/readyz` reports the keys unavailable."""

    def __init__(self, url: str, refresh_seconds: float, retry_seconds: float, timeout_seconds: float) -> None:
        self._url = url
        self._refresh_seconds = refresh_seconds
        self._retry_seconds = retry_seconds
        self._timeout_seconds = timeout_seconds
        self._keys: dict[str, jwt.PyJWK] = {}
        self._next_fetch_at = 0.0
        self._failures = 0
        self._fetching: asyncio.Task[None] | None = None

    @property
    def known(self) -> bool:
        return bool(self._keys)

    async def key_for(self, kid: str) -> jwt.PyJWK:
        if kid not in self._keys:
            await self.refresh_if_due()
        try:
            return self._keys[kid]
        except KeyError:
            if not self._keys:
                raise Unauthenticated("The token issuer's keys are unavailable; try again later.") from None
            raise Unauthenticated("The token is signed with an unknown key.") from None

    async def refresh_if_due(self) -> None:
        if self._fetching is None and clock.now().timestamp() >= self._next_fetch_at:
            self._fetching = asyncio.create_task(self._refresh(), name="jwks-fetch")
        if self._fetching is not None:
            # Shielded: a caller that gives up (a closed connection) must not cancel the fetch the others share.
            await asyncio.shield(self._fetching)

    async def _refresh(self) -> None:
        try:
            async with asyncio.timeout(self._timeout_seconds):  # a whole-fetch bound: a trickling peer too
                document = await self._fetch()
            self._keys = _usable_keys(document)
            self._failures = 0
            delay = self._refresh_seconds
        except Exception as error:  # any failure of the peer or its document: keep the keys we have, back off
            self._failures += 1
            delay = min(self._retry_seconds * 2 ** (self._failures - 1), self._refresh_seconds)
            logger.warning("Fetching the JWKS from %s failed (%r); next attempt in %.0f s", self._url, error, delay)
        finally:
            self._fetching = None
        self._next_fetch_at = clock.now().timestamp() + delay

    async def _fetch(self) -> dict[str, Any]:
        parsed = urlparse(self._url)
        if parsed.scheme == "file":
            text = await asyncio.to_thread(Path(parsed.path).read_text)
            return dict(json.loads(text))
        async with httpx.AsyncClient(timeout=self._timeout_seconds, follow_redirects=False) as client:
            response = await client.get(self._url)
            response.raise_for_status()
            return dict(response.json())


def _usable_keys(document: dict[str, Any]) -> dict[str, jwt.PyJWK]:
    """The keys with an id and an algorithm we accept; any other key in the set (encryption keys, HMAC, a type
    PyJWT does not know) is skipped rather than failing the whole set."""
    keys: dict[str, jwt.PyJWK] = {}
    for jwk in document.get("keys", []):
        try:
            key = jwt.PyJWK.from_dict(jwk)
        except (jwt.PyJWTError, TypeError, ValueError):
            continue
        if isinstance(jwk.get("kid"), str) and key.algorithm_name in ALGORITHMS:
            keys[jwk["kid"]] = key
    return keys


class TokenVerifier:
    """Checks signature, issuer, audience and expiry; remembers verified tokens until they expire."""

    def __init__(self, settings: Settings) -> None:
        url = settings.effective_jwks_url
        if settings.dev_mode and not settings.jwks_url:
            ensure_dev_keys(settings.dev_key_dir)  # the dev key set is ours to create: a fresh data dir is ready
        self._jwks = (
            JwksSource(
                url,
                refresh_seconds=settings.jwks_refresh_seconds,
                retry_seconds=settings.jwks_retry_seconds,
                timeout_seconds=settings.jwks_timeout_seconds,
            )
            if url
            else None
        )
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._dev_mode = settings.dev_mode
        self._verified: OrderedDict[str, Claims] = OrderedDict()

    async def keys_known(self) -> bool:
        """Whether tokens can be verified now; fetches the keys when none are known and a fetch is due."""
        if self._jwks is None:
            return False
        if not self._jwks.known:
            await self._jwks.refresh_if_due()
        return self._jwks.known

    async def verify(self, token: str) -> Claims:
        cached = self._verified.get(token)
        if cached is not None and cached["exp"] + LEEWAY_SECONDS > time.time():
            return cached
        claims = await self._decode(token)
        self._remember(token, claims)
        return claims

    async def _decode(self, token: str) -> Claims:
        if self._jwks is None:
            raise Unauthenticated("No token issuer is configured (CORRESPONDENCE_JWKS_URL).")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthenticated("The token is malformed.") from None
        kid = header.get("kid")
        if not isinstance(kid, str) or header.get("alg") not in ALGORITHMS:
            raise Unauthenticated("The token has no key id or an unsupported algorithm.")
        if kid.startswith(DEV_KID_PREFIX) and not self._dev_mode:
            raise Unauthenticated("Dev tokens are refused outside dev mode.")
        key = await self._jwks.key_for(kid)
        if header["alg"] != key.algorithm_name:
            # Checked here, not left to PyJWT: an RSA algorithm given an EC key (or the reverse) raises TypeError.
            raise Unauthenticated("The token's algorithm does not match its key.")
        try:
            return dict(
                jwt.decode(
                    token,
                    key,
                    algorithms=[key.algorithm_name],
                    audience=self._audience,
                    issuer=self._issuer,
                    leeway=LEEWAY_SECONDS,
                    options={"require": ["exp", "iss", "aud"]},
                )
            )
        except jwt.ExpiredSignatureError:
            raise Unauthenticated("The token has expired.") from None
        except jwt.PyJWTError as error:
            raise Unauthenticated(f"The token is invalid: {error}.") from None

    def _remember(self, token: str, claims: Claims) -> None:
        self._verified[token] = claims
        if len(self._verified) > _VERIFIED_CACHE_SIZE:
            self._verified.popitem(last=False)
