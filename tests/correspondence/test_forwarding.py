"""Forwarding by e-mail (contract §13): the rules, the e-mail through the worker's SMTP pool with its retries and
sweep, the FORWARDED receipt, and who sees it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from arq.connections import ArqRedis

from correspondence.correspondence import forwarding
from correspondence.correspondence.jobs import forward_correspondence
from correspondence.correspondence.models import Activity, Forwarding
from correspondence.correspondence.statuses import EVENT_TYPES, ActivityType
from correspondence.kit import clock
from correspondence.notification.jobs import close_adapters
from correspondence.settings import MEGABYTE, Settings
from tests.attachment.support import initialize, put_content
from tests.fixtures.mail import SmtpSink
from tests.fixtures.world import CONFIDENTIAL, World, urn_person
from tests.helpers import ORG_AGENCY, ORG_COMPANY, PERSON_A, PERSON_B

FORWARD = """mutation($id: ID!, $input: ForwardCorrespondenceInput!) {
  forwardCorrespondence(id: $id, input: $input) { id status statusHistory { status statusText actor } } }"""
READ = "mutation($id: ID!) { markCorrespondenceRead(id: $id) { status } }"
HISTORY = """query($id: ID!) { correspondence(id: $id) { allowForwarding
  statusHistory { status statusText actor } activities { type actor text } } }"""
ADDRESS = "Venn@Example.no"


@pytest.fixture
async def ctx(settings: Settings, smtp_sink: SmtpSink, redis_pool: ArqRedis) -> AsyncIterator[dict[str, Any]]:
    """The worker's job context, its SMTP pool pointed at the test relay."""
    worker_settings = settings.model_copy(update={"smtp_port": smtp_sink.port, "mail_from": "post@altinn.test"})
    context: dict[str, Any] = {"settings": worker_settings, "redis": redis_pool}
    yield context
    await close_adapters(context)


async def run_due(ctx: dict[str, Any]) -> int:
    """Runs every forwarding job the sweep finds due, as the worker would; returns how many."""
    due = await forwarding.due(100)
    for forwarding_id, _ in due:
        await forward_correspondence(ctx, str(forwarding_id))
    return len(due)


async def uploaded(world: World, content: bytes, file_name: str) -> str:
    created = await initialize(world.client, world.agency, resourceId="skatt-brev", fileName=file_name)
    assert (await put_content(world.client, world.agency, created["id"], content)).status_code == 200
    return str(created["id"])


async def read_letter(world: World, token: str, **overrides: Any) -> str:
    correspondence_id = await world.published_id(**{"allowForwarding": True, **overrides})
    assert (await world.client(READ, {"id": correspondence_id}, token=token)).data
    return correspondence_id


async def forward(world: World, token: str, correspondence_id: str, **input: Any) -> Any:
    return await world.client(FORWARD, {"id": correspondence_id, "input": {"emailAddress": ADDRESS, **input}}, token)


async def test_a_reader_forwards_a_read_letter_with_its_attachments(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    reader = world.person(PERSON_A)
    content = os.urandom(300_000)
    attachment_id = await uploaded(world, content, "vedtak.pdf")
    external = {"url": "https://arkiv.example.no/dok/1", "fileName": "kart.png", "displayName": "Kart"}
    letter = await read_letter(
        world,
        reader,
        content={
            "language": "nb",
            "messageTitle": "Vedtak om skatt",
            "messageSummary": "Kort fortalt",
            "messageBody": "Hei **Kari**",
        },
        existingAttachments=[attachment_id],
        externalAttachments=[external],
    )

    forwarded = (await forward(world, reader, letter, forwardingText="Se dette, takk.")).data["forwardCorrespondence"]

    assert forwarded["status"] == "READ"  # a receipt, not a lifecycle step
    receipt = forwarded["statusHistory"][-1]
    assert receipt == {
        "status": "FORWARDED",
        "statusText": "Forwarded to Venn@example.no",
        "actor": urn_person(PERSON_A),
    }
    assert smtp_sink.messages == []  # sent by the job, after commit
    assert await run_due(ctx) == 1

    (mail,) = smtp_sink.messages
    assert mail["To"] == "Venn@example.no" and mail["From"] == "post@altinn.test"
    assert mail["Subject"] == "Videresendt fra Altinn: Vedtak om skatt"
    text = mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Se dette, takk.")
    assert all(
        part in text for part in ("Vedtak om skatt", "Kort fortalt", "Hei **Kari**", "https://arkiv.example.no/dok/1")
    )
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<strong>Kari</strong>" in html and "Se dette, takk." in html
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == "vedtak.pdf"
    assert attachment.get_content() == content
    (row,) = await Forwarding.all()
    assert (row.status.value, row.attempts, row.sent_at is not None) == ("SENT", 1, True)
    assert mail["Message-ID"] == forwarding.message_id(row.id, ctx["settings"])

    await forward_correspondence(ctx, str(row.id))  # the job again (a duplicate enqueue): nothing more is sent
    assert len(smtp_sink.messages) == 1
    activity = await Activity.get(type=ActivityType.FORWARDED)
    assert activity.text == "Forwarded to Venn@example.no" and ActivityType.FORWARDED in EVENT_TYPES


async def test_only_the_sender_and_the_forwarding_reader_see_the_forwarding(world: World) -> None:
    dagl, colleague = world.person(PERSON_B), world.person(PERSON_A)
    letter = await read_letter(world, dagl, recipients=[ORG_COMPANY])
    assert (await forward(world, dagl, letter)).data

    def forwardings(view: Any) -> list[Any]:
        entries = view["statusHistory"] + view["activities"]
        return [e for e in entries if "FORWARDED" in (e.get("status"), e.get("type"))]

    own = (await world.client(HISTORY, {"id": letter}, token=dagl)).data["correspondence"]
    assert [e["actor"] for e in forwardings(own)] == [urn_person(PERSON_B)] * 2
    sender = (await world.client(HISTORY, {"id": letter}, token=world.agency)).data["correspondence"]
    assert [e.get("statusText") or e.get("text") for e in forwardings(sender)] == ["Forwarded to Venn@example.no"] * 2
    other = (await world.client(HISTORY, {"id": letter}, token=colleague)).data["correspondence"]
    assert other["allowForwarding"] is True
    assert forwardings(other) == []
    assert "READ" in [e["status"] for e in other["statusHistory"]]


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("before read", "CONFLICT", "id"),
        ("not allowed", "CONFLICT", "id"),
        ("twice to one address", "CONFLICT", "input.emailAddress"),
        ("bad address", "BAD_USER_INPUT", "input.emailAddress"),
        ("over-long text", "BAD_USER_INPUT", "input.forwardingText"),
        ("marked-up text", "BAD_USER_INPUT", "input.forwardingText"),
    ],
)
async def test_refused_forwardings_send_nothing(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, case: str, code: str, field: str
) -> None:
    reader = world.person(PERSON_A)
    request: dict[str, str] = {}
    if case == "before read":
        letter = await world.published_id(allowForwarding=True)
    elif case == "not allowed":
        letter = await read_letter(world, reader, allowForwarding=False)
    elif case == "twice to one address":
        letter, request = await read_letter(world, reader), {"emailAddress": ADDRESS.upper()}
        assert (await forward(world, reader, letter)).data
        assert await run_due(ctx) == 1
        smtp_sink.messages.clear()
    else:
        letter = await read_letter(world, reader)
        request = {
            "bad address": {"emailAddress": "not-an-address"},
            "over-long text": {"forwardingText": "x" * 201},
            "marked-up text": {"forwardingText": "Se <b>dette</b>"},
        }[case]
    forwardings_before = await Forwarding.all().count()

    refused = await forward(world, reader, letter, **request)

    assert (refused.codes, refused.fields) == ([code], [field])
    assert await Forwarding.all().count() == forwardings_before
    assert await run_due(ctx) == 0 and smtp_sink.messages == []
    history = (await world.client(HISTORY, {"id": letter}, token=reader)).data["correspondence"]["statusHistory"]
    assert [e["status"] for e in history].count("FORWARDED") == (1 if case == "twice to one address" else 0)


