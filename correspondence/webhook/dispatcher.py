"""Webhook delivery (contract §12): the fan-out from the activity log and one delivery lane per subscription.

The activity log is the outbox. The **fan-out** reads the events committed since it last looked and makes a
delivery row for each subscription that may see each event (the access rule of live events, `events/audience.py`,
judged now); rows are unique per (subscription, event), so two workers fanning out, or one that starts again from
the stored position, add nothing twice. Transactions may commit out of id order: an id missing below the highest
one read is a gap, read again on every pass until it appears, or until it is older than `SETTLE_SECONDS` (a
rolled-back insert). The stored position never passes a gap, so a restarted worker reads everything it may have
missed: a crash, a dead worker or a Redis flush delays deliveries and loses none. Redis only wakes the fan-out
early (the event bus); a tick finds anything else.

A **lane** delivers one subscription's due deliveries, oldest event first, one at a time, under a lease in the
database, so one worker delivers a subscription at a time and a dead worker's lease runs out (`LEASE`). Lanes run
side by side, each with its own HTTP connection: a slow or dead endpoint holds its own lane only. A lane reads the
subscription once per batch of due deliveries, and again before an attempt once that reading is a second old (a
slow endpoint): deleted or disabled, it stops; and it judges the subscriber's access to each event just before its
attempt (lost: the delivery is withdrawn, nothing is sent). A running dispatcher keeps an idle lane, its lease and
its connection a few seconds for the subscription's next events: the fan-out wakes it, and a tick wakes it for
retries falling due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

import anyio
import anyio.lowlevel
import httpx
from prometheus_client import Counter, Histogram
from standardwebhooks import Webhook

from correspondence.access.cache import access_cache, access_of
from correspondence.access.grants import AccessScope, sender_party
from correspondence.adapters import event_bus
from correspondence.adapters.crypto import KeyRing, WrappedKey
from correspondence.adapters.event_bus import EventMessage
from correspondence.correspondence.statuses import EVENT_TYPES
from correspondence.correspondence.timeline import event_message
from correspondence.events.audience import Audience
from correspondence.kit import clock
from correspondence.kit.unit_of_work import unit_of_work
from correspondence.settings import Settings
from correspondence.webhook import attempt, repository
from correspondence.webhook.cloudevents import cloud_event, signed_headers, signer
from correspondence.webhook.enums import WebhookDeliveryStatus
from correspondence.webhook.repository import WebhookAttempt, WebhookDelivery, WebhookSubscription
from correspondence.webhook.subscriptions import allows_private_endpoints, open_secret, subscriber, url_problem

if TYPE_CHECKING:
    from correspondence.correspondence.repository import Correspondence, LoggedActivity
    from correspondence.notification.models import NotificationOrder

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0  # retries fall due and missed wake-ups are found this often
WAKE_GATHER_SECONDS = 0.02  # after a wake-up, a burst of events is fanned out in one pass, not one pass each
POSITION_EVERY_SECONDS = 5.0
SETTLE_SECONDS = 60.0  # an id missing this long belonged to a transaction that rolled back
LEASE = timedelta(seconds=60)  # a dead worker's subscriptions wait this long for another
LEASE_RENEWAL_SECONDS = 20.0  # renewed this often, before an attempt: an attempt (≤ 30 s) never outlives the lease
LANE_BATCH = 20  # due deliveries a lane reads at once; each is still judged and sent one at a time
STATE_FRESH_SECONDS = 1.0  # a batch's reading of its subscription (deleted? disabled? a new secret?) is good this long
LANE_LINGER_SECONDS = 10.0  # an idle lane waits this long for its subscription's next events before it ends
FAN_OUT_BATCH = 1000
MAX_LANES = 256  # lanes of one worker at once; further subscriptions wait for a free one
WITHDRAWN = "Withdrawn: the subscriber may no longer see this event."
_WITHDRAWN_CHANGE: dict[str, object] = {
    "status": WebhookDeliveryStatus.FAILED,
    "error": WITHDRAWN,
    "next_attempt_at": None,
}
_ONE_CONNECTION = httpx.Limits(max_connections=1, max_keepalive_connections=1)  # a lane sends one request at a time

ATTEMPTS = Counter("correspondence_webhook_attempts_total", "Webhook delivery attempts", ["outcome"])
ATTEMPT_SECONDS = Histogram(
    "correspondence_webhook_attempt_seconds",
    "Webhook delivery attempts, from lookup to answer",
    ["outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
WITHDRAWALS = Counter("correspondence_webhook_withdrawn_total", "Deliveries withdrawn: the subscriber lost access")
DISABLED = Counter("correspondence_webhook_subscriptions_disabled_total", "Subscriptions disabled", ["reason"])


def _message(delivery: WebhookDelivery, correspondence: Correspondence) -> EventMessage:
    """The event as the access rule judges it now (the same fields a live event carries)."""
    return EventMessage(
        id=delivery.event_id,
        type=delivery.type,
        occurred_at="",
        correspondence_id=str(correspondence.id),
        recipient=correspondence.recipient,
        sender=correspondence.sender,
        resource_id=correspondence.resource_id,
        is_confidential=correspondence.is_confidential,
    )


def _standalone_message(delivery: WebhookDelivery, order: NotificationOrder) -> EventMessage:
    """A standalone notification order's event as the access rule judges it now: its ordering organization's."""
    return EventMessage(
        id=delivery.event_id,
        type=delivery.type,
        occurred_at="",
        correspondence_id=None,
        recipient=None,
        sender=order.creator,
        resource_id=order.resource_id,
        is_confidential=False,
        notification_order_id=str(order.id),
    )


@dataclass(frozen=True, slots=True)
class Subjects:
    """What a lane's batch of deliveries is about, as it is now: correspondences, and standalone orders."""

    correspondences: dict[uuid.UUID, Correspondence]
    orders: dict[uuid.UUID, NotificationOrder]

    def judged(self, delivery: WebhookDelivery) -> tuple[EventMessage, Correspondence | None] | None:
        """The delivery's event as the access rule judges it now, and its correspondence; None when what it is
        about is gone."""
        if delivery.correspondence_id is None:
            order = self.orders.get(delivery.notification_order_id) if delivery.notification_order_id else None
            return None if order is None else (_standalone_message(delivery, order), None)
        correspondence = self.correspondences.get(delivery.correspondence_id)
        return None if correspondence is None else (_message(delivery, correspondence), correspondence)


