"""SMS delivery through a real local HTTP gateway, the embedded SMS sink, and delivery reports."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from correspondence.adapters.sms import SmsGateway, SmsMessage
from correspondence.adapters.sms_sink import sms_sink
from correspondence.kit import clock
from correspondence.notification.enums import NotificationResult
from correspondence.notification.models import Notification
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import REPORT_SECRET, SmsGatewayStub
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import CREATE, drain, order_input

pytestmark = pytest.mark.usefixtures("inside_sms_hours")  # SMS goes out only 09-17 in Oslo

SMS_ORDER = {
    "channel": "SMS",
    "sendingTimePolicy": "ANYTIME",
    "recipients": [{"mobileNumber": "+4791234567"}],
    "smsTemplate": {"body": "Hei fra $sendersName$", "senderNumber": "Etaten"},
}


async def _create(client: GraphQLClient, tokens: Tokens, **overrides: Any) -> str:
    result = await client(
        CREATE, {"input": order_input(**{**SMS_ORDER, **overrides})}, tokens.service_owner(ORG_AGENCY)
    )
    return str(result.data["createNotificationOrder"]["id"])


async def test_gateway_error_is_retried_and_acceptance_recorded(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], sms_gateway: SmsGatewayStub
) -> None:
    order_id = await _create(client, tokens)
    sms_gateway.script.append(503)
    await drain(ctx)
    retrying = await Notification.get(order_id=order_id)
    assert retrying.status is NotificationResult.NEW
    assert "503" in (retrying.status_reason or "")
    clock.advance(timedelta(seconds=1))
    await drain(ctx)
    accepted = await Notification.get(order_id=order_id)
    assert accepted.status is NotificationResult.ACCEPTED
    assert accepted.gateway_reference == "gw-1"
    assert sms_gateway.received == [
        {"to": "+4791234567", "from": "Etaten", "body": "Hei fra 974760673", "reference": str(accepted.id)}
    ]


async def test_gateway_refusing_the_number_is_final(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], sms_gateway: SmsGatewayStub
) -> None:
    order_id = await _create(client, tokens)
    sms_gateway.script.append(400)
    await drain(ctx)
    clock.advance(timedelta(minutes=5))
    await drain(ctx)
    failed = await Notification.get(order_id=order_id)
    assert failed.status is NotificationResult.FAILED_INVALID_RECIPIENT
    assert failed.attempts == 1
    assert sms_gateway.received == []


async def test_delivery_reports_are_authenticated_and_idempotent(
    client: GraphQLClient,
    tokens: Tokens,
    ctx: dict[str, Any],
    app_http: httpx.AsyncClient,
    sms_gateway: SmsGatewayStub,
    smtp_sink: SmtpSink,
) -> None:
    sms_order = await _create(client, tokens)
    email_order = await _create(
        client, tokens, idempotencyId="order-2", channel="EMAIL", recipients=[{"emailAddress": "a@example.no"}]
    )
    await drain(ctx)
    sms = await Notification.get(order_id=sms_order)
    email = await Notification.get(order_id=email_order)
    auth = {"Authorization": f"Bearer {REPORT_SECRET}"}

    refused = await app_http.post(
        "/delivery-reports/sms",
        json={"reference": "gw-1", "status": "DELIVERED"},
        headers={"Authorization": "Bearer wrong"},
    )
    assert (refused.status_code, refused.json()["errors"][0]["extensions"]["code"]) == (401, "UNAUTHENTICATED")
    unknown = await app_http.post(
        "/delivery-reports/sms", json={"reference": "gw-999", "status": "DELIVERED"}, headers=auth
    )
    assert unknown.status_code == 404
    bad = await app_http.post("/delivery-reports/sms", json={"reference": "gw-1", "status": "LOST"}, headers=auth)
    assert (bad.status_code, bad.json()["errors"][0]["extensions"]) == (
        400,
        {"code": "BAD_USER_INPUT", "field": "status"},
    )

    delivered = await app_http.post(
        "/delivery-reports/sms", json={"reference": "gw-1", "status": "DELIVERED"}, headers=auth
    )
    assert delivered.json() == {"outcome": "APPLIED"}
    again = await app_http.post(
        "/delivery-reports/sms", json={"reference": "gw-1", "status": "DELIVERED"}, headers=auth
    )
    assert again.json() == {"outcome": "ALREADY_APPLIED"}
    late = await app_http.post(
        "/delivery-reports/sms", json={"reference": str(sms.id), "status": "FAILED"}, headers=auth
    )
    assert late.json() == {"outcome": "IGNORED"}  # the first report wins
    assert (await Notification.get(id=sms.id)).status is NotificationResult.DELIVERED

    bounced = await app_http.post(
        "/delivery-reports/email",
        json={"messageId": email.message_id, "status": "BOUNCED", "reason": "no such user"},
        headers=auth,
    )
    assert bounced.json() == {"outcome": "APPLIED"}
    after = await Notification.get(id=email.id)
    assert (after.status, after.status_reason) == (NotificationResult.FAILED_BOUNCED, "no such user")


async def test_embedded_sink_keeps_each_sms_and_checks_the_key(tmp_path: Path) -> None:
    async with sms_sink(tmp_path / "sms", api_key="k") as url:
        gateway = SmsGateway(url, "k")
        try:
            reference = await gateway.send(SmsMessage("+4791234567", "Altinn", "Hei", "ref-1"))
        finally:
            await gateway.close()
        async with httpx.AsyncClient() as http:
            assert (await http.post(url, json={"to": "+4791234567", "body": "x"})).status_code == 401
    files = list((tmp_path / "sms").glob("*.json"))
    assert len(files) == 1
    kept = json.loads(files[0].read_text())
    assert (kept["id"], kept["to"], kept["body"], kept["reference"]) == (reference, "+4791234567", "Hei", "ref-1")
