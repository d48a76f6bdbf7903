"""A correspondence's notification settings are never lost (contract §11): the order is written with the send
whatever state the letter starts in, the letter's ignoreReservation reaches its notifications, custom recipients
are notified once per send, and a sender's purge of a letter that was never published cancels its orders."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pytest

from correspondence.correspondence.models import Correspondence
from correspondence.kit import clock
from correspondence.notification import jobs
from correspondence.notification.enums import NotificationOrderStatus, NotificationResult
from correspondence.notification.models import Notification, NotificationOrder
from correspondence.notification.schedule import AWAITING_PUBLICATION
from correspondence.registry.models import Contact
from tests.attachment.support import initialize, put_content
from tests.fixtures.mail import SmtpSink
from tests.fixtures.world import RESOURCE, World
from tests.helpers import PERSON_A, PERSON_B, PERSON_C
from tests.notification.world import drain

PURGE = "mutation($id: ID!) { purgeCorrespondence(id: $id) { status } }"
EMAIL = {"channel": "EMAIL"}


async def _contacts() -> None:
    confirmed = clock.now() - timedelta(days=10)
    await Contact.create(national_identity_number=PERSON_A, email="kari@example.no", last_confirmed=confirmed)
    await Contact.create(national_identity_number=PERSON_B, email="ola@example.no", last_confirmed=confirmed)
    await Contact.filter(national_identity_number=PERSON_C).update(email="per@example.no", last_confirmed=confirmed)


async def test_a_letter_waiting_for_an_upload_keeps_its_order_and_notifies_once_published(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()
    pending = await initialize(world.client, world.agency, resourceId=RESOURCE)
    (correspondence_id,) = await world.sent_ids(existingAttachments=[pending["id"]], notification=EMAIL)
    (order,) = await NotificationOrder.filter(correspondence_id=correspondence_id)
    assert order.status is NotificationOrderStatus.REGISTERED  # written with the send, while the letter waits

    await drain(ctx)
    assert smtp_sink.messages == []  # nothing goes out before the letter is published
    assert (await put_content(world.client, world.agency, pending["id"], b"done")).status_code == 200
    assert await world.publish(correspondence_id) == "PUBLISHED"
    await drain(ctx)
    assert [m["To"] for m in smtp_sink.messages] == ["kari@example.no"]
    completed = await NotificationOrder.get(id=order.id)
    assert completed.status is NotificationOrderStatus.COMPLETED


async def test_a_failed_upload_cancels_the_waiting_letters_order(world: World, ctx: dict[str, Any]) -> None:
    await _contacts()
    pending = await initialize(world.client, world.agency, resourceId=RESOURCE, checksum=hashlib.md5(b"a").hexdigest())
    (correspondence_id,) = await world.sent_ids(existingAttachments=[pending["id"]], notification=EMAIL)
    await put_content(world.client, world.agency, pending["id"], b"b")  # checksum mismatch: the letter FAILED
    (order,) = await NotificationOrder.filter(correspondence_id=correspondence_id)
    assert order.status is NotificationOrderStatus.CANCELLED


async def test_ignore_reservation_reaches_the_notifications(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()  # Per (PERSON_C) is reserved in the contact register
    correspondence_id = await world.published_id(recipients=[PERSON_C], ignoreReservation=True, notification=EMAIL)
    await drain(ctx)
    (notification,) = await Notification.filter(order__correspondence_id=correspondence_id)
    assert notification.status is NotificationResult.SUCCEEDED
    assert [m["To"] for m in smtp_sink.messages] == ["per@example.no"]


async def test_without_ignore_reservation_a_reserved_person_is_not_notified(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()
    ids = await world.sent_ids(recipients=[PERSON_A, PERSON_C], notification=EMAIL)
    for correspondence_id in ids:
        await world.publish(correspondence_id)
    await drain(ctx)
    assert [m["To"] for m in smtp_sink.messages] == ["kari@example.no"]  # Per's letter is RESERVED: no order


async def test_custom_recipients_are_notified_once_per_send(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()
    notification = {**EMAIL, "customRecipients": [{"emailAddress": "revisor@example.no"}]}
    ids = await world.sent_ids(
        recipients=[PERSON_A, PERSON_B, PERSON_C], ignoreReservation=True, notification=notification
    )
    for correspondence_id in ids:
        assert await world.publish(correspondence_id) == "PUBLISHED"
    await drain(ctx)
    addresses = sorted(m["To"] for m in smtp_sink.messages)
    assert addresses == ["kari@example.no", "ola@example.no", "per@example.no", "revisor@example.no"]


async def test_overriding_custom_recipients_make_one_order_per_send(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()
    notification = {
        **EMAIL,
        "customRecipients": [{"emailAddress": "revisor@example.no"}],
        "overrideRegisteredContactInformation": True,
    }
    ids = await world.sent_ids(recipients=[PERSON_A, PERSON_B], notification=notification)
    for correspondence_id in ids:
        await world.publish(correspondence_id)
    await drain(ctx)
    assert [m["To"] for m in smtp_sink.messages] == ["revisor@example.no"]
    assert await NotificationOrder.all().count() == 1


@pytest.mark.parametrize("failing", ["RESERVED", "FAILED"])
async def test_a_sender_purges_a_letter_that_was_never_published(world: World, failing: str) -> None:
    await _contacts()
    if failing == "RESERVED":
        ids = await world.sent_ids(recipients=[PERSON_A, PERSON_C], notification=EMAIL)
        target = ids[1]
    else:
        pending = await initialize(
            world.client, world.agency, resourceId=RESOURCE, checksum=hashlib.md5(b"a").hexdigest()
        )
        (target,) = await world.sent_ids(existingAttachments=[pending["id"]], notification=EMAIL)
        await put_content(world.client, world.agency, pending["id"], b"b")
    assert (await world.get(target, world.agency))["status"] == failing

    purged = await world.client(PURGE, {"id": target}, world.agency)
    assert purged.data["purgeCorrespondence"]["status"] == "PURGED_BY_ALTINN"
    orders = await NotificationOrder.filter(correspondence_id=target)
    assert all(o.status is NotificationOrderStatus.CANCELLED for o in orders)


@pytest.mark.parametrize(("status", "expected"), [("PUBLISHED", "COMPLETED"), ("FAILED", "CANCELLED")])
async def test_the_sweep_settles_an_order_its_letters_publishing_or_failure_missed(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink, status: str, expected: str
) -> None:
    await _contacts()
    (correspondence_id,) = await world.sent_ids(notification=EMAIL)
    # The letter moves on without the step that moves its order (a hand edit, or code that forgot): the order
    # waits for publication and no claim sees it.
    published = clock.now() if status == "PUBLISHED" else None
    await Correspondence.filter(id=correspondence_id).update(status=status, published=published)
    await drain(ctx)
    (order,) = await NotificationOrder.filter(correspondence_id=correspondence_id)
    assert order.status is NotificationOrderStatus.REGISTERED and smtp_sink.messages == []

    await jobs.sweep(ctx)
    await drain(ctx)

    assert (await NotificationOrder.get(id=order.id)).status.value == expected
    assert [m["To"] for m in smtp_sink.messages] == (["kari@example.no"] if status == "PUBLISHED" else [])


async def test_an_order_claimed_before_its_letter_is_published_is_set_aside_until_it_is(
    world: World, ctx: dict[str, Any], smtp_sink: SmtpSink
) -> None:
    await _contacts()
    (correspondence_id,) = await world.sent_ids(notification=EMAIL)
    # Due at once, as orders were written before they were set aside for their letters.
    await NotificationOrder.filter(correspondence_id=correspondence_id).update(process_after=clock.now())

    await drain(ctx)
    (order,) = await NotificationOrder.filter(correspondence_id=correspondence_id)
    assert order.status is NotificationOrderStatus.REGISTERED and order.process_after == AWAITING_PUBLICATION
    assert smtp_sink.messages == []

    assert await world.publish(correspondence_id) == "PUBLISHED"
    await drain(ctx)
    assert [m["To"] for m in smtp_sink.messages] == ["kari@example.no"]
