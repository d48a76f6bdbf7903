"""E-mail delivery through a real SMTP server: transient and permanent failures, backoff, attempts, Message-IDs,
HTML sanitising, reused connections, and concurrent dispatchers that never send one notification twice."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import pytest

from correspondence.adapters.local_ports import free_port
from correspondence.adapters.mail import DEFAULT_POOL_SIZE
from correspondence.kit import clock
from correspondence.notification import jobs as jobs
from correspondence.notification.enums import EmailContentType, NotificationResult
from correspondence.notification.models import Notification, NotificationAttempt, NotificationOrder
from correspondence.notification.schedule import RETRY_BACKOFF
from correspondence.notification.texts import PLACEHOLDER, TextValues, email_text, sanitize_html
from correspondence.registry.models import Organization
from correspondence.settings import Settings
from tests.fixtures.mail import SmtpSink
from tests.helpers import ORG_AGENCY, GraphQLClient, Tokens
from tests.notification.world import CREATE, ORDER, drain, order_input, seed_world


async def _create(client: GraphQLClient, tokens: Tokens, **overrides: Any) -> str:
    result = await client(CREATE, {"input": order_input(**overrides)}, tokens.service_owner(ORG_AGENCY))
    return str(result.data["createNotificationOrder"]["id"])


async def _only(order_id: str) -> Notification:
    notifications = await Notification.filter(order_id=order_id)
    assert len(notifications) == 1
    return notifications[0]


async def test_421_is_retried_after_a_second_then_accepted(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    order_id = await _create(client, tokens)
    smtp_sink.script.append(421)
    await drain(ctx)
    first = await _only(order_id)
    assert first.status is NotificationResult.NEW
    assert first.attempts == 1
    assert "421" in (first.status_reason or "")
    assert first.due_at - first.status_changed == RETRY_BACKOFF[0]
    assert (await NotificationOrder.get(id=order_id)).status.value == "PROCESSED"

    clock.advance(timedelta(seconds=1))
    await drain(ctx)
    sent = await _only(order_id)
    assert sent.status is NotificationResult.SUCCEEDED
    assert sent.attempts == 2
    assert sent.status_reason is None
    assert smtp_sink.message_ids == {sent.message_id: 1}
    attempts = await NotificationAttempt.filter(notification_id=sent.id).order_by("id")
    assert [(a.result, a.transient) for a in attempts] == [
        (NotificationResult.FAILED, True),
        (NotificationResult.SUCCEEDED, False),
    ]
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"
    shown = (await client(ORDER, {"id": order_id}, tokens.service_owner(ORG_AGENCY))).data["notificationOrder"]
    (notification,) = shown["notifications"]
    assert notification["attemptCount"] == 2
    assert [(a["outcome"], a["transient"], "421" in (a["reason"] or "")) for a in notification["attempts"]] == [
        ("FAILED", True, True),
        ("SUCCEEDED", False, False),
    ]
    assert {a["messageId"] for a in notification["attempts"]} == {sent.message_id}


async def test_550_is_final_after_one_attempt(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    order_id = await _create(client, tokens)
    smtp_sink.always = 550
    await drain(ctx)
    clock.advance(timedelta(minutes=10))
    await drain(ctx)
    failed = await _only(order_id)
    assert failed.status is NotificationResult.FAILED
    assert "550" in (failed.status_reason or "")
    assert failed.attempts == 1
    assert await NotificationAttempt.filter(notification_id=failed.id).count() == 1
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"
    assert smtp_sink.messages == []


async def test_transient_failures_back_off_then_fail_with_the_reason(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    order_id = await _create(client, tokens)
    smtp_sink.always = 451
    waits = []
    await drain(ctx)
    for _ in range(10):
        notification = await _only(order_id)
        if notification.status is not NotificationResult.NEW:
            break
        waits.append(notification.due_at - notification.status_changed)
        clock.advance(notification.due_at - clock.now())
        await drain(ctx)
    assert waits == list(RETRY_BACKOFF)  # 1, 5, 10, 60, 120, 120 s
    failed = await _only(order_id)
    assert failed.status is NotificationResult.FAILED
    assert failed.attempts == 7
    assert "451" in (failed.status_reason or "") and "gave up after 7 attempts" in (failed.status_reason or "")
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"


async def test_refused_connection_is_transient(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], notification_settings: Settings
) -> None:
    order_id = await _create(client, tokens)
    ctx["settings"] = notification_settings.model_copy(update={"smtp_port": free_port()})  # nobody listens
    await drain(ctx)
    notification = await _only(order_id)
    assert notification.status is NotificationResult.NEW
    assert notification.attempts == 1
    assert notification.status_reason


async def test_html_is_sanitised_and_placeholders_escaped(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await seed_world()
    await Organization.filter(organization_number=ORG_AGENCY).update(name="Etat <b>&</b> Co")
    order_id = await _create(
        client,
        tokens,
        emailTemplate={
            "subject": "Fra $sendersName$",
            "body": '<p onclick="steal()">Hei fra $sendersName$</p><script>alert(1)</script>'
            '<a href="javascript:x()">x</a>',
            "contentType": "HTML",
        },
    )
    await drain(ctx)
    mail = smtp_sink.messages[0]
    assert mail.get_content_type() == "text/html"
    body = mail.get_content()
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert "Hei fra Etat &lt;b&gt;&amp;&lt;/b&gt; Co" in body
    assert mail["Subject"] == "Fra Etat <b>&</b> Co"  # a subject is plain text
    assert (await _only(order_id)).status is NotificationResult.SUCCEEDED


async def test_connections_are_reused(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    recipients = [{"emailAddress": f"person{i}@example.no"} for i in range(40)]
    await _create(client, tokens, recipients=recipients)
    await drain(ctx)
    assert len(smtp_sink.messages) == 40
    assert len(set(smtp_sink.sessions)) <= DEFAULT_POOL_SIZE  # the pool's size, not one connection per message


async def test_two_dispatchers_never_send_the_same_notification(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    recipients = [{"emailAddress": f"person{i}@example.no"} for i in range(250)]
    order_id = await _create(client, tokens, recipients=recipients)
    await jobs.process_order(ctx, order_id)
    other = {"settings": ctx["settings"], "redis": ctx["redis"]}
    try:
        await asyncio.gather(jobs.dispatch_email(ctx, order_id), jobs.dispatch_email(other, order_id))
    finally:
        await jobs.close_adapters(other)
    assert len(smtp_sink.messages) == 250
    assert set(smtp_sink.message_ids.values()) == {1}
    assert await Notification.filter(order_id=order_id, status=NotificationResult.SUCCEEDED).count() == 250
    assert await NotificationAttempt.all().count() == 250
    assert (await NotificationOrder.get(id=order_id)).status.value == "COMPLETED"


async def test_order_shows_message_id_and_sent_time(
    client: GraphQLClient, tokens: Tokens, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    order_id = await _create(client, tokens)
    await drain(ctx)
    shown = (await client(ORDER, {"id": order_id}, tokens.service_owner(ORG_AGENCY))).data["notificationOrder"]
    notification = shown["notifications"][0]
    assert notification["messageId"] == smtp_sink.messages[0]["Message-ID"]
    assert notification["messageId"] == f"<{notification['id']}@correspondence.test>"
    assert notification["sentTime"] is not None


PLACEHOLDER_FIELDS = {
    "recipientName": "recipient_name",
    "recipientNumber": "recipient_number",
    "sendersName": "senders_name",
    "correspondenceRecipientName": "correspondence_recipient_name",
    "resourceName": "resource_name",
    "messageTitle": "message_title",
}
ATTRIBUTE_POSITIONS = [
    '<a href="{}">x</a>',
    "<a href='{}'>x</a>",
    "<a href={}>x</a>",
    '<img src="{}" alt="x">',
    '<p style="{}">x</p>',
    '<p onclick="{}">x</p>',
    '<a title="{}" href="https://example.no">x</a>',
]
HOSTILE_VALUES = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "' onerror='alert(1)",
    "x onfocus=alert(1) autofocus",
]


class _Attributes(HTMLParser):
    """Every attribute of every tag in a document, as a browser's parser sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(name, value or "") for name, value in attrs]


