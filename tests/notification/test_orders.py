"""Standalone notification orders end to end: create, process, send, show; idempotency; cancel; visibility."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from correspondence.kit import clock
from correspondence.notification.models import NotificationAttempt, NotificationOrder
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import SmsGatewayStub
from tests.helpers import ORG_AGENCY, ORG_COMPANY, ORG_OTHER, PERSON_A, PERSON_B, GraphQLClient, Tokens
from tests.notification.world import CANCEL, CREATE, ORDER, drain, order_input, seed_world

pytestmark = pytest.mark.usefixtures("inside_sms_hours")  # SMS goes out only 09-17 in Oslo


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
    assert "Melding fra Skatteetaten" in kari[0].get_content()
    assert sms_gateway.received[0]["to"] == "+4741234567"
    assert sms_gateway.received[0]["body"] == "Melding fra Skatteetaten"
    assert all(n["sentTime"] and n["attemptCount"] == 1 for n in shown["notifications"])
    attempts = {(n["channel"], n["address"]): n["attempts"] for n in shown["notifications"]}
    (kari_attempt,) = attempts[("EMAIL", "kari@example.no")]
    assert (kari_attempt["outcome"], kari_attempt["transient"]) == ("SUCCEEDED", False)
    assert kari_attempt["messageId"] == emails["kari@example.no"]["messageId"]
    (sms_attempt,) = attempts[("SMS", "+4741234567")]
    assert sms_attempt["outcome"] == "ACCEPTED" and sms_attempt["gatewayId"] is not None
    assert await NotificationAttempt.all().count() == 3


async def test_idempotency_id_returns_the_first_order_also_when_concurrent(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any]
) -> None:
    token = tokens.service_owner(ORG_AGENCY)
    first, second = await asyncio.gather(
        client(CREATE, {"input": order_input(reminders=[{"delayDays": 1}])}, token),
        client(CREATE, {"input": order_input(reminders=[{"delayDays": 1}])}, token),
    )
    assert first.data["createNotificationOrder"]["id"] == second.data["createNotificationOrder"]["id"]
    changed = await client(CREATE, {"input": order_input(sendersReference="other")}, token)
    assert changed.data["createNotificationOrder"]["id"] == first.data["createNotificationOrder"]["id"]
    assert changed.data["createNotificationOrder"]["sendersReference"] == "ref-1"
    assert await NotificationOrder.all().count() == 2  # the order and its reminder, once
    other_org = await client(CREATE, {"input": order_input()}, tokens.service_owner(ORG_COMPANY))
    assert other_org.data["createNotificationOrder"]["id"] != first.data["createNotificationOrder"]["id"]


async def test_scheduled_order_waits_and_reminder_follows(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    send_at = clock.now() + timedelta(hours=1)
    created = await client(
        CREATE,
        {
            "input": order_input(
                requestedSendTime=send_at.isoformat(),
                reminders=[{"delayDays": 2, "emailTemplate": {"subject": "Påminnelse", "body": "Husk meldingen"}}],
            )
        },
        tokens.service_owner(ORG_AGENCY),
    )
    order_id = created.data["createNotificationOrder"]["id"]
    await drain(ctx)
    assert smtp_sink.messages == []
    clock.advance(timedelta(hours=1, seconds=1))
    await drain(ctx)
    assert [m["Subject"] for m in smtp_sink.messages] == ["Hei"]  # a raw address has no name
    reminder = await NotificationOrder.get(main_order_id=order_id)
    assert reminder.is_reminder
    assert reminder.requested_send_time == send_at + timedelta(days=2)
    clock.advance(timedelta(days=2))
    await drain(ctx)
    assert [m["Subject"] for m in smtp_sink.messages] == ["Hei", "Påminnelse"]
    assert (await NotificationOrder.get(id=reminder.id)).status.value == "COMPLETED"


async def test_cancel_rules(client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink) -> None:
    token = tokens.service_owner(ORG_AGENCY)

    async def create(key: str, send_in: timedelta, **extra: Any) -> str:
        result = await client(
            CREATE,
            {"input": order_input(idempotencyId=key, requestedSendTime=(clock.now() + send_in).isoformat(), **extra)},
            token,
        )
        return str(result.data["createNotificationOrder"]["id"])

    later = await create("later", timedelta(hours=1), reminders=[{"delayDays": 1}])
    soon = await create("soon", timedelta(minutes=4))
    now = await create("now", timedelta(0))

    cancelled = await client(CANCEL, {"id": later}, token)
    assert cancelled.data["cancelNotificationOrder"]["status"] == "CANCELLED"
    assert (await NotificationOrder.get(main_order_id=later)).status.value == "CANCELLED"
    assert (await client(CANCEL, {"id": later}, token)).codes == ["CONFLICT"]  # no longer REGISTERED
    assert (await client(CANCEL, {"id": soon}, token)).codes == ["CONFLICT"]  # within 5 minutes
    await drain(ctx)
    assert (await client(CANCEL, {"id": now}, token)).codes == ["CONFLICT"]  # processed
    assert (await client(CANCEL, {"id": soon}, tokens.service_owner(ORG_COMPANY))).codes == ["NOT_FOUND"]
    assert (await client(CANCEL, {"id": "not-an-id"}, token)).codes == ["NOT_FOUND"]

    clock.advance(timedelta(days=2))
    await drain(ctx)
    assert len(smtp_sink.messages) == 2  # "now" and "soon"; nothing of the cancelled order or its reminder


async def test_only_the_ordering_organization_sees_the_order(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any]
) -> None:
    created = await client(CREATE, {"input": order_input()}, tokens.service_owner(ORG_AGENCY))
    order_id = created.data["createNotificationOrder"]["id"]
    assert (await client(ORDER, {"id": order_id}, tokens.service_owner(ORG_AGENCY))).data["notificationOrder"][
        "id"
    ] == order_id
    assert (await client(ORDER, {"id": order_id}, tokens.service_owner(ORG_OTHER))).data == {"notificationOrder": None}
    for token in (tokens.person(PERSON_A), tokens.system(ORG_AGENCY), tokens.admin()):  # orders are only senders'
        assert (await client(ORDER, {"id": order_id}, token)).codes == ["FORBIDDEN"]
    assert (await client(ORDER, {"id": "nonsense"}, tokens.service_owner(ORG_AGENCY))).data == {
        "notificationOrder": None
    }
