"""Webhooks with a real `correspondence worker` process (contract §12): deliveries come from the activity log, so a
worker killed in the middle of an attempt, with Redis flushed after it, loses no event; the attempt is made again
with the same webhook-id once the dead worker's lease runs out."""

from __future__ import annotations

import signal
from datetime import timedelta

import httpx
from arq.connections import ArqRedis
from standardwebhooks import Webhook

from correspondence.adapters.crypto import load_keyring
from correspondence.adapters.local_ports import free_port
from correspondence.kit import clock
from correspondence.settings import Settings
from correspondence.webhook.dispatcher import LEASE, Dispatcher
from correspondence.webhook.enums import WebhookDeliveryStatus
from correspondence.webhook.models import WebhookAttempt, WebhookDelivery
from tests.fixtures.processes import worker_process
from tests.fixtures.webhooks import HOLD, Receiver
from tests.fixtures.world import World
from tests.helpers import ORG_COMPANY
from tests.webhook.support import CREATE, create_input

WORKER_STARTS_WITHIN = 60.0  # seconds, on a loaded machine


async def test_a_worker_killed_mid_delivery_loses_no_event(
    world: World, receiver: Receiver, settings: Settings, redis_pool: ArqRedis
) -> None:
    result = await world.client(
        CREATE, {"input": create_input(url=receiver.url())}, token=world.tokens.system(ORG_COMPANY)
    )
    secret = result.data["createWebhookSubscription"]["secret"]
    receiver.answer("/hook", HOLD)  # the first attempt is still in flight when the worker dies
    await world.published_id(recipients=[ORG_COMPANY])
    metrics = f"127.0.0.1:{free_port()}"
    environment = {"CORRESPONDENCE_DEV_MODE": "true", "CORRESPONDENCE_WORKER_METRICS_ADDRESS": metrics}
    with worker_process(settings, environment) as process:
        await receiver.wait_for(1, within=WORKER_STARTS_WITHIN)
        async with httpx.AsyncClient() as http:  # the worker serves its webhook metrics
            assert (
                "# TYPE correspondence_webhook_attempt_seconds histogram" in (await http.get(f"http://{metrics}")).text
            )
        process.send_signal(signal.SIGKILL)
        process.wait()
    (delivery,) = await WebhookDelivery.all()
    assert (delivery.status, delivery.attempts) == (WebhookDeliveryStatus.PENDING, 0)  # killed before recording
    await redis_pool.flushdb()  # Redis forgets everything too: the database alone holds the work

    clock.advance(LEASE + timedelta(seconds=1))  # the dead worker's lease runs out
    await Dispatcher(settings, load_keyring(settings), name="survivor").drain()

    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == str(delivery.id)
    assert first.body == second.body
    Webhook(secret).verify(second.body, second.headers)
    await delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WebhookDeliveryStatus.DELIVERED, 1)
    assert await WebhookAttempt.filter(delivery_id=delivery.id).count() == 1
