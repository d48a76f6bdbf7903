"""Standalone notification orders end to end: create, process, send, show; idempotency; cancel; visibility."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from correspondence import clock
from correspondence.models import NotificationAttempt, NotificationOrder
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B, GraphQLClient, Tokens
from tests.notifications.conftest import SmsGatewayStub, SmtpSink
from tests.notifications.world import CANCEL, CREATE, ORDER, drain, order_input, seed_world


async def test_order_is_looked_up_sent_and_shown(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink, sms_gateway: SmsGatewayStub
) -> None:
    await seed_world()
    token = tokens.service_owner(ORG_AGENCY)
    created = await client(
        CREATE,
        {
            "input": order_input(
                channel="EMAIL_PREFERRED",
                sendingTimePolicy="ANYTIME",
                recipients=[
                    {"nationalIdentityNumber": PERSON_A},
                    {"nationalIdentityNumber": PERSON_B},  # no e-mail: falls back to SMS
                    {"organizationNumber": ORG_COMPANY},
                    {"emailAddress": "KARI@example.no"},  # the same address as PERSON_A's, in other case
                ],
            )
        },
        token,
    )
    order = created.data["createNotificationOrder"]
    assert order["status"] == "REGISTERED"
    assert order["recipientLookup"] == {"status": "SUCCESS", "isReserved": [], "missingContact": []}
    assert order["notifications"] == []  # written when the order is processed, at its send time

    await drain(ctx)

    shown = (await client(ORDER, {"id": order["id"]}, token)).data["notificationOrder"]
    assert shown["status"] == "COMPLETED"
    sent = {(n["channel"], n["address"], n["status"]) for n in shown["notifications"]}
    assert sent == {
        ("EMAIL", "kari@example.no", "SUCCEEDED"),
        ("SMS", "+4741234567", "ACCEPTED"),
        ("EMAIL", "post@bedrift.no", "SUCCEEDED"),
    }
    emails = {n["address"]: n for n in shown["notifications"] if n["channel"] == "EMAIL"}
    kari = smtp_sink.to("kari@example.no")
    assert len(kari) == 1
    assert kari[0]["Subject"] == "Hei Kari Nordmann"
    assert kari[0]["Message-ID"] == emails["kari@example.no"]["messageId"]
    assert "Melding fra Skatteetaten" in kari[0].get_payload()
    assert sms_gateway.received[0]["to"] == "+4741234567"
    assert sms_gateway.received[0]["body"] == "Melding fra Skatteetaten"
    assert all(n["sentTime"] and n["attempts"] == 1 for n in shown["notifications"])
    assert await NotificationAttempt.all().count() == 3