def audience_of(subscription: WebhookSubscription) -> Audience:
    parties = frozenset(subscription.parties) if subscription.parties else None
    return Audience(subscriber(subscription), parties)


def wants(subscription: WebhookSubscription, message: EventMessage) -> bool:
    """The subscription's own filters; empty ones let everything through."""
    return (
        message.id > subscription.after_event
        and (not subscription.types or message.type in subscription.types)
        and (not subscription.parties or message.recipient in subscription.parties)
        and (not subscription.resource_ids or message.resource_id in subscription.resource_ids)
    )


async def scope_of(audience: Audience) -> AccessScope:
    """What the subscriber may read now (senders read no inbox: what they sent is theirs)."""
    return AccessScope() if audience.is_sender else await access_of(audience.actor)


Follower = tuple[WebhookSubscription, Audience, AccessScope]


class Followers:
    """A fan-out pass's subscriptions by the party whose events they may see: a recipient's under every inbox its
    scope opens, a sender's under the organization it sends (and orders standalone notifications) for. An event is
    judged (by the same rule) against those filed under its recipient and its sender (the fields `Audience.sees`
    judges) only, not against every subscription."""

    def __init__(self) -> None:
        self._by_recipient: dict[str, list[Follower]] = defaultdict(list)
        self._by_sender: dict[str, list[Follower]] = defaultdict(list)

    def add(self, subscription: WebhookSubscription, audience: Audience, scope: AccessScope) -> None:
        follower = (subscription, audience, scope)
        if audience.is_sender:
            party = sender_party(audience.actor)
            if party is not None:
                self._by_sender[party].append(follower)
            return
        for party in audience.readable(scope).parties:
            self._by_recipient[party].append(follower)

    def of(self, message: EventMessage) -> list[Follower]:
        # A standalone order's event names no recipient when the party notified is not known (a raw address).
        recipients = self._by_recipient.get(message.recipient, ()) if message.recipient is not None else ()
        return [*recipients, *self._by_sender.get(message.sender, ())]


