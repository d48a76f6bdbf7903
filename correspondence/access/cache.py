"""The process's access cache: every operation and every live event judges access from it.

Access is judged per operation, never frozen for a connection's life: an entry is dropped when roles,
delegations or organizations change (in this process right after the commit, in every other API process when
the event bus announces it), and expires after `ttl` seconds in any case, so a change nobody announced (an import
run while Redis was unreachable, a row changed by hand) still takes effect within that time. Entries are keyed by
the person's party: the registry decides only persons' access.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from correspondence.access.actor import Actor
from correspondence.access.grants import AccessScope
from correspondence.access.scope import person_scope, registry_free_scope
from correspondence.adapters import event_bus, queue
from correspondence.kit.identifiers import person_urn
from correspondence.kit.unit_of_work import after_commit

ACCESS_TTL_SECONDS = 60.0
MAX_CACHED_PERSONS = 50_000


class AccessCache:
    """Persons' access scopes, least recently used dropped first beyond `capacity`."""

    def __init__(self, ttl: float = ACCESS_TTL_SECONDS, capacity: int = MAX_CACHED_PERSONS) -> None:
        self.ttl = ttl
        self.capacity = capacity
        self._scopes: OrderedDict[str, tuple[AccessScope, float]] = OrderedDict()
        self._generation = 0

    async def scope(self, actor: Actor) -> AccessScope:
        fixed = registry_free_scope(actor)
        if fixed is not None:
            return fixed
        assert actor.national_identity_number is not None and actor.party is not None
        cached = self._scopes.get(actor.party)
        if cached is not None and time.monotonic() - cached[1] < self.ttl:
            self._scopes.move_to_end(actor.party)
            return cached[0]
        generation = self._generation
        loaded_at = time.monotonic()
        scope = await person_scope(actor.national_identity_number)
        # An invalidation that arrived while loading may concern what was just read: keep it uncached then.
        if generation == self._generation:
            self._scopes[actor.party] = (scope, loaded_at)
            self._scopes.move_to_end(actor.party)
            while len(self._scopes) > self.capacity:
                self._scopes.popitem(last=False)
        return scope

    def invalidate(self, pid: str) -> None:
        """Forget one person's access (`pid`), or everybody's (`event_bus.ALL_PARTIES`)."""
        self._generation += 1
        if pid == event_bus.ALL_PARTIES:
            self._scopes.clear()
        else:
            self._scopes.pop(person_urn(pid), None)

    def clear(self) -> None:
        self.invalidate(event_bus.ALL_PARTIES)


_cache = AccessCache()


def access_cache() -> AccessCache:
    return _cache


async def access_of(actor: Actor) -> AccessScope:
    """The inboxes the actor may read, as of now (give or take an unannounced change and the TTL)."""
    return await _cache.scope(actor)


def invalidate_access(pid: str | None = None) -> None:
    """Call in the unit of work that changes roles or delegations (or an organization's parent).

    `pid` is the person whose access changed; None means everybody's (a bulk import, a re-parented
    organization). After commit this process forgets the cached access at once and every other API process when
    the bus tells it, so the next operation or event is judged on the new rows.
    """
    changed = pid or event_bus.ALL_PARTIES

    async def forget_and_announce() -> None:
        _cache.invalidate(changed)
        if queue.is_connected():
            await event_bus.publish_access_changed(changed)
        # Without the queue (a command-line import with no Redis configured) there is no bus to announce on:
        # other processes' cached access expires within ACCESS_TTL_SECONDS.

    after_commit(forget_and_announce)
