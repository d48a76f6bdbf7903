"""The send condition: a real HTTP endpoint that says no, is down, redirects, or sits on a private address."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from correspondence.adapters.condition_endpoint import ConditionEndpointError, send_condition, url_problem
from correspondence.adapters.local_ports import free_port
from correspondence.adapters.sms_sink import embedded_http
from correspondence.kit import clock
from correspondence.notification.enums import NotificationOrderStatus
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.settings import Settings
from tests.fixtures.mail import SmtpSink
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import CREATE, drain, order_input

pytestmark = pytest.mark.dialect_independent  # the HTTP exchange with the condition endpoint


@dataclass
class ConditionServer:
    base: str = ""
    hits: list[str] = field(default_factory=list)

    def app(self) -> Starlette:
        async def answer(request: Request) -> Response:
            self.hits.append(request.url.path)
            match request.path_params["name"]:
                case "yes":
                    return JSONResponse({"sendNotification": True})
                case "no":
                    return JSONResponse({"sendNotification": False})
                case "redirect":
                    return RedirectResponse(f"{self.base}no")
                case "garbage":
                    return JSONResponse({"send": "maybe"})
            return JSONResponse({"error": "down"}, status_code=500)

        return Starlette(routes=[Route("/{name}", answer)])


@pytest.fixture
async def condition_server() -> AsyncIterator[ConditionServer]:
    server = ConditionServer()
    async with embedded_http(server.app()) as url:
        server.base = url
        yield server


async def _create(client: GraphQLClient, tokens: Tokens, endpoint: str) -> str:
    result = await client(CREATE, {"input": order_input(conditionEndpoint=endpoint)}, tokens.service_owner(ORG_AGENCY))
    return str(result.data["createNotificationOrder"]["id"])


async def test_condition_false_ends_the_order(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, condition_server: ConditionServer
) -> None:
    order_id = await _create(client, tokens, f"{condition_server.base}no")
    await drain(ctx)
    order = await NotificationOrder.get(id=order_id)
    assert order.status is NotificationOrderStatus.SEND_CONDITION_NOT_MET
    assert await Notification.filter(order_id=order_id).count() == 0
    assert smtp_sink.messages == []
    assert condition_server.hits == ["/no"]


async def test_condition_true_sends(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, condition_server: ConditionServer
) -> None:
    order_id = await _create(client, tokens, f"{condition_server.base}yes")
    await drain(ctx)
    assert (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize("name", ["down", "redirect", "garbage", "refused"])
async def test_condition_error_is_asked_again_after_a_minute_then_sent_anyway(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    smtp_sink: SmtpSink,
    condition_server: ConditionServer,
    name: str,
) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/yes" if name == "refused" else f"{condition_server.base}{name}"
    order_id = await _create(client, tokens, endpoint)
    await drain(ctx)
    waiting = await NotificationOrder.get(id=order_id)
    assert waiting.status is NotificationOrderStatus.PROCESSING
    assert waiting.condition_failures == 1
    assert waiting.process_after - clock.now() > timedelta(seconds=55)
    assert smtp_sink.messages == []

    clock.advance(timedelta(seconds=59))
    await drain(ctx)
    assert smtp_sink.messages == []  # not before the minute is up
    clock.advance(timedelta(seconds=2))
    await drain(ctx)
    sent = await NotificationOrder.get(id=order_id)
    assert sent.status is NotificationOrderStatus.COMPLETED
    assert "without a condition answer" in (sent.status_reason or "")
    assert len(smtp_sink.messages) == 1
    if name == "redirect":
        assert "/no" not in condition_server.hits  # the redirect was not followed


async def test_private_address_is_refused_on_the_resolved_name_outside_dev_mode(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    smtp_sink: SmtpSink,
    condition_server: ConditionServer,
    notification_settings: Settings,
) -> None:
    port = condition_server.base.rsplit(":", 1)[1].rstrip("/")
    endpoint = f"http://localhost:{port}/no"  # a name: only resolving it shows the loopback address
    with pytest.raises(ConditionEndpointError, match="private or loopback"):
        await send_condition(endpoint, allow_private=False)
    assert await send_condition(endpoint, allow_private=True) is False

    order_id = await _create(client, tokens, endpoint)
    ctx["settings"] = notification_settings.model_copy(update={"dev_mode": False, "allow_private_endpoints": False})
    await drain(ctx)
    clock.advance(timedelta(seconds=61))
    await drain(ctx)
    # Refused twice, never called: the "no" it would have answered was never heard, and the order went out.
    assert condition_server.hits == ["/no"]  # only the direct call with allow_private above
    assert (await NotificationOrder.get(id=order_id)).status is NotificationOrderStatus.COMPLETED
    assert len(smtp_sink.messages) == 1


@pytest.mark.parametrize(
    "host",
    [
        "[::127.0.0.1]",  # IPv4-compatible
        "[::ffff:127.0.0.1]",  # IPv4-mapped
        "[::ffff:10.0.0.1]",
        "[64:ff9b::127.0.0.1]",  # NAT64 well-known prefix
        "[64:ff9b::a9fe:a9fe]",  # NAT64 of 169.254.169.254, the cloud metadata address
        "[64:ff9b:1::7f00:1]",  # NAT64 for local use
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
        "[2002:c0a8:101::1]",  # 6to4 of 192.168.1.1
        "[::]",
        "[::1]",
    ],
)
def test_ipv6_forms_of_private_ipv4_addresses_are_private(host: str) -> None:
    assert url_problem(f"http://{host}/yes", allow_private=False) == (
        "The condition endpoint points to a private or loopback address."
    )
    assert url_problem(f"http://{host}/yes", allow_private=True) is None


@pytest.mark.parametrize("host", ["[::8.8.8.8]", "[64:ff9b::808:808]", "[2002:808:808::1]", "[2001:4860:4860::8888]"])
def test_ipv6_forms_of_public_addresses_stay_public(host: str) -> None:
    assert url_problem(f"http://{host}/yes", allow_private=False) is None
