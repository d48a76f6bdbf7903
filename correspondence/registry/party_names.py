"""Names from the register, cached per process for a minute.

Names are display data that change rarely, and every inbox page and `me` shows some: a short-lived cache spares
a query per request. A change made through this process is seen at once; one made elsewhere within a minute.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence

from correspondence.kit.identifiers import InvalidIdentifier, PartyKind, parse_party
from correspondence.registry import repository

TTL_SECONDS = 60.0
MAX_ENTRIES = 100_000

_cache: OrderedDict[str, tuple[float, str | None]] = OrderedDict()


def forget(urn: str) -> None:
    _cache.pop(urn, None)


def clear() -> None:
    _cache.clear()


async def names_of(urns: Sequence[str]) -> list[str | None]:
    now = time.monotonic()
    missing = [urn for urn in dict.fromkeys(urns) if (hit := _cache.get(urn)) is None or hit[0] < now]
    if missing:
        found = await _load(missing)
        for urn in missing:
            _cache[urn] = (now + TTL_SECONDS, found.get(urn))
            _cache.move_to_end(urn)
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)
    return [_cache[urn][1] for urn in urns]


async def _load(urns: list[str]) -> dict[str, str]:
    pids: dict[str, str] = {}
    orgnos: dict[str, str] = {}
    for urn in urns:
        try:
            party = parse_party(urn)
        except InvalidIdentifier:
            continue
        (pids if party.kind is PartyKind.PERSON else orgnos)[party.number] = urn
    names: dict[str, str] = {}
    if pids:
        names |= {pids[pid]: name for pid, name in (await repository.person_names(pids)).items()}
    if orgnos:
        names |= {orgnos[orgno]: name for orgno, name in (await repository.organization_names(orgnos)).items()}
    return names
