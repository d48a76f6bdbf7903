"""What every plain HTTP endpoint shares: the bearer actor and errors shaped like GraphQL's."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from correspondence.access.actor import Actor, actor_from_claims
from correspondence.adapters.tokens import TokenVerifier
from correspondence.graphql.view import bearer_token
from correspondence.kit.errors import BadUserInput, DomainError, Unauthenticated


async def bearer_actor(request: Request) -> Actor:
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise Unauthenticated("A bearer token is required (Authorization: Bearer …).")
    verifier: TokenVerifier = request.app.state.verifier
    return actor_from_claims(await verifier.verify(token))


def error_response(error: DomainError, **extra: Any) -> JSONResponse:
    if isinstance(error, BadUserInput):
        errors = [
            {"message": e.message, "extensions": {"code": error.code.value, "field": e.field}} for e in error.errors
        ]
    else:
        errors = [{"message": error.message, "extensions": {"code": error.code.value}}]
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthenticated) else None
    return JSONResponse({"errors": errors, **extra}, status_code=error.http_status, headers=headers)
