"""JWT bearer tokens: verification against a JWKS (file or URL), and the dev key pair that mints dev tokens."""

from __future__ import annotations

import asyncio
import json
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

from correspondence.kit.errors import Unauthenticated
from correspondence.settings import Settings

ALGORITHMS = ["RS256", "ES256"]
LEEWAY_SECONDS = 30
DEV_KID_PREFIX = "dev-"
_JWKS_REFRESH_MIN_INTERVAL = 30.0
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
    """The signing keys, fetched once and again when a token names a key we do not know (key rotation)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._keys: dict[str, Any] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def key_for(self, kid: str) -> Any:
        if kid not in self._keys:
            async with self._lock:  # concurrent requests wait for one fetch instead of failing meanwhile
                due = not self._keys or time.monotonic() - self._fetched_at > _JWKS_REFRESH_MIN_INTERVAL
                if kid not in self._keys and due:
                    await self._refresh()
        try:
            return self._keys[kid]
        except KeyError:
            raise Unauthenticated("The token is signed with an unknown key.") from None

    async def _refresh(self) -> None:
        self._fetched_at = time.monotonic()
        document = await self._fetch()
        self._keys = {jwk["kid"]: jwt.PyJWK.from_dict(jwk).key for jwk in document.get("keys", []) if "kid" in jwk}

    async def _fetch(self) -> dict[str, Any]:
        parsed = urlparse(self._url)
        if parsed.scheme == "file":
            text = await asyncio.to_thread(Path(parsed.path).read_text)
            return dict(json.loads(text))
        async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
            response = await client.get(self._url)
            response.raise_for_status()
            return dict(response.json())


class TokenVerifier:
    """Checks signature, issuer, audience and expiry; remembers verified tokens until they expire."""

    def __init__(self, settings: Settings) -> None:
        url = settings.effective_jwks_url
        self._jwks = JwksSource(url) if url else None
        self._issuer = settings.jwt_issuer
        self._audience = settings.jwt_audience
        self._dev_mode = settings.dev_mode
        self._verified: OrderedDict[str, Claims] = OrderedDict()

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
        try:
            return dict(
                jwt.decode(
                    token,
                    key,
                    algorithms=ALGORITHMS,
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
