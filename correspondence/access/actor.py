"""Who is calling: the four actors of contract §1, derived from verified token claims."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from correspondence.adapters.tokens import Claims
from correspondence.kit.errors import Unauthenticated
from correspondence.kit.identifiers import (
    InvalidIdentifier,
    organization_urn,
    person_urn,
    validate_national_identity_number,
    validate_organization_number,
)

SCOPE_SERVICE_OWNER = "altinn:serviceowner"
SCOPE_WRITE = "altinn:correspondence.write"
SCOPE_READ = "altinn:correspondence.read"
SCOPE_ADMIN = "altinn:correspondence.admin"
SCOPE_NOTIFICATIONS = "altinn:serviceowner/notifications.create"


class ActorKind(StrEnum):
    SERVICE_OWNER = "SERVICE_OWNER"
    PERSON = "PERSON"
    SYSTEM = "SYSTEM"
    ADMIN = "ADMIN"


@dataclass(frozen=True, slots=True)
class Actor:
    kind: ActorKind
    scopes: frozenset[str]
    national_identity_number: str | None = None
    organization_number: str | None = None

    @property
    def party(self) -> str | None:
        """The party URN the actor speaks for; recorded as `actor` in histories."""
        if self.national_identity_number:
            return person_urn(self.national_identity_number)
        if self.organization_number:
            return organization_urn(self.organization_number)
        return None

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def _scopes(claims: Claims) -> frozenset[str]:
    raw = claims.get("scope", "")
    if isinstance(raw, str):
        return frozenset(raw.split())
    if isinstance(raw, list):
        return frozenset(str(s) for s in raw)
    return frozenset()


def actor_from_claims(claims: Claims) -> Actor:
    scopes = _scopes(claims)
    try:
        pid = claims.get("pid")
        consumer = claims.get("consumer")
        if SCOPE_ADMIN in scopes:
            return Actor(ActorKind.ADMIN, scopes, national_identity_number=_pid(pid) if pid else None)
        if pid:
            return Actor(ActorKind.PERSON, scopes, national_identity_number=_pid(pid))
        if isinstance(consumer, str):
            orgno = validate_organization_number(consumer)
            kind = ActorKind.SERVICE_OWNER if SCOPE_SERVICE_OWNER in scopes else ActorKind.SYSTEM
            return Actor(kind, scopes, organization_number=orgno)
    except InvalidIdentifier as error:
        raise Unauthenticated(f"The token names an invalid party: {error}") from None
    raise Unauthenticated("The token names no person (pid) and no organization (consumer).")


def _pid(value: object) -> str:
    return validate_national_identity_number(str(value))
