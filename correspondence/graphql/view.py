"""Strawberry's ASGI view, with our context (authentication), CSRF rule for multipart requests and GraphQL over
HTTP's `application/graphql-response+json`."""

from __future__ import annotations

from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, FormData, HTTPException, StarletteRequestAdapter
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UnsetType

from correspondence.access.actor import actor_from_claims
from correspondence.access.context import Context
from correspondence.access.http import bearer_token
from correspondence.adapters.rate_limits import FairUse
from correspondence.adapters.tokens import TokenVerifier
from correspondence.graphql.schema import Schema
from correspondence.graphql.websocket import ConnectionHandler, PrincipalConnections
from correspondence.kit.errors import RateLimited, Unauthenticated
from correspondence.settings import Settings

CSRF_HEADERS = ("apollo-require-preflight", "x-requested-with")
# The multipart request spec has exactly two fields (operations, map) before the files; anything beyond these
# limits is refused with 400 while parsing, before the rest of the body is read.
MULTIPART_MAX_FIELDS = 2
MULTIPART_MAX_FILES = 10
MULTIPART_MAX_FIELD_BYTES = 256 * 1024
# GraphQL over HTTP: this media type carries the answer's kind in the status code as well; application/json stays
# the default (200 for every well-formed request) for clients that do not ask for it.
GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"


def _quality(accept: str, media_types: tuple[str, ...]) -> float:
    """The q of the first of `media_types` (most specific first) that `accept` lists; 0 when none."""
    ranges: dict[str, float] = {}
    for media_range in accept.split(","):
        name, *parameters = (part.strip() for part in media_range.split(";"))
        q = next((p[2:] for p in parameters if p.startswith("q=")), "1")
        try:
            ranges.setdefault(name.lower(), float(q))
        except ValueError:
            ranges.setdefault(name.lower(), 0.0)
    return next((ranges[m] for m in media_types if m in ranges), 0.0)


def prefers_graphql_response(accept: str | None) -> bool:
    """Whether the client ranks the GraphQL response media type at least as high as application/json."""
    if not accept:
        return False
    preferred = _quality(accept, (GRAPHQL_RESPONSE_JSON,))
    return preferred > 0 and preferred >= _quality(accept, ("application/json", "application/*", "*/*"))


def is_request_error(result: ExecutionResult) -> bool:
    """Refused before execution (parse, validation, variable coercion, a missing token): no data, and no error
    belongs to a field."""
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or ())


def request_error_status(result: ExecutionResult) -> int:
    """401 without a valid token, 429 over the request limit (with Retry-After), else 400."""
    for error in result.errors or ():
        if isinstance(error.original_error, (Unauthenticated, RateLimited)):
            return error.original_error.http_status
    return 400


def retry_after(result: ExecutionResult) -> int:
    return max(e.original_error.retry_after for e in result.errors or () if isinstance(e.original_error, RateLimited))


class LimitedFormRequestAdapter(StarletteRequestAdapter):
    async def get_form_data(self) -> FormData:
        form = await self._request.form(
            max_files=MULTIPART_MAX_FILES, max_fields=MULTIPART_MAX_FIELDS, max_part_size=MULTIPART_MAX_FIELD_BYTES
        )
        return FormData(files=form, form=form)


class GraphQLApp(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = ConnectionHandler
    request_adapter_class = LimitedFormRequestAdapter

    def __init__(self, schema: Schema, settings: Settings, verifier: TokenVerifier, fair_use: FairUse) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.dev_mode else None,
            allow_queries_via_get=settings.dev_mode,
            multipart_uploads_enabled=True,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.verifier = verifier
        self.fair_use = fair_use
        self._limit_websockets(settings)

    def _limit_websockets(self, settings: Settings) -> None:
        """One caller must not turn one event into thousands of messages: bounded operations per connection
        (strawberry's own limit) and connections per principal in this process (the connection handler's)."""
        self.max_subscriptions_per_connection = settings.ws_max_operations_per_connection
        self.principal_connections = PrincipalConnections(settings.ws_max_connections_per_principal)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # raises a json.JSONDecodeError subclass: strawberry's 400 for bad JSON

    def encode_json(self, data: object) -> str:
        # orjson is ~10x faster than json.dumps on a page of results; a str, because websocket messages must
        # be text frames (strawberry sends bytes as binary ones).
        return orjson.dumps(data).decode()

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        if isinstance(request, Request) and prefers_graphql_response(request.headers.get("accept")):
            sub_response.media_type = GRAPHQL_RESPONSE_JSON
            request.state.sub_response = sub_response  # for process_result, which sets its status
        return sub_response

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        answer = await super().process_result(request, result)
        sub_response: Response | None = getattr(request.state, "sub_response", None)
        if sub_response is not None and is_request_error(result):
            del answer["data"]  # nothing ran: the spec's request error has no data entry
            sub_response.status_code = request_error_status(result)
            if sub_response.status_code == RateLimited.http_status:
                sub_response.headers["Retry-After"] = str(retry_after(result))
        return answer

    def create_response(
        self, response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse], sub_response: Response
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type is not None:
            response.headers["content-type"] = f"{sub_response.media_type}; charset=utf-8"
        return response

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> Context:
        context = Context(settings=self.settings, connection=request, fair_use=self.fair_use)
        token = bearer_token(request.headers.get("authorization"))
        if token is None:
            context.auth_error = Unauthenticated("A bearer token is required (Authorization: Bearer …).")
            return context
        await self.authenticate(context, token)
        return context

    async def authenticate(self, context: Context, token: str) -> None:
        try:
            claims = await self.verifier.verify(token)
            context.actor = actor_from_claims(claims)
            context.token_expires_at = float(claims["exp"])
        except Unauthenticated as error:
            context.actor = None
            context.auth_error = error

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """A websocket authenticates with `{"Authorization": "Bearer …"}` in `connection_init`; refused → 4403."""
        params = context.connection_params
        authorization = params.get("Authorization", params.get("authorization"))
        if authorization is not None:
            token = bearer_token(authorization) if isinstance(authorization, str) else None
            if token is None:
                raise ConnectionRejectionError({"message": "The Authorization parameter must be 'Bearer <token>'."})
            await self.authenticate(context, token)
        if context.actor is None:
            error = context.auth_error or Unauthenticated("A bearer token is required.")
            raise ConnectionRejectionError({"message": error.message})
        return UnsetType()  # the singleton UNSET: acknowledge without a payload

    async def parse_multipart(self, request: AsyncHTTPRequestAdapter) -> dict[str, Any]:
        # A multipart POST is a "simple request" a browser sends cross-site without a preflight: demand a
        # header that forces one (the same rule as Apollo's CSRF prevention).
        if not any(request.headers.get(header) for header in CSRF_HEADERS):
            raise HTTPException(400, "Multipart requests need an Apollo-Require-Preflight or X-Requested-With header.")
        return dict(await super().parse_multipart(request))
