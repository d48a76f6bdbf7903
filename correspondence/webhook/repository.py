"""Every query of webhook subscriptions and deliveries starts here.

Made for a caller, a query starts from the subscriptions the caller owns: an end-user system's or a service owner's
own, one kind apart from the other; persons and administrators own none (contract §10, §12). Someone else's
subscription answers exactly like an unknown id. The functions after the marker serve the dispatcher, which acts
for no caller: the fan-out from the activity log, leases, claims and attempt records.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from correspondence.access.actor import Actor, ActorKind
from correspondence.adapters.crypto import WrappedKey
from correspondence.correspondence import repository as correspondence_repository
from correspondence.kit import sql
from correspondence.kit.pagination import Page, keyset_page
from correspondence.notification import repository as notification_repository
from correspondence.notification.models import NotificationOrder
from correspondence.webhook.enums import SubscriberKind, WebhookDeliveryStatus, WebhookSubscriptionStatus
from correspondence.webhook.models import WebhookAttempt as WebhookAttempt
from correspondence.webhook.models import WebhookDelivery as WebhookDelivery
from correspondence.webhook.models import WebhookFanOut
from correspondence.webhook.models import WebhookSubscription as WebhookSubscription

Correspondence = correspondence_repository.Correspondence
LoggedActivity = correspondence_repository.LoggedActivity

_FAN_OUT_ROW = 1


@dataclass(frozen=True, slots=True)
class Owner:
    kind: SubscriberKind
    party: str


def owner_of(actor: Actor) -> Owner | None:
    """The subscriptions an actor owns: an end-user system's organization's, or a service owner's; None for
    persons and administrators, who own none."""
    party = actor.party if actor.organization_number else None
    if party is None:
        return None
    if actor.kind is ActorKind.SYSTEM:
        return Owner(SubscriberKind.SYSTEM, party)
    if actor.kind is ActorKind.SERVICE_OWNER:
        return Owner(SubscriberKind.SERVICE_OWNER, party)
    return None


def readable_subscriptions(actor: Actor) -> QuerySet[WebhookSubscription] | None:
    """The caller's subscriptions; None when it owns none (answer "nothing" without a query)."""
    owner = owner_of(actor)
    if owner is None:
        return None
    return WebhookSubscription.filter(owner_kind=owner.kind, owner=owner.party)