def _harmful_attributes(body: str) -> list[tuple[str, str]]:
    parser = _Attributes()
    parser.feed(body)
    return [
        (name, value)
        for name, value in parser.found
        if name.startswith("on")
        or name == "style"
        or (name in ("href", "src") and value.strip().lower().startswith(("javascript:", "data:")))
    ]


def test_placeholder_names_are_the_contracts() -> None:
    assert set(PLACEHOLDER_FIELDS) == set(PLACEHOLDER.pattern.split("(")[1].split(")")[0].split("|"))


@pytest.mark.parametrize("placeholder", sorted(PLACEHOLDER_FIELDS))
@pytest.mark.parametrize("position", ATTRIBUTE_POSITIONS)
@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_no_placeholder_value_becomes_a_harmful_attribute(placeholder: str, position: str, value: str) -> None:
    """A value substituted into an HTML e-mail is escaped and the result sanitised: a title `javascript:…` in
    `href="$messageTitle$"` is no link to a script, and no value leaves its attribute."""
    # As the order stores it: sanitised once when it was created.
    stored = sanitize_html(position.format(f"${placeholder}$"))
    order = NotificationOrder(email_subject="s", email_body=stored, email_content_type=EmailContentType.HTML)
    values = TextValues(**{PLACEHOLDER_FIELDS[placeholder]: value})

    text = email_text(order, values, confidential=False)

    assert _harmful_attributes(text.body) == []
