"""The ASGI application: GraphQL at /graphql, plain HTTP routes beside it, and the process lifespan."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise import connections

from correspondence.access.context import fair_use_key
from correspondence.access.http import admit, authenticate, error_response, has_shared_secret
from correspondence.adapters import queue
from correspondence.adapters.rate_limits import FairUse
from correspondence.adapters.storage import StorageUnavailableError
from correspondence.adapters.tokens import TokenVerifier
from correspondence.attachment import routes as attachment_routes
from correspondence.attachment.content import storage as attachment_storage
from correspondence.correspondence import routes as correspondence_routes
from correspondence.events import hub as events
from correspondence.graphql.operations import Credential, RouteRule, route_rule
from correspondence.graphql.schema import build_schema
from correspondence.graphql.view import GraphQLApp
from correspondence.kit import db, garbage_collector
from correspondence.kit.errors import DomainError, Unauthenticated
from correspondence.kit.fair_use import LimitClass
from correspondence.notification import routes as notification_routes
from correspondence.settings import Settings

logger = logging.getLogger(__name__)

REQUESTS = Counter("correspondence_http_requests_total", "HTTP requests", ["route", "status"])
LATENCY = Histogram("correspondence_http_request_seconds", "HTTP request latency", ["route"])


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            name = getattr(route, "path", "unmatched")
            REQUESTS.labels(name, str(status)).inc()
            LATENCY.labels(name).observe(time.perf_counter() - started)


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


async def readyz(request: Request) -> Response:
    checks: dict[str, str] = {}
    try:
        await connections.get(db.dialect_of(request.app.state.settings.effective_database_url)).execute_query(
            "SELECT 1"
        )
        checks["database"] = "ok"
    except Exception as error:  # readiness reports any failure instead of raising it
        checks["database"] = f"unavailable: {type(error).__name__}"
    try:
        await queue.pool().ping()
        checks["redis"] = "ok"
    except Exception as error:
        checks["redis"] = f"unavailable: {type(error).__name__}"
    storage = attachment_storage(request.app.state.settings)
    try:
        await storage.check()
        checks["storage"] = "ok"
    except StorageUnavailableError as error:
        checks["storage"] = f"unavailable: {error}"
    verifier: TokenVerifier = request.app.state.verifier
    # Without the issuer's keys every token is refused: the process cannot serve yet.
    checks["tokens"] = "ok" if await verifier.keys_known() else "unavailable"
    hub = events.running_hub()
    if hub is not None and hub.redis_url:  # the event bus listener: live events reach this process
        checks["events"] = "ok" if hub.listening else "connecting"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse({"ready": ready, **checks, "store": storage.location}, status_code=200 if ready else 503)


def metrics_registry() -> CollectorRegistry:
    """With several API processes (`api --workers N`) each writes its samples to PROMETHEUS_MULTIPROC_DIR, and
    any one of them answers /metrics for all."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry


async def metrics(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    # Request counts, routes and timings are the operator's: a scraper shows the metrics token; without one
    # configured, only a dev-mode service answers.
    if not (settings.dev_mode and settings.metrics_token is None) and not has_shared_secret(
        request, settings.metrics_token
    ):
        return error_response(Unauthenticated("The metrics token is required (Authorization: Bearer …)."))
    return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)


Endpoint = Callable[[Request], Awaitable[Response]]
SIGNED_LINK_PARAMETER = "access"


def guarded(endpoint: Endpoint, listed: RouteRule) -> Endpoint:
    """The endpoint behind its row of the operations table: the bearer's actor is admitted (and handed to the
    endpoint through `access.http.bearer_actor`) or refused with UNAUTHENTICATED / FORBIDDEN before it runs; an
    admitted request counts against the caller's request limit (429 with Retry-After over it)."""
    rule = listed.rule
    if rule is None:  # no actor to judge: public, a shared secret the endpoint checks, or GraphQL's own fields
        return endpoint

    async def admitting(request: Request) -> Response:
        if listed.credential is Credential.BEARER_OR_SIGNED_LINK and SIGNED_LINK_PARAMETER in request.query_params:
            # The link is the endpoint's to verify: the server signed it for a reader a GraphQL field with the
            # same rule admitted, and it carries that reader's kind and scopes.
            return await endpoint(request)
        try:
            actor = await authenticate(request)
            rule.check(actor)
            fair_use: FairUse = request.app.state.fair_use
            await fair_use.take(LimitClass.GRAPHQL, fair_use_key(actor))
        except DomainError as error:
            return error_response(error)
        admit(request, actor)
        return await endpoint(request)

    return admitting


def route(path: str, endpoint: Endpoint, method: str, **options: Any) -> Route:
    """A plain route, guarded by its row of the operations table; an unlisted one stops the app's build."""
    return Route(path, guarded(endpoint, route_rule(method, path)), methods=[method], **options)


def create_app(settings: Settings) -> Starlette:
    verifier = TokenVerifier(settings)
    fair_use = FairUse(settings.parsed_rate_limits)
    graphql = GraphQLApp(build_schema(dev_mode=settings.dev_mode), settings, verifier, fair_use)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with db.orm(settings.effective_database_url), queue.connected(settings.redis_url):
            hub = events.EventHub(settings.redis_url, settings.event_queue_size)
            hub.start()
            events.use_hub(hub)
            garbage_collector.settle_after_startup()
            try:
                yield
            finally:
                await hub.stop()  # subscriptions still open here (uvicorn closes its sockets first) complete
                events.use_hub(None)

    for method in ("GET", "POST", "WEBSOCKET"):  # each root field is guarded by the schema assembly
        route_rule(method, "/graphql")
    routes: list[BaseRoute] = [
        Route("/graphql", graphql, methods=["GET", "POST"], max_body_size=settings.max_graphql_body_bytes),
        WebSocketRoute("/graphql", graphql),
        route("/attachments/{attachment_id}/content", attachment_routes.upload_content, "PUT"),
        route(
            "/correspondences/{correspondence_id}/attachments/{attachment_id}", correspondence_routes.download, "GET"
        ),
        route("/correspondences/{correspondence_id}/attachments.zip", correspondence_routes.download_all, "GET"),
        route(
            "/delivery-reports/{channel}",
            notification_routes.delivery_report,
            "POST",
            max_body_size=notification_routes.MAX_REPORT_BYTES,
        ),
        route("/healthz", healthz, "GET"),
        route("/readyz", readyz, "GET"),
        route("/metrics", metrics, "GET"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(MetricsMiddleware)
    app.state.settings = settings
    app.state.verifier = verifier
    app.state.fair_use = fair_use
    return app


def app_from_environment() -> Starlette:
    """The app factory uvicorn imports by name (`correspondence.app:app_from_environment`) in each worker process."""
    return create_app(Settings())