def _key(subscription_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(subscription_id)
    except ValueError:
        return None


async def readable_subscription(actor: Actor, subscription_id: str) -> WebhookSubscription | None:
    """The subscription if the caller owns it; None for someone else's, an unknown or a malformed id alike."""
    subscriptions, key = readable_subscriptions(actor), _key(subscription_id)
    if subscriptions is None or key is None:
        return None
    return await subscriptions.get_or_none(id=key)


async def lock_readable_subscription(actor: Actor, subscription_id: str) -> WebhookSubscription | None:
    subscriptions, key = readable_subscriptions(actor), _key(subscription_id)
    if subscriptions is None or key is None:
        return None
    return await subscriptions.select_for_update().get_or_none(id=key)


async def subscriptions_of(actor: Actor) -> list[WebhookSubscription]:
    subscriptions = readable_subscriptions(actor)
    return [] if subscriptions is None else list(await subscriptions.order_by("created", "id"))


_DELIVERY_CREATED = sql.Column.of(WebhookDelivery, "created")


async def deliveries_page(subscription: WebhookSubscription, first: int, after: str | None) -> Page[WebhookDelivery]:
    """One page of a subscription the caller read (`readable_subscription`), newest first."""
    where = sql.Where().and_compare(sql.Column.of(WebhookDelivery, "subscription_id"), "=", subscription.id)
    return await keyset_page(WebhookDelivery, where, _DELIVERY_CREATED, True, first, after)


async def readable_attempts(actor: Actor, delivery_ids: Sequence[str]) -> dict[str, list[WebhookAttempt]]:
    """The attempts of each delivery of the caller's own subscriptions, first first; one query for all."""
    owner = owner_of(actor)
    found: dict[str, list[WebhookAttempt]] = defaultdict(list)
    if owner is None:
        return found
    attempts = WebhookAttempt.filter(
        delivery_id__in=list(delivery_ids),
        delivery__subscription__owner_kind=owner.kind,
        delivery__subscription__owner=owner.party,
    )
    for attempt in await attempts.order_by("number"):
        found[str(attempt.delivery_id)].append(attempt)  # type: ignore[attr-defined]
    return found


async def delivery_count(subscription: WebhookSubscription) -> int:
    return await WebhookDelivery.filter(subscription_id=subscription.id).count()


async def latest_event_id() -> int:
    """The newest event of the activity log: a new subscription starts after it."""
    return await correspondence_repository.latest_activity_id()


async def create(subscription: WebhookSubscription) -> None:
    await subscription.save(force_create=True)


async def save(subscription: WebhookSubscription, changed: list[str]) -> None:
    await subscription.save(update_fields=changed)


async def delete(subscription: WebhookSubscription) -> None:
    await subscription.delete()  # its deliveries and attempts go with it (ON DELETE CASCADE)


# --- For the dispatcher and operator commands, which act for no caller ----------------------------------------


async def secrets_not_under(key_id: str, limit: int) -> list[tuple[uuid.UUID, str, bytes]]:
    rows = (
        await WebhookSubscription.exclude(secret_key_id=key_id)
        .limit(limit)
        .values_list("id", "secret_key_id", "secret_sealed")
    )
    return [(uuid.UUID(str(i)), str(k), bytes(s)) for i, k, s in rows]


async def replace_secret(subscription_id: uuid.UUID, old_key_id: str, sealed: WrappedKey) -> int:
    return await WebhookSubscription.filter(id=subscription_id, secret_key_id=old_key_id).update(
        secret_key_id=sealed.key_id, secret_sealed=sealed.wrapped
    )


async def active_subscriptions() -> list[WebhookSubscription]:
    return list(await WebhookSubscription.filter(status=WebhookSubscriptionStatus.ACTIVE))


async def fan_out_position() -> int:
    row = await WebhookFanOut.get_or_none(id=_FAN_OUT_ROW)
    return row.position if row is not None else 0


async def advance_fan_out(position: int) -> None:
    """Moves the settled position forward (never back: two workers may fan out at once)."""
    updated = await WebhookFanOut.filter(id=_FAN_OUT_ROW, position__lt=position).update(position=position)
    if not updated and not await WebhookFanOut.exists(id=_FAN_OUT_ROW):
        await WebhookFanOut.bulk_create([WebhookFanOut(id=_FAN_OUT_ROW, position=position)], ignore_conflicts=True)


async def activities_after(position: int, limit: int) -> list[LoggedActivity]:
    return await correspondence_repository.activity_log_page(position, limit)


async def activities_with_ids(ids: Sequence[int]) -> list[LoggedActivity]:
    return await correspondence_repository.activity_log_entries(ids)


async def add_deliveries(deliveries: Sequence[WebhookDelivery]) -> None:
    """Adds the deliveries not made yet: a delivery per (subscription, event) whichever worker fans out first."""
    if deliveries:
        await WebhookDelivery.bulk_create(list(deliveries), ignore_conflicts=True)


async def subscriptions_with_due_deliveries(now: datetime, owner: str, limit: int) -> list[uuid.UUID]:
    """Active subscriptions with a delivery due now and no live lease on them but `owner`'s."""
    free = (
        Q(subscription__lease_until__isnull=True)
        | Q(subscription__lease_until__lt=now)
        | Q(subscription__lease_owner=owner)
    )
    due = WebhookDelivery.filter(
        status=WebhookDeliveryStatus.PENDING,
        next_attempt_at__lte=now,
        subscription__status=WebhookSubscriptionStatus.ACTIVE,
    ).filter(free)
    ids = await due.distinct().limit(limit).values_list("subscription_id", flat=True)
    return [uuid.UUID(str(i)) for i in ids]


async def claim_lease(subscription_id: uuid.UUID, owner: str, now: datetime, until: datetime) -> bool:
    """Takes the subscription's lease unless a live one is held; True when this worker now delivers it."""
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner)
    taken = await WebhookSubscription.filter(free, id=subscription_id, status=WebhookSubscriptionStatus.ACTIVE).update(
        lease_until=until, lease_owner=owner
    )
    return bool(taken)


