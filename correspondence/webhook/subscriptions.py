"""Webhook subscriptions (contract §12): end-user systems register endpoints for their organization's inbox, service
owners for what their organization sent. Persons and administrators register none.

The signing secret is generated here, shown once (at creation and on rotation) and stored sealed under the master
keys; it never reaches a log. A subscription of another owner answers like an unknown id.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from correspondence.access.actor import SCOPE_READ, SCOPE_SERVICE_OWNER, SCOPE_WRITE, Actor, ActorKind
from correspondence.access.cache import access_of
from correspondence.adapters import url_guard
from correspondence.adapters.crypto import KeyRing, WrappedKey, load_keyring
from correspondence.correspondence.statuses import EVENT_TYPES, ActivityType
from correspondence.kit import clock
from correspondence.kit.errors import InputErrors, NotFound
from correspondence.kit.identifiers import InvalidIdentifier, parse_party
from correspondence.kit.pagination import Page
from correspondence.settings import Settings
from correspondence.webhook import repository
from correspondence.webhook.cloudevents import new_secret
from correspondence.webhook.enums import SubscriberKind
from correspondence.webhook.repository import WebhookDelivery, WebhookSubscription

URL_FIELD = "input.url"
WHAT = "The webhook URL"
MAX_FILTER_ENTRIES = 100
MAX_RESOURCE_ID = 255
_SECRET_CONTEXT = b"correspondence/webhook-secret/v1|"


@dataclass(frozen=True, slots=True)
class SubscriptionInput:
    url: str
    parties: Sequence[str] | None = None
    resource_ids: Sequence[str] | None = None
    types: Sequence[ActivityType] | None = None


@dataclass(frozen=True, slots=True)
class Created:
    subscription: WebhookSubscription
    secret: str  # shown this once


def allows_private_endpoints(settings: Settings) -> bool:
    return settings.dev_mode or settings.allow_private_endpoints


def url_schemes(settings: Settings) -> tuple[str, ...]:
    """https only; http too where private endpoints are allowed (a receiver on a developer's machine)."""
    return ("http", "https") if allows_private_endpoints(settings) else ("https",)


def url_problem(url: str, settings: Settings) -> str | None:
    return url_guard.url_problem(
        url, allow_private=allows_private_endpoints(settings), schemes=url_schemes(settings), what=WHAT
    )


def subscriber(subscription: WebhookSubscription) -> Actor:
    """The actor a subscription delivers to, as the operations table admits it: access is judged for it at every
    delivery, as for a request of its token."""
    orgno = parse_party(subscription.owner).number
    if subscription.owner_kind is SubscriberKind.SERVICE_OWNER:
        return Actor(ActorKind.SERVICE_OWNER, frozenset({SCOPE_SERVICE_OWNER, SCOPE_WRITE}), organization_number=orgno)
    return Actor(ActorKind.SYSTEM, frozenset({SCOPE_READ}), organization_number=orgno)


def secret_context(subscription_id: uuid.UUID) -> bytes:
    return _SECRET_CONTEXT + subscription_id.bytes


def _seal(keyring: KeyRing, subscription: WebhookSubscription, secret: str) -> None:
    sealed = keyring.seal(secret.encode("ascii"), secret_context(subscription.id))
    subscription.secret_key_id, subscription.secret_sealed = sealed.key_id, sealed.wrapped


def secret_of(keyring: KeyRing, subscription: WebhookSubscription) -> str:
    return open_secret(
        keyring, subscription.id, WrappedKey(subscription.secret_key_id, bytes(subscription.secret_sealed))
    )


def open_secret(keyring: KeyRing, subscription_id: uuid.UUID, sealed: WrappedKey) -> str:
    return keyring.open(sealed, secret_context(subscription_id)).decode("ascii")


async def _validated(actor: Actor, data: SubscriptionInput, settings: Settings) -> tuple[list[str], list[str]]:
    """The parties (as URNs) and resource ids of a valid input; raises BadUserInput naming every bad field."""
    errors = InputErrors()
    problem = url_problem(data.url, settings)
    if problem:
        errors.add(URL_FIELD, problem)
    parties: list[str] = []
    for index, value in enumerate(data.parties or ()):
        try:
            parties.append(parse_party(value).urn)
        except InvalidIdentifier as error:
            errors.add(f"input.parties[{index}]", str(error))
    if actor.kind is ActorKind.SYSTEM:
        readable = (await access_of(actor)).grants
        for index, party in enumerate(parties):
            if party not in readable:
                errors.add(f"input.parties[{index}]", f"You may not read the inbox of {party}.")
    resource_ids = list(data.resource_ids or ())
    for index, resource_id in enumerate(resource_ids):
        if not resource_id.strip() or len(resource_id) > MAX_RESOURCE_ID:
            errors.add(f"input.resourceIds[{index}]", f"A resource id is 1 to {MAX_RESOURCE_ID} characters.")
    for name, values in (("parties", parties), ("resourceIds", resource_ids), ("types", data.types or ())):
        if len(values) > MAX_FILTER_ENTRIES:
            errors.add(f"input.{name}", f"At most {MAX_FILTER_ENTRIES} entries.")
    errors.raise_if_any()
    return sorted(set(parties)), sorted(set(resource_ids))


async def create(actor: Actor, data: SubscriptionInput, settings: Settings) -> Created:
    owner = repository.owner_of(actor)
    if owner is None:  # the operations table admits systems and service owners only
        raise NotFound("The subscriber")
    parties, resource_ids = await _validated(actor, data, settings)
    types = sorted({t.value for t in data.types or () if t in EVENT_TYPES})
    subscription = WebhookSubscription(
        id=uuid.uuid4(),
        owner_kind=owner.kind,
        owner=owner.party,
        url=data.url,
        parties=parties,
        resource_ids=resource_ids,
        types=types,
        created=clock.now(),
        after_event=await repository.latest_event_id(),
    )
    secret = new_secret()
    _seal(load_keyring(settings), subscription, secret)
    await repository.create(subscription)
    return Created(subscription, secret)


async def delete(actor: Actor, subscription_id: str) -> bool:
    subscription = await repository.lock_readable_subscription(actor, subscription_id)
    if subscription is None:
        raise NotFound("The webhook subscription")
    await repository.delete(subscription)
    return True


async def rotate_secret(actor: Actor, subscription_id: str, settings: Settings) -> Created:
    """A new secret at once: deliveries signed from now on carry it; the old one signs nothing more."""
    subscription = await repository.lock_readable_subscription(actor, subscription_id)
    if subscription is None:
        raise NotFound("The webhook subscription")
    secret = new_secret()
    _seal(load_keyring(settings), subscription, secret)
    await repository.save(subscription, ["secret_key_id", "secret_sealed"])
    return Created(subscription, secret)


async def subscriptions(actor: Actor) -> list[WebhookSubscription]:
    return await repository.subscriptions_of(actor)


async def deliveries(
    actor: Actor, subscription_id: str, first: int, after: str | None
) -> tuple[Page[WebhookDelivery], int]:
    """One page of the subscription's deliveries, newest first, and how many it has in all."""
    subscription = await repository.readable_subscription(actor, subscription_id)
    if subscription is None:
        raise NotFound("The webhook subscription")
    page = await repository.deliveries_page(subscription, first, after)
    return page, await repository.delivery_count(subscription)
