"""Who may call what: every operation of the service, GraphQL field or plain route, and the actors it admits.

This table is the only place that says which actor kinds, with which token scopes, may call an operation
(contract §1). The schema assembly (`graphql/schema.py`) guards every root field with its row and refuses to build
when a field has none; the app (`app.py`) guards every plain route the same way. What an admitted actor may then
see or change (which inbox, which letter) is the access rule's business (`access/`), not this table's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from strawberry.types.graphql import OperationType

from correspondence.access.actor import (
    SCOPE_ADMIN,
    SCOPE_NOTIFICATIONS,
    SCOPE_READ,
    SCOPE_SERVICE_OWNER,
    SCOPE_WRITE,
    Actor,
    ActorKind,
)
from correspondence.kit.errors import Forbidden

_KIND_NAMES = {
    ActorKind.PERSON: "a person",
    ActorKind.SYSTEM: "an end-user system",
    ActorKind.SERVICE_OWNER: "a service owner",
    ActorKind.ADMIN: "an administrator",
}


@dataclass(frozen=True, slots=True)
class Allowed:
    """One kind of actor, and the scopes its token must carry (all of them)."""

    kind: ActorKind
    scopes: frozenset[str]

    def admits(self, actor: Actor) -> bool:
        return actor.kind is self.kind and self.scopes <= actor.scopes

    def __str__(self) -> str:
        return f"{_KIND_NAMES[self.kind]} with {' and '.join(sorted(self.scopes))}"


@dataclass(frozen=True, slots=True)
class Rule:
    """The actors an operation admits: any one of its allowances suffices."""

    allowed: tuple[Allowed, ...]

    def check(self, actor: Actor) -> None:
        if not any(allowance.admits(actor) for allowance in self.allowed):
            raise Forbidden(f"This needs the token of {', or '.join(str(a) for a in self.allowed)}.")


def _allow(kind: ActorKind, *scopes: str) -> Allowed:
    return Allowed(kind, frozenset(scopes))


PERSON = _allow(ActorKind.PERSON, SCOPE_READ)
SYSTEM = _allow(ActorKind.SYSTEM, SCOPE_READ)
SENDER = _allow(ActorKind.SERVICE_OWNER, SCOPE_SERVICE_OWNER, SCOPE_WRITE)
NOTIFIER = _allow(ActorKind.SERVICE_OWNER, SCOPE_SERVICE_OWNER, SCOPE_NOTIFICATIONS)
ADMIN = _allow(ActorKind.ADMIN, SCOPE_ADMIN)

READERS = Rule((PERSON, SYSTEM))
READERS_AND_SENDERS = Rule((PERSON, SYSTEM, SENDER))
SENDERS = Rule((SENDER,))
NOTIFIERS = Rule((NOTIFIER,))
ADMINS = Rule((ADMIN,))
WEBHOOK_SUBSCRIBERS = Rule((SYSTEM, SENDER))

# Every root field, by its GraphQL name.
FIELDS: dict[tuple[OperationType, str], Rule] = {
    (OperationType.QUERY, "me"): Rule((PERSON, SYSTEM, SENDER, NOTIFIER, ADMIN)),
    # Recipients list their inboxes (role RECIPIENT), senders what they sent (role SENDER).
    (OperationType.QUERY, "correspondences"): READERS_AND_SENDERS,
    (OperationType.QUERY, "correspondence"): READERS_AND_SENDERS,
    (OperationType.QUERY, "inboxSummary"): READERS,
    (OperationType.QUERY, "attachment"): SENDERS,
    # Orders come from createNotificationOrder (notifications.create) and from sendCorrespondence (write).
    (OperationType.QUERY, "notificationOrder"): Rule((NOTIFIER, SENDER)),
    (OperationType.QUERY, "notificationOrders"): Rule((NOTIFIER, SENDER)),
    (OperationType.QUERY, "notificationStatusFeed"): Rule((NOTIFIER, SENDER)),
    (OperationType.MUTATION, "sendCorrespondence"): SENDERS,
    (OperationType.MUTATION, "markCorrespondenceRead"): READERS,
    (OperationType.MUTATION, "confirmCorrespondence"): READERS,
    (OperationType.MUTATION, "archiveCorrespondence"): READERS,
    (OperationType.MUTATION, "unarchiveCorrespondence"): READERS,
    (OperationType.MUTATION, "forwardCorrespondence"): READERS,
    # The recipient after publishing, the sender before.
    (OperationType.MUTATION, "purgeCorrespondence"): READERS_AND_SENDERS,
    (OperationType.MUTATION, "createNotificationOrder"): NOTIFIERS,
    (OperationType.MUTATION, "cancelNotificationOrder"): NOTIFIERS,
    (OperationType.MUTATION, "upsertPerson"): ADMINS,
    (OperationType.MUTATION, "removePerson"): ADMINS,
    (OperationType.MUTATION, "upsertOrganization"): ADMINS,
    (OperationType.MUTATION, "removeOrganization"): ADMINS,
    (OperationType.MUTATION, "upsertResource"): ADMINS,
    (OperationType.MUTATION, "removeResource"): ADMINS,
    (OperationType.MUTATION, "addRole"): ADMINS,
    (OperationType.MUTATION, "removeRole"): ADMINS,
    (OperationType.MUTATION, "upsertContact"): ADMINS,
    (OperationType.MUTATION, "removeContact"): ADMINS,
    (OperationType.MUTATION, "addOrganizationNotificationAddress"): ADMINS,
    (OperationType.MUTATION, "removeOrganizationNotificationAddress"): ADMINS,
    (OperationType.MUTATION, "upsertUserNotificationAddress"): ADMINS,
    (OperationType.MUTATION, "removeUserNotificationAddress"): ADMINS,
    # Administrators, or a person who is the organization's DAGL (the service decides the latter).
    (OperationType.MUTATION, "grantDelegation"): Rule((ADMIN, PERSON)),
    (OperationType.MUTATION, "revokeDelegation"): Rule((ADMIN, PERSON)),
    (OperationType.MUTATION, "setMyNotificationAddress"): Rule((PERSON,)),
    (OperationType.MUTATION, "initializeAttachment"): SENDERS,
    (OperationType.MUTATION, "uploadAttachment"): SENDERS,
    (OperationType.SUBSCRIPTION, "correspondenceEvents"): READERS_AND_SENDERS,
    # Webhooks: end-user systems for their organization's inbox, service owners for what they send; each sees and
    # manages only its own subscriptions (the webhook repository decides).
    (OperationType.QUERY, "webhookSubscriptions"): WEBHOOK_SUBSCRIBERS,
    (OperationType.QUERY, "webhookDeliveries"): WEBHOOK_SUBSCRIBERS,
    (OperationType.MUTATION, "createWebhookSubscription"): WEBHOOK_SUBSCRIBERS,
    (OperationType.MUTATION, "deleteWebhookSubscription"): WEBHOOK_SUBSCRIBERS,
    (OperationType.MUTATION, "rotateWebhookSecret"): WEBHOOK_SUBSCRIBERS,
}


class Credential(StrEnum):
    """How a plain route's caller proves who it is."""

    NONE = "none"  # the probes: public on the service's own port
    SHARED_SECRET = "shared secret"  # delivery reports (the mail and SMS providers), metrics (the scraper); no actor
    BEARER = "bearer token"
    BEARER_OR_SIGNED_LINK = "bearer token or signed link"  # a download link a reader was given
    PER_FIELD = "per field"  # /graphql: each root field of the operation is guarded by its row in FIELDS