class Target:
    """Where a lane's attempts go: the subscription (its URL and filters do not change), its audience, and why its
    URL may not be called (judged with each reading of the subscription; the address is judged at every attempt)."""

    def __init__(self, subscription: WebhookSubscription, problem: str | None) -> None:
        self.subscription = subscription
        self.audience = audience_of(subscription)
        self.problem = problem


Done = tuple[WebhookDelivery, attempt.Result | None, datetime]  # a delivery, its attempt (None: withdrawn), when


class Batch(Enum):
    """How a lane's batch ended."""

    MORE = "more"  # a full batch: more may be due
    IDLE = "idle"  # nothing more is due now
    STOP = "stop"  # the subscription is gone, disabled, or another worker's


class Lane:
    """A running lane as the dispatcher sees it: how to wake it, and whether it waits for work."""

    def __init__(self) -> None:
        self.task: asyncio.Task[None] | None = None
        self.poke = asyncio.Event()  # new deliveries (or retries) may be due
        self.idle = False  # lingering: holds its lease and connection, waits for a poke
        self.retire = False  # its slot is wanted by another subscription
        self.claimed: float | None = None  # when its lease was last taken or renewed (monotonic)
        self.target: Target | None = None  # the subscription as last read
        self.read = 0.0  # when (monotonic)