async def test_a_letter_the_caller_cannot_read_is_unknown(world: World) -> None:
    letter = await read_letter(world, world.person(PERSON_A))
    refused = await forward(world, world.person(PERSON_B), letter)
    unknown = await forward(world, world.person(PERSON_B), "6f1c8b1e-0000-4000-8000-000000000000")
    assert refused.codes == unknown.codes == ["NOT_FOUND"]
    assert refused.errors[0]["message"] == unknown.errors[0]["message"]


async def test_allow_forwarding_is_refused_for_confidential_and_heavy_letters(world: World) -> None:
    confidential = await world.send(resourceId=CONFIDENTIAL, allowForwarding=True)
    assert (confidential.codes, confidential.fields) == (["BAD_USER_INPUT"], ["input.allowForwarding"])
    heavy = await uploaded(world, os.urandom(10 * MEGABYTE + 1), "stor.bin")
    refused = await world.send(allowForwarding=True, existingAttachments=[heavy])
    assert (refused.codes, refused.fields) == (["BAD_USER_INPUT"], ["input.allowForwarding"])
    assert "10 MB" in refused.errors[0]["message"]
    assert (await world.send(existingAttachments=[heavy])).data  # without forwarding it may be sent


async def test_a_transient_failure_is_retried_with_backoff_and_found_by_the_sweep(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    reader = world.person(PERSON_A)
    letter = await read_letter(world, reader)
    assert (await forward(world, reader, letter)).data
    smtp_sink.script.append(421)

    assert await run_due(ctx) == 1
    (row,) = await Forwarding.all()
    assert (row.status.value, row.attempts) == ("PENDING", 1)
    assert "421" in (row.status_reason or "")
    assert await run_due(ctx) == 0  # not due before its backoff
    clock.advance(timedelta(seconds=2))
    assert await run_due(ctx) == 1
    await row.refresh_from_db()
    assert (row.status.value, row.attempts) == ("SENT", 2)
    assert len(smtp_sink.messages) == 1


async def test_a_permanent_failure_is_final(world: World, ctx: dict[str, Any], smtp_sink: SmtpSink) -> None:
    reader = world.person(PERSON_A)
    letter = await read_letter(world, reader)
    assert (await forward(world, reader, letter)).data
    smtp_sink.always = 550

    assert await run_due(ctx) == 1
    (row,) = await Forwarding.all()
    assert (row.status.value, row.attempts) == ("FAILED", 1)
    clock.advance(timedelta(hours=1))
    assert await run_due(ctx) == 0


async def test_a_claim_left_by_a_dead_worker_is_taken_over(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    reader = world.person(PERSON_A)
    letter = await read_letter(world, reader)
    assert (await forward(world, reader, letter)).data
    await Forwarding.all().update(status="SENDING", claimed_at=clock.now())  # a worker died mid-send
    assert await run_due(ctx) == 0  # a live claim is left alone
    clock.advance(timedelta(minutes=6))
    assert await run_due(ctx) == 1
    assert len(smtp_sink.messages) == 1


async def test_senders_cannot_forward(world: World) -> None:
    letter = await read_letter(world, world.person(PERSON_A))
    refused = await forward(world, world.tokens.service_owner(ORG_AGENCY), letter)
    assert refused.codes == ["FORBIDDEN"]
