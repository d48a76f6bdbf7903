"""Who a subscription is for, and which events it may see (contract §7).

Recipients (persons and end-user systems) see PUBLISHED for correspondences in the inboxes their access scope
opens, the confidential rule included; senders (service owners) see every event about what their organization
sent, and the events of the standalone notification orders it created (no correspondence: contract §11). Live
events are judged in memory by the access rule (`AccessScope.can_read`, `sender_party`, `ordering_party`); replays
by its SQL form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from correspondence.access.actor import SCOPE_READ, SCOPE_WRITE, Actor, ActorKind
from correspondence.access.cache import access_of
from correspondence.access.grants import AccessScope, ordering_party, sender_party
from correspondence.adapters.event_bus import EventMessage
from correspondence.correspondence.statuses import VISIBLE_TO_RECIPIENT, ActivityType
from correspondence.kit.errors import BadUserInput, Forbidden, InputErrors
from correspondence.kit.identifiers import InvalidIdentifier, parse_party

if TYPE_CHECKING:
    from correspondence.correspondence.models import Correspondence

MAX_EVENT_ID = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Audience:
    """One subscription's actor and the inboxes it follows (None: every inbox its access scope opens)."""

    actor: Actor
    parties: frozenset[str] | None = None

    @property
    def is_sender(self) -> bool:
        return self.actor.kind is ActorKind.SERVICE_OWNER

    def readable(self, scope: AccessScope) -> AccessScope:
        """The part of the actor's scope this subscription follows."""
        return scope if self.parties is None else scope.restricted_to(sorted(self.parties))

    def sees(self, message: EventMessage, scope: AccessScope) -> bool:
        if message.correspondence_id is None:
            return self._ordered(message)
        if self.is_sender:
            return message.sender == sender_party(self.actor)
        recipient, resource_id = message.recipient, message.resource_id
        if message.type != ActivityType.PUBLISHED.value or recipient is None or resource_id is None:
            return False
        if self.parties is not None and recipient not in self.parties:
            return False
        return scope.can_read(recipient, resource_id, message.is_confidential)

    def can_see_now(self, message: EventMessage, correspondence: Correspondence | None) -> bool:
        """The event's correspondence as it is now: recipients never see what is purged (contract §3). A standalone
        order's event has none: whose it is never changes."""
        if message.correspondence_id is None:
            return self._ordered(message)
        if correspondence is None:
            return False
        return self.is_sender or correspondence.status in VISIBLE_TO_RECIPIENT

    def _ordered(self, message: EventMessage) -> bool:
        """A standalone notification order's event is its ordering organization's alone (contract §11): the
        notified persons and organizations never receive it, other service owners neither."""
        return message.sender == ordering_party(self.actor)


def parse_since(since: str | None) -> int | None:
    if since is None:
        return None
    text = since.strip()
    # The length first: int() refuses (ValueError, a 500 here) strings of more than 4,300 digits.
    if not text.isdigit() or not text.isascii() or len(text) > len(str(MAX_EVENT_ID)) or int(text) > MAX_EVENT_ID:
        raise BadUserInput.single("since", "Must be the id of an event received earlier (a non-negative integer).")
    return int(text)


def _parse_parties(parties: list[str] | None) -> list[str] | None:
    if parties is None:
        return None
    errors = InputErrors()
    if not parties:
        errors.add("parties", "Name at least one party, or leave the argument out to follow every inbox.")
    urns: list[str] = []
    for index, value in enumerate(parties):
        try:
            urns.append(parse_party(value).urn)
        except InvalidIdentifier as error:
            errors.add(f"parties.{index}", str(error))
    errors.raise_if_any()
    return urns


async def authorise(actor: Actor, parties: list[str] | None) -> Audience:
    """Who the subscription is for, or FORBIDDEN / BAD_USER_INPUT before anything is delivered."""
    urns = _parse_parties(parties)
    if actor.kind is ActorKind.SERVICE_OWNER:
        if not actor.has_scope(SCOPE_WRITE):
            raise Forbidden(f"A service owner follows what it sent with the scope {SCOPE_WRITE}.")
        foreign = sorted(set(urns or ()) - {actor.party})
        if foreign:
            raise Forbidden(f"A service owner follows only its own organization's correspondences, not {foreign[0]}.")
        return Audience(actor)
    if actor.kind not in (ActorKind.PERSON, ActorKind.SYSTEM) or not actor.has_scope(SCOPE_READ):
        raise Forbidden(f"Events are for recipients with the scope {SCOPE_READ} and for senders.")
    scope = await access_of(actor)
    unreadable = [p for p in urns or () if p not in scope.grants]
    if unreadable:
        raise Forbidden(f"You may not read the inbox of {unreadable[0]}.")
    return Audience(actor, frozenset(urns) if urns is not None else None)
