"""Apps configured as in production: dev mode off, tokens from a JWKS file with a non-dev key."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from correspondence.app import create_app
from correspondence.settings import Settings
from tests.helpers import GraphQLClient

ISSUER_KID = "issuer-key-1"


@dataclass
class Production:
    settings: Settings
    key: ec.EllipticCurvePrivateKey

    def token(self, claims: dict[str, Any]) -> str:
        payload = {"iss": self.settings.jwt_issuer, "aud": self.settings.jwt_audience, "exp": int(time.time()) + 300}
        return jwt.encode({**payload, **claims}, self.key, algorithm="ES256", headers={"kid": ISSUER_KID})


def production_of(base: Settings) -> Production:
    """`base` with dev mode off and a JWKS file holding one freshly generated issuer key."""
    key = ec.generate_private_key(ec.SECP256R1())
    jwk = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": ISSUER_KID, "alg": "ES256"})
    jwks = base.data_dir / "issuer-jwks.json"
    jwks.write_text(json.dumps({"keys": [jwk]}))
    return Production(base.model_copy(update={"dev_mode": False, "jwks_url": jwks.as_uri()}), key)


@asynccontextmanager
async def http_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The real app in process (ORM and queue come from the test fixtures, not the app's lifespan)."""
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        yield http


@pytest.fixture
def production(data_dir: Path) -> Production:
    """Production settings without a database: for what the service refuses before any resolver runs."""
    return production_of(Settings(_env_file=None, data_dir=data_dir))


@pytest.fixture
async def production_http(production: Production) -> AsyncIterator[httpx.AsyncClient]:
    async with http_client(production.settings) as http:
        yield http


@pytest.fixture
def production_client(production_http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(production_http)