@dataclass(frozen=True, slots=True)
class RouteRule:
    credential: Credential
    rule: Rule | None = None  # the actors admitted, for the credentials that name one

    def __post_init__(self) -> None:
        names_an_actor = self.credential in (Credential.BEARER, Credential.BEARER_OR_SIGNED_LINK)
        if names_an_actor != (self.rule is not None):
            raise ValueError(f"A {self.credential} route needs a rule exactly when it names an actor.")


# Every plain route, by method and path template (as starlette spells it).
ROUTES: dict[tuple[str, str], RouteRule] = {
    ("GET", "/graphql"): RouteRule(Credential.PER_FIELD),
    ("POST", "/graphql"): RouteRule(Credential.PER_FIELD),
    ("WEBSOCKET", "/graphql"): RouteRule(Credential.PER_FIELD),
    ("PUT", "/attachments/{attachment_id}/content"): RouteRule(Credential.BEARER, SENDERS),
    ("GET", "/correspondences/{correspondence_id}/attachments/{attachment_id}"): RouteRule(
        Credential.BEARER_OR_SIGNED_LINK, READERS_AND_SENDERS
    ),
    # Every hosted attachment as one ZIP: no signed link, a Bearer token only.
    ("GET", "/correspondences/{correspondence_id}/attachments.zip"): RouteRule(Credential.BEARER, READERS_AND_SENDERS),
    ("POST", "/delivery-reports/{channel}"): RouteRule(Credential.SHARED_SECRET),
    ("GET", "/healthz"): RouteRule(Credential.NONE),
    ("GET", "/readyz"): RouteRule(Credential.NONE),
    ("GET", "/metrics"): RouteRule(Credential.SHARED_SECRET),
}


class UnlistedOperation(LookupError):
    """An operation the table does not list: the schema or the app refuses to build."""


def field_rule(operation: OperationType, name: str) -> Rule:
    try:
        return FIELDS[(operation, name)]
    except KeyError:
        raise UnlistedOperation(f"{operation.value} field {name!r} is missing from graphql/operations.py") from None


def route_rule(method: str, path: str) -> RouteRule:
    try:
        return ROUTES[(method, path)]
    except KeyError:
        raise UnlistedOperation(f"route {method} {path} is missing from graphql/operations.py") from None
