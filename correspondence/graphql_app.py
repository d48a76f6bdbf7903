"""Strawberry's ASGI view, with our context (authentication) and CSRF rule for multipart requests."""

from __future__ import annotations

from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from correspondence.adapters.tokens import TokenVerifier
from correspondence.auth import actor_from_claims
from correspondence.errors import Unauthenticated
from correspondence.schema import Schema
from correspondence.schema.context import Context
from correspondence.settings import Settings

CSRF_HEADERS = ("apollo-require-preflight", "x-requested-with")


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, schema: Schema, settings: Settings, verifier: TokenVerifier) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.dev_mode else None,
            allow_queries_via_get=settings.dev_mode,
            multipart_uploads_enabled=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.verifier = verifier

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        context = Context(settings=self.settings, connection=request)
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            context.auth_error = Unauthenticated("A bearer token is required (Authorization: Bearer …).")
            return context
        await self.authenticate(context, token)
        return context

    async def authenticate(self, context: Context, token: str) -> None:
        try:
            context.actor = actor_from_claims(await self.verifier.verify(token))
        except Unauthenticated as error:
            context.auth_error = error

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, Any]:
        # A multipart POST is a "simple request" a browser sends cross-site without a preflight: demand a
        # header that forces one (the same rule as Apollo's CSRF prevention).
        if not any(request.headers.get(header) for header in CSRF_HEADERS):
            raise HTTPException(400, "Multipart requests need an Apollo-Require-Preflight or X-Requested-With header.")
        return dict(await super().parse_multipart(request))
