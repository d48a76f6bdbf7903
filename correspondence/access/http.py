"""What every plain HTTP endpoint shares: the bearer actor, shared secrets, the public base URL and errors shaped like
GraphQL's."""

from __future__ import annotations

import secrets
from typing import Any

from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse

from correspondence.access.actor import Actor, actor_from_claims
from correspondence.adapters.tokens import TokenVerifier
from correspondence.kit.errors import BadUserInput, DomainError, RateLimited, Unauthenticated
from correspondence.settings import Settings


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def authenticate(request: Request) -> Actor:
    """The actor of the request's bearer token; UNAUTHENTICATED without a valid one."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise Unauthenticated("A bearer token is required (Authorization: Bearer …).")
    verifier: TokenVerifier = request.app.state.verifier
    return actor_from_claims(await verifier.verify(token))


def admit(request: Request, actor: Actor) -> None:
    """Called by the app's route guard once the operations table admitted the actor."""
    request.state.actor = actor


async def bearer_actor(request: Request) -> Actor:
    """The bearer's actor, as the app's route guard authenticated and admitted it for this route."""
    actor: Actor | None = getattr(request.state, "actor", None)
    if actor is None:
        raise RuntimeError(f"{request.url.path} is not guarded by a bearer rule in graphql/operations.py")
    return actor


def error_response(error: DomainError, **extra: Any) -> JSONResponse:
    if isinstance(error, BadUserInput):
        errors = [
            {"message": e.message, "extensions": {"code": error.code.value, "field": e.field}} for e in error.errors
        ]
    else:
        extensions: dict[str, Any] = {"code": error.code.value}
        if isinstance(error, RateLimited):
            extensions["retryAfter"] = error.retry_after
        errors = [{"message": error.message, "extensions": extensions}]
    headers = None
    if isinstance(error, Unauthenticated):
        headers = {"WWW-Authenticate": "Bearer"}
    elif isinstance(error, RateLimited):
        headers = {"Retry-After": str(error.retry_after)}
    return JSONResponse({"errors": errors, **extra}, status_code=error.http_status, headers=headers)


def has_shared_secret(request: HTTPConnection, secret: str | None) -> bool:
    """Whether the request carries `Authorization: Bearer <secret>` (compared in constant time); never without a
    configured secret."""
    given = request.headers.get("authorization", "")
    return bool(secret) and secrets.compare_digest(given.encode(), f"Bearer {secret}".encode())


def public_base_url(settings: Settings, connection: HTTPConnection | None) -> str:
    """Where clients reach the service, for the links it hands out: the configured public URL, else the address
    this request came to — as http(s) also when it came over a websocket."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    if connection is None:
        return ""
    base = connection.base_url
    scheme = {"ws": "http", "wss": "https"}.get(base.scheme, base.scheme)
    return str(base.replace(scheme=scheme)).rstrip("/")