class Dispatcher:
    """One worker's fan-out and delivery lanes."""

    def __init__(
        self,
        settings: Settings,
        keyring: KeyRing,
        *,
        name: str | None = None,
        tick_seconds: float = TICK_SECONDS,
        linger_seconds: float = LANE_LINGER_SECONDS,
        max_lanes: int = MAX_LANES,
    ) -> None:
        self.settings = settings
        self.keyring = keyring
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._source = (settings.public_url or "urn:correspondence").rstrip("/")
        self._pauses = settings.webhook_retry_pauses
        self._tick_seconds = tick_seconds
        self._max_lanes = max_lanes
        self._lingers = linger_seconds  # once started
        self.listening = asyncio.Event()  # set while the event bus wakes the fan-out (else only ticks find events)
        self._lanes: dict[uuid.UUID, Lane] = {}
        self._waiting: dict[uuid.UUID, None] = {}  # subscriptions that found every lane taken, in order
        self._linger_seconds = 0.0  # lanes of passes run by hand (tests, `drain`) end when nothing is due
        self._stopped = False
        self._to_record: list[tuple[WebhookSubscription, list[Done], asyncio.Future[None]]] = []
        self._recorder: asyncio.Task[None] | None = None
        # One TLS context for every lane: loading the CA certificates costs ~100 ms of CPU, too much per lane.
        self._tls = httpx.create_ssl_context(trust_env=False)
        self._signers: dict[uuid.UUID, tuple[WrappedKey, Webhook]] = {}  # opened secrets, by the sealed one
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._position: int | None = None  # stored: every event up to here has its deliveries
        self._stored = -POSITION_EVERY_SECONDS  # when the position was last stored (monotonic)
        self._scanned = 0  # the highest event id read
        self._gaps: dict[int, float] = {}  # ids missing below `_scanned` → when first missed (monotonic)

    # --- running ---------------------------------------------------------------------------------------------

    def start(self) -> None:
        self._linger_seconds = self._lingers
        self._tasks.append(asyncio.create_task(self._run(), name="webhook-dispatcher"))
        if self.settings.redis_url:
            self._tasks.append(asyncio.create_task(self._listen(self.settings.redis_url), name="webhook-wake"))

    async def stop(self) -> None:
        """Stops at once: an attempt cut short is made again (same webhook-id) once the lease runs out."""
        self._stopped = True
        tasks = [*self._tasks, *self._lane_tasks(), *([self._recorder] if self._recorder else [])]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

    def _lane_tasks(self) -> list[asyncio.Task[None]]:
        return [lane.task for lane in self._lanes.values() if lane.task is not None]

    async def _run(self) -> None:
        # anyio, under httpx, loads its asyncio backend on first use (~0.2 s of imports): now, not in a delivery.
        await anyio.lowlevel.checkpoint()
        looked = -self._tick_seconds
        while True:
            # A wake-up brings new events: their lanes start from the fan-out. Due retries are looked for on ticks.
            look_for_due = time.monotonic() - looked >= self._tick_seconds
            try:
                await self.run_once(look_for_due=look_for_due)
                if look_for_due:
                    looked = time.monotonic()
            except Exception:  # the loop must outlive a database hiccup; the next tick tries again
                logger.exception("Webhook dispatch pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._tick_seconds)
                await asyncio.sleep(WAKE_GATHER_SECONDS)  # the events committed meanwhile join this pass
            self._wake.clear()

    async def _listen(self, redis_url: str) -> None:
        """Events wake the fan-out at once; access changes reach this worker's access cache."""
        async for message in event_bus.listen(redis_url):
            if isinstance(message, EventMessage | event_bus.Subscribed):
                self.listening.set()
                self._wake.set()
            elif isinstance(message, event_bus.Disconnected):
                self.listening.clear()
            elif isinstance(message, event_bus.AccessChanged):
                access_cache().invalidate(message.pid)

    async def run_once(self, *, look_for_due: bool = True) -> None:
        """One pass: fan out what was committed and start the lanes of the subscriptions that got deliveries; with
        `look_for_due`, also those of every subscription with a delivery due (retries, a dead worker's)."""
        for subscription_id in await self.fan_out():
            self._start_lane(subscription_id)
        if look_for_due:
            # This worker's own leases too: a lingering lane is woken for its retries.
            for subscription_id in await repository.subscriptions_with_due_deliveries(
                clock.now(), self.name, self._max_lanes
            ):
                self._start_lane(subscription_id)

    async def drain(self) -> None:
        """Passes until nothing is due and no lane runs: what a test or a benchmark waits for."""
        while True:
            await self.run_once()
            if not self._lanes:
                return
            await asyncio.gather(*self._lane_tasks(), return_exceptions=True)

    # --- the fan-out -----------------------------------------------------------------------------------------

    async def fan_out(self) -> set[uuid.UUID]:
        """Makes the deliveries of the events committed since the last pass; the subscriptions that got some."""
        subscriptions = await repository.active_subscriptions()
        if self._position is None:
            self._position = self._scanned = await repository.fan_out_position()
        if not subscriptions:
            return set()
        # Nothing before the oldest subscription's start is for anyone.
        self._scanned = max(self._scanned, min(s.after_event for s in subscriptions))
        followers = Followers()
        for subscription in subscriptions:
            audience = audience_of(subscription)
            followers.add(subscription, audience, await scope_of(audience))
        deliveries: list[WebhookDelivery] = []
        made_for: set[uuid.UUID] = set()
        for logged in await self._new_activities():
            if logged.activity.type not in EVENT_TYPES:
                continue
            message = event_message(logged)
            for subscription, audience, scope in followers.of(message):
                if wants(subscription, message) and audience.sees(message, scope):
                    deliveries.append(self._delivery(subscription, logged))
                    made_for.add(subscription.id)
        position = min(self._gaps, default=self._scanned + 1) - 1
        # The stored position only tells a restarted worker where to read from (what it reads twice is made once):
        # written every few seconds, not on every pass.
        store = position > (self._position or 0) and time.monotonic() - self._stored >= POSITION_EVERY_SECONDS
        async with unit_of_work():
            await repository.add_deliveries(deliveries)
            if store:
                await repository.advance_fan_out(position)
        if store:
            self._position, self._stored = position, time.monotonic()
        return made_for

    async def _new_activities(self) -> list[LoggedActivity]:
        """The activities committed since the last pass: those above the highest id read, and gaps that filled."""
        found: list[LoggedActivity] = []
        if self._gaps:
            filled = await repository.activities_with_ids(sorted(self._gaps))
            for row in filled:
                del self._gaps[row.activity.id]
            found.extend(filled)
            expired = time.monotonic() - SETTLE_SECONDS
            for gap in [g for g, since in self._gaps.items() if since < expired]:
                del self._gaps[gap]
        while True:
            rows = await repository.activities_after(self._scanned, FAN_OUT_BATCH)
            now = time.monotonic()
            for row in rows:
                for missing in range(self._scanned + 1, row.activity.id):
                    self._gaps[missing] = now
                self._scanned = row.activity.id
            found.extend(rows)
            if len(rows) < FAN_OUT_BATCH:
                return found

    def _delivery(self, subscription: WebhookSubscription, logged: LoggedActivity) -> WebhookDelivery:
        now = clock.now()
        return WebhookDelivery(
            id=uuid.uuid4(),
            subscription_id=subscription.id,
            event_id=logged.activity.id,
            type=logged.activity.type.value,
            correspondence_id=logged.correspondence.id if logged.correspondence is not None else None,
            notification_order_id=logged.order.id if logged.order is not None else None,
            payload=cloud_event(logged, self._source),
            status=WebhookDeliveryStatus.PENDING,
            created=now,
            next_attempt_at=now,
        )

    # --- lanes -----------------------------------------------------------------------------------------------

    def _start_lane(self, subscription_id: uuid.UUID) -> None:
        """Starts the subscription's lane, or wakes it if it runs (new deliveries, or retries due)."""
        if self._stopped:
            return
        lane = self._lanes.get(subscription_id)
        if lane is not None:
            lane.poke.set()
            return
        if len(self._lanes) >= self._max_lanes:
            self._waiting[subscription_id] = None  # started when a lane ends
            self._retire_an_idle_lane()
            return
        lane = self._lanes[subscription_id] = Lane()
        lane.task = asyncio.create_task(self._lane(subscription_id, lane), name="webhook-lane")

    def _retire_an_idle_lane(self) -> None:
        for lane in self._lanes.values():
            if lane.idle and not lane.retire:
                lane.retire = True
                lane.poke.set()
                return

    async def _lane(self, subscription_id: uuid.UUID, lane: Lane) -> None:
        try:
            async with httpx.AsyncHTTPTransport(verify=self._tls, trust_env=False, limits=_ONE_CONNECTION) as transport:
                while not lane.retire:
                    lane.poke.clear()  # a poke from here on means deliveries this batch may not have seen
                    went = await self._next(transport, subscription_id, lane)
                    if went is Batch.STOP or (went is Batch.IDLE and not await self._linger(lane)):
                        return
        except Exception:
            logger.exception("Webhook lane of subscription %s failed; its lease runs out", subscription_id)
        finally:
            if lane.claimed is not None:
                await asyncio.shield(self._release(subscription_id))
            del self._lanes[subscription_id]
            self._after_lane(subscription_id, lane)

    def _after_lane(self, subscription_id: uuid.UUID, lane: Lane) -> None:
        """A lane ended: deliveries that came while it was stopping restart it; otherwise its slot goes to a
        subscription that waited for one."""
        if lane.poke.is_set() and not lane.retire:
            self._start_lane(subscription_id)
        elif self._waiting:
            waiting = next(iter(self._waiting))
            del self._waiting[waiting]
            self._start_lane(waiting)

    async def _linger(self, lane: Lane) -> bool:
        """Nothing is due: a running dispatcher keeps the lane (its lease and its connection) a while for the
        subscription's next events. True when woken for new deliveries."""
        if lane.poke.is_set() or self._linger_seconds <= 0 or self._waiting:  # waiting: another needs the place
            return lane.poke.is_set()
        lane.idle = True
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(lane.poke.wait(), self._linger_seconds)
        finally:
            lane.idle = False
        return lane.poke.is_set() and not lane.retire

    async def _hold(self, subscription_id: uuid.UUID, lane: Lane) -> bool:
        """Takes the subscription's lease, or renews it when due, before an attempt: an attempt never outlives the
        lease. False when the lease is another worker's, or the subscription is deleted or disabled."""
        if lane.claimed is not None and time.monotonic() - lane.claimed < LEASE_RENEWAL_SECONDS:
            return True
        now = clock.now()
        async with unit_of_work():
            held = await repository.claim_lease(subscription_id, self.name, now, now + LEASE)
        lane.claimed = time.monotonic() if held else lane.claimed
        return held

    async def _release(self, subscription_id: uuid.UUID) -> None:
        try:
            async with unit_of_work():
                await repository.release_lease(subscription_id, self.name)
        except Exception:
            logger.exception("The lease of subscription %s was not released; it runs out", subscription_id)

    async def _next(self, transport: httpx.AsyncBaseTransport, subscription_id: uuid.UUID, lane: Lane) -> Batch:
        """Delivers the subscription's next due deliveries (a batch, in event order). The subscription's state and
        secret are read again before an attempt once the lane's reading is `STATE_FRESH_SECONDS` old, so a
        deletion, a 410 or a new secret counts at once; a disabled subscription has nothing due."""
        if not await self._hold(subscription_id, lane):
            return Batch.STOP
        batch = await repository.due_deliveries(subscription_id, clock.now(), LANE_BATCH)
        if not batch:
            return Batch.IDLE
        subjects = Subjects(await repository.correspondences_of(batch), await repository.standalone_orders_of(batch))
        done: list[Done] = []
        stop = False
        for delivery in batch:
            state = await self._state(subscription_id, lane)
            if state is None:
                stop = True
                break
            target, signing = state
            started = clock.now()
            result = await self._attempt(transport, target, signing, delivery, subjects.judged(delivery))
            done.append((delivery, result, started))
            if result is not None and result.outcome is attempt.Outcome.GONE:
                stop = True
                break
        if done and lane.target is not None:
            await self._record_with_others(lane.target.subscription, done)
        if stop:
            return Batch.STOP
        return Batch.MORE if len(batch) == LANE_BATCH else Batch.IDLE

    async def _state(self, subscription_id: uuid.UUID, lane: Lane) -> tuple[Target, Webhook] | None:
        """Where the lane's next attempt goes and how it is signed; read again once the lane's reading is
        `STATE_FRESH_SECONDS` old. None once the subscription is deleted or disabled, or its lease lost."""
        if lane.target is None or time.monotonic() - lane.read >= STATE_FRESH_SECONDS:
            subscription = await repository.active_subscription(subscription_id)
            if subscription is None or not await self._hold(subscription_id, lane):
                return None
            if lane.target is not None:  # what only this lane changes is known better here than in a stale read
                subscription.failing_since = lane.target.subscription.failing_since
            lane.target = Target(subscription, url_problem(subscription.url, self.settings))
            lane.read = time.monotonic()
        subscription = lane.target.subscription
        sealed = WrappedKey(subscription.secret_key_id, bytes(subscription.secret_sealed))
        return lane.target, self._signer(subscription_id, sealed)

    async def _record_with_others(self, subscription: WebhookSubscription, done: list[Done]) -> None:
        """Records a lane's batch in one transaction with those of the other lanes that finished meanwhile (a
        small batch's statements cost more than its attempt); returns once it is committed."""
        recorded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._to_record.append((subscription, done, recorded))
        if self._recorder is None or self._recorder.done():
            self._recorder = asyncio.create_task(self._record_waiting(), name="webhook-recorder")
        await recorded

    async def _record_waiting(self) -> None:
        while self._to_record:
            taken, self._to_record = self._to_record, []
            try:
                async with unit_of_work():
                    await self._record([(subscription, done) for subscription, done, _ in taken])
            except Exception as error:  # each lane fails as if alone: its batch stays due (same webhook-ids)
                for _, _, recorded in taken:
                    if not recorded.done():
                        recorded.set_exception(error)
            else:
                for _, _, recorded in taken:
                    if not recorded.done():
                        recorded.set_result(None)

    def _signer(self, subscription_id: uuid.UUID, sealed: WrappedKey) -> Webhook:
        """The subscription's signer, opened once per secret (rotation seals a new one)."""
        known = self._signers.get(subscription_id)
        if known is None or known[0] != sealed:
            known = self._signers[subscription_id] = (
                sealed,
                signer(open_secret(self.keyring, subscription_id, sealed)),
            )
        return known[1]

    async def _attempt(
        self,
        transport: httpx.AsyncBaseTransport,
        target: Target,
        signing: Webhook,
        delivery: WebhookDelivery,
        judged: tuple[EventMessage, Correspondence | None] | None,
    ) -> attempt.Result | None:
        """One attempt, or None when the subscriber may no longer see the event (withdrawn: nothing is sent)."""
        if judged is None or not await self._may_see(target.audience, *judged):
            WITHDRAWALS.inc()
            return None
        if target.problem:
            result = attempt.Result(attempt.Outcome.FAILED, None, target.problem, 0.0)
        else:
            result = await attempt.post(
                transport,
                target.subscription.url,
                delivery.payload,
                signed_headers(signing, str(delivery.id), delivery.payload),
                allow_private=allows_private_endpoints(self.settings),
                deadline_seconds=self.settings.webhook_attempt_timeout_seconds,
            )
        ATTEMPTS.labels(result.outcome.value).inc()
        ATTEMPT_SECONDS.labels(result.outcome.value).observe(result.seconds)
        return result

    async def _may_see(self, audience: Audience, message: EventMessage, correspondence: Correspondence | None) -> bool:
        """The access rule, now: the subscriber's grants as they are, and the letter as it is (purged letters are
        no recipient's any more)."""
        return audience.can_see_now(message, correspondence) and audience.sees(message, await scope_of(audience))

    async def _record(self, batches: list[tuple[WebhookSubscription, list[Done]]]) -> None:
        """Records the lanes' attempts and what they mean for each subscription, in the caller's unit of work.
        Deliveries deleted with their subscription while a batch ran are left alone."""
        present = await repository.lock_deliveries([delivery.id for _, done in batches for delivery, _, _ in done])
        now = clock.now()
        changes: list[tuple[WebhookDelivery, dict[str, object]]] = []
        attempts: list[WebhookAttempt] = []
        judged: list[tuple[WebhookSubscription, list[attempt.Outcome]]] = []
        for subscription, done in batches:
            outcomes: list[attempt.Outcome] = []
            for delivery, result, started in done:
                if delivery.id not in present:
                    continue
                if result is None:
                    changes.append((delivery, _WITHDRAWN_CHANGE))
                    continue
                changes.append((delivery, self._after(delivery, result, now)))
                attempts.append(_attempt_row(delivery, result, started))
                outcomes.append(result.outcome)
            if outcomes:
                judged.append((subscription, outcomes))
        await repository.update_deliveries(changes)
        await repository.add_attempts(attempts)
        for subscription, outcomes in judged:
            await self._judge_subscription(subscription, outcomes, now)

    def _after(self, delivery: WebhookDelivery, result: attempt.Result, now: datetime) -> dict[str, object]:
        """The delivery's new state after an attempt: delivered, failed for good, or due again after a pause."""
        number = delivery.attempts + 1
        change: dict[str, object] = {
            "attempts": number,
            "response_status": result.response_status,
            "error": result.error,
        }
        if result.outcome is attempt.Outcome.DELIVERED:
            return {**change, "status": WebhookDeliveryStatus.DELIVERED, "delivered_at": now, "next_attempt_at": None}
        if result.outcome is attempt.Outcome.GONE or number > len(self._pauses):
            return {**change, "status": WebhookDeliveryStatus.FAILED, "next_attempt_at": None}
        return {**change, "next_attempt_at": now + timedelta(seconds=self._pauses[number - 1])}

    async def _judge_subscription(
        self, subscription: WebhookSubscription, outcomes: list[attempt.Outcome], now: datetime
    ) -> None:
        """A 410 disables at once; a success ends a failing streak (if one ran when the batch began: only this
        lane changes it); a streak of failures long enough disables."""
        subscription_id = subscription.id
        if attempt.Outcome.GONE in outcomes:
            await repository.disable(subscription_id, "The endpoint answered 410 Gone.")
            DISABLED.labels("gone").inc()
        elif outcomes[-1] is attempt.Outcome.DELIVERED:
            if subscription.failing_since is not None:
                await repository.mark_succeeding(subscription_id)
                subscription.failing_since = None
        else:
            since = subscription.failing_since = await repository.mark_failing(subscription_id, now)
            limit = self.settings.webhook_disable_after_seconds
            if now - since >= timedelta(seconds=limit):
                await repository.disable(subscription_id, f"Every delivery failed for {limit / 86400:g} days.")
                DISABLED.labels("failing").inc()


def _attempt_row(delivery: WebhookDelivery, result: attempt.Result, started: datetime) -> WebhookAttempt:
    return WebhookAttempt(
        delivery_id=delivery.id,
        number=delivery.attempts + 1,
        started=started,
        duration_ms=round(result.seconds * 1000),
        response_status=result.response_status,
        error=result.error,
    )