async def release_lease(subscription_id: uuid.UUID, owner: str) -> None:
    await WebhookSubscription.filter(id=subscription_id, lease_owner=owner).update(lease_until=None, lease_owner=None)


async def active_subscription(subscription_id: uuid.UUID) -> WebhookSubscription | None:
    return await WebhookSubscription.get_or_none(id=subscription_id, status=WebhookSubscriptionStatus.ACTIVE)


async def due_deliveries(subscription_id: uuid.UUID, now: datetime, limit: int) -> list[WebhookDelivery]:
    """The subscription's deliveries due for an attempt, earliest event first (event order where retries allow);
    none once it is disabled."""
    due = WebhookDelivery.filter(
        subscription_id=subscription_id,
        status=WebhookDeliveryStatus.PENDING,
        next_attempt_at__lte=now,
        subscription__status=WebhookSubscriptionStatus.ACTIVE,
    )
    return list(await due.order_by("event_id").limit(limit))


async def correspondences_of(deliveries: Sequence[WebhookDelivery]) -> dict[uuid.UUID, Correspondence]:
    """The correspondences the deliveries are about, as they are now; one query for all."""
    return await correspondence_repository.by_ids([d.correspondence_id for d in deliveries if d.correspondence_id])


async def standalone_orders_of(deliveries: Sequence[WebhookDelivery]) -> dict[uuid.UUID, NotificationOrder]:
    """The notification orders of the deliveries about no correspondence (standalone orders' events), as they are
    now; one query for all."""
    ids = {d.notification_order_id for d in deliveries if d.correspondence_id is None and d.notification_order_id}
    return await notification_repository.orders_by_ids(sorted(ids)) if ids else {}


async def lock_deliveries(delivery_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Locks the deliveries' rows (where the database can) for their attempt records; the ids still there (the
    others were deleted with their subscription while their attempts ran)."""
    rows = await WebhookDelivery.select_for_update().filter(id__in=list(delivery_ids)).values_list("id", flat=True)
    return {uuid.UUID(str(row)) for row in rows}


async def update_deliveries(changes: Sequence[tuple[WebhookDelivery, dict[str, object]]]) -> None:
    """Applies each delivery's new values; deliveries with the same new values share one statement."""
    grouped: dict[tuple[tuple[str, object], ...], list[uuid.UUID]] = defaultdict(list)
    for delivery, values in changes:
        grouped[tuple(sorted(values.items()))].append(delivery.id)
    for shared, ids in grouped.items():
        await WebhookDelivery.filter(id__in=ids).update(**dict(shared))


async def add_attempts(attempts: Sequence[WebhookAttempt]) -> None:
    if attempts:
        await WebhookAttempt.bulk_create(list(attempts))


async def mark_failing(subscription_id: uuid.UUID, now: datetime) -> datetime:
    """Since when every attempt of the subscription has failed: `now`, unless a streak is already running."""
    await WebhookSubscription.filter(id=subscription_id, failing_since__isnull=True).update(failing_since=now)
    since = await WebhookSubscription.filter(id=subscription_id).values_list("failing_since", flat=True)
    return since[0] if since and since[0] is not None else now  # type: ignore[return-value]


async def mark_succeeding(subscription_id: uuid.UUID) -> None:
    await WebhookSubscription.filter(id=subscription_id, failing_since__isnull=False).update(failing_since=None)


async def disable(subscription_id: uuid.UUID, reason: str) -> None:
    await WebhookSubscription.filter(id=subscription_id).update(
        status=WebhookSubscriptionStatus.DISABLED, status_text=reason[:1024], lease_until=None, lease_owner=None
    )
