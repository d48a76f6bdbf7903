"""What every plain HTTP endpoint shares: the bearer actor and errors shaped like GraphQL's."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from correspondence.access.actor import Actor, actor_from_claims
from correspondence.adapters.tokens import TokenVerifier
from correspondence.kit.errors import BadUserInput, DomainError, Unauthenticated


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
        errors = [{"message": error.message, "extensions": {"code": error.code.value}}]
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthenticated) else None
    return JSONResponse({"errors": errors, **extra}, status_code=error.http_status, headers=headers)
