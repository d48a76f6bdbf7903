"""Timing: the SMS daytime window in Europe/Oslo across daylight-saving changes, and the 48-hour time-to-live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from correspondence.kit import clock
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.notification import jobs as jobs
from correspondence.notification import processing as processing
from correspondence.notification.enums import NotificationResult, SendingTimePolicy
from correspondence.notification.models import NotificationOrder
from correspondence.notification.schedule import sms_send_time
from tests.fixtures.mail import SmtpSink
from tests.fixtures.sms import SmsGatewayStub
from tests.helpers import ORG_AGENCY, PERSON_B, GraphQLClient, Tokens
from tests.notification.world import CREATE, ORDER, drain, notifications_of, order_input, seed_world


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-01-15T07:00", "2026-01-15T08:00"),  # 08:00 in winter (UTC+1): wait for 09:00 the same day
        ("2026-01-15T08:00", "2026-01-15T08:00"),  # exactly 09:00: that is the next 09:00
        ("2026-01-15T09:30", "2026-01-15T09:30"),  # 10:30: inside the window
        ("2026-01-15T16:00", "2026-01-16T08:00"),  # exactly 17:00 is outside ("strictly between")
        ("2026-01-15T15:59", "2026-01-15T15:59"),
        ("2026-07-01T06:30", "2026-07-01T07:00"),  # summer (UTC+2): 09:00 is 07:00 UTC
        ("2026-07-01T15:30", "2026-07-02T07:00"),  # 17:30 in summer
        ("2026-03-28T17:00", "2026-03-29T07:00"),  # Saturday 18:00 CET → Sunday 09:00 CEST (clocks went forward)
        ("2026-03-29T00:30", "2026-03-29T07:00"),  # 01:30 CET, before the change that night
        ("2026-10-24T18:00", "2026-10-25T08:00"),  # Saturday 20:00 CEST → Sunday 09:00 CET (clocks went back)
        ("2026-10-25T00:30", "2026-10-25T08:00"),  # 02:30 CEST, the first of the two 02:30s
        ("2026-10-25T01:30", "2026-10-25T08:00"),  # 02:30 CET, the second one
        ("2026-12-31T22:00", "2027-01-01T08:00"),  # 23:00 on New Year's Eve
    ],
)
def test_daytime_window_in_norway(moment: str, expected: str) -> None:
    assert sms_send_time(utc(moment), SendingTimePolicy.DAYTIME) == utc(expected)
    assert sms_send_time(utc(moment), SendingTimePolicy.ANYTIME) == utc(moment)


async def test_sms_at_night_is_planned_for_the_morning_and_sent_then(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], sms_gateway: SmsGatewayStub, smtp_sink: SmtpSink
) -> None:
    await seed_world()
    # Move the clock to 20:00 on the Saturday the clocks go back (CEST, UTC+2).
    clock.advance(utc("2026-10-24T18:00") - clock.now())
    token = tokens.service_owner(ORG_AGENCY)
    created = await client(
        CREATE,
        {"input": order_input(channel="EMAIL_AND_SMS", recipients=[{"nationalIdentityNumber": "01010112377"}])},
        token,
    )
    order_id = created.data["createNotificationOrder"]["id"]
    await drain(ctx)

    shown = (await client(ORDER, {"id": order_id}, token)).data["notificationOrder"]
    by_channel = {n["channel"]: n for n in shown["notifications"]}
    assert by_channel["EMAIL"]["status"] == "SUCCEEDED"  # e-mail any time
    assert by_channel["SMS"]["status"] == "NEW"
    assert datetime.fromisoformat(by_channel["SMS"]["plannedSendTime"]) == utc("2026-10-25T08:00")  # 09:00 CET
    assert shown["status"] == "PROCESSED"
    assert sms_gateway.received == []

    clock.advance(utc("2026-10-25T07:59:59") - clock.now())  # 08:59:59 local: not yet
    await drain(ctx)
    assert sms_gateway.received == []
    clock.advance(timedelta(seconds=2))
    await drain(ctx)
    assert [m["to"] for m in sms_gateway.received] == ["+4791234567"]
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"


async def test_notification_still_new_after_48_hours_fails_ttl(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    created = await client(
        CREATE,
        {
            "input": order_input(
                recipients=[{"nationalIdentityNumber": PERSON_B}, {"emailAddress": "a@example.no"}],
                channel="EMAIL_PREFERRED",
                sendingTimePolicy="ANYTIME",
            )
        },
        tokens.service_owner(ORG_AGENCY),
    )
    order_id = created.data["createNotificationOrder"]["id"]
    # Processed, and then the worker died before dispatching; no worker runs for two days.
    async with unit_of_work():
        order = await processing.claim(order_id, jobs.worker_identity(ctx))
    assert order is not None
    async with unit_of_work():
        await processing.apply(order, await processing.decide(order, ctx["settings"]), ctx["settings"])
    clock.advance(timedelta(hours=47, minutes=59))
    await jobs.expire_notifications(ctx)
    assert {n.status for n in await notifications_of(order_id)} == {NotificationResult.NEW}

    clock.advance(timedelta(minutes=2))
    await jobs.expire_notifications(ctx)
    notifications = await notifications_of(order_id)
    assert {n.status for n in notifications} == {NotificationResult.FAILED_TTL}
    assert all("48 hours" in (n.status_reason or "") for n in notifications)
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"
    await drain(ctx)  # nothing left to send
    assert smtp_sink.messages == []
