"""A notification order's send condition: GET the sender's endpoint, which answers `{"sendNotification": bool}`.

The URL comes from a sender, so the call is guarded against server-side request forgery by `url_guard` (the
guard webhooks use too): only http(s), no redirects, and outside dev mode (unless
`CORRESPONDENCE_ALLOW_PRIVATE_ENDPOINTS`) no loopback, private, link-local or otherwise non-public address,
checked on the resolved addresses, and the request goes to the address that was checked.

The peer is also untrusted as a server: the whole exchange has one deadline (an answer trickled a byte at a time
never resets it), the answer is read up to a few KB and no further, and `PeerSlots` keeps slow peers from
holding more than a bounded share of a worker's job slots.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from correspondence.adapters import url_guard

DEADLINE_SECONDS = 10.0
SCHEMES = ("http", "https")
WHAT = "The condition endpoint"
# `{"sendNotification": false}` is 28 bytes; a few KB leaves room for whitespace and extra members.
MAX_ANSWER_BYTES = 4096


class ConditionEndpointError(Exception):
    """The endpoint could not give an answer (refused, unreachable, too slow, too large, or no condition)."""


class PeerBusy(Exception):
    """The endpoint's host, or condition checks as a whole, already hold their share of this worker's job slots."""


class PeerSlots:
    """How many condition checks one worker runs at once, per host and in all.

    A check holds a job slot for as long as its peer takes (up to the deadline). A peer that answers slowly, or
    many orders naming one peer, could otherwise fill every slot of the worker and stall unrelated work such as
    publishing. Taking a slot never waits, since a job waiting for one would hold its job slot all the same; the
    caller gives the order back instead. The total bounds peers that spread over many host names.
    Process-local on purpose: each worker process has job slots of its own to protect.
    """

    def __init__(self, *, per_host: int, total: int) -> None:
        self._per_host = per_host
        self._total = total
        self._in_use: Counter[str] = Counter()

    @contextmanager
    def take(self, url: str) -> Iterator[None]:
        """Holds one slot for `url`'s host while the block runs; raises PeerBusy at once when none is free."""
        host = _host_of(url)
        if self._in_use[host] >= self._per_host:
            raise PeerBusy(f"{self._per_host} condition check(s) of {host} already run in this worker.")
        if self._in_use.total() >= self._total:
            raise PeerBusy(f"{self._total} condition checks already run in this worker.")
        self._in_use[host] += 1
        try:
            yield
        finally:
            self._in_use[host] -= 1
            if not self._in_use[host]:
                del self._in_use[host]


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host.lower()
    except httpx.InvalidURL:
        return url  # refused by send_condition anyway; it still counts against the total


def url_problem(url: str, *, allow_private: bool) -> str | None:
    """Why a condition endpoint URL is unacceptable, judged without network access; None if it is fine."""
    return url_guard.url_problem(url, allow_private=allow_private, schemes=SCHEMES, what=WHAT)


async def send_condition(url: str, *, allow_private: bool, deadline_seconds: float = DEADLINE_SECONDS) -> bool:
    """True to send, False when the endpoint says not to; raises ConditionEndpointError when it cannot tell
    within `deadline_seconds` (the whole exchange, name lookup included)."""
    problem = url_problem(url, allow_private=allow_private)
    if problem:
        raise ConditionEndpointError(problem)
    try:
        async with asyncio.timeout(deadline_seconds):
            answer = await _answer(httpx.URL(url), allow_private=allow_private, timeout_seconds=deadline_seconds)
    except TimeoutError as error:
        raise ConditionEndpointError(f"The condition endpoint did not answer within {deadline_seconds:g} s.") from error
    try:
        decision = json.loads(answer).get("sendNotification")
    except (ValueError, AttributeError):
        decision = None
    if not isinstance(decision, bool):
        raise ConditionEndpointError('The condition endpoint did not answer {"sendNotification": true|false}.')
    return decision


async def _answer(target: httpx.URL, *, allow_private: bool, timeout_seconds: float) -> bytes:
    try:
        address = await url_guard.checked_address(target, allow_private=allow_private, what=WHAT)
    except url_guard.UnsafeEndpoint as error:
        raise ConditionEndpointError(str(error)) from error
    direct = url_guard.direct_request(target, address)
    # Identity only: the cap below counts the bytes that arrive, and a compressed answer could inflate past it.
    headers = {**direct.headers, "Accept": "application/json", "Accept-Encoding": "identity"}
    try:
        async with (
            httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=False, trust_env=False) as client,
            client.stream("GET", direct.url, headers=headers, extensions=direct.extensions) as response,
        ):
            if response.status_code != 200:
                raise ConditionEndpointError(f"The condition endpoint answered HTTP {response.status_code}.")
            return await _capped_body(response)
    except httpx.HTTPError as error:
        raise ConditionEndpointError(f"The condition endpoint did not answer: {type(error).__name__}") from error


async def _capped_body(response: httpx.Response) -> bytes:
    """The answer's bytes, read no further than MAX_ANSWER_BYTES whatever Content-Length says (or not)."""
    too_large = ConditionEndpointError(f"The condition endpoint's answer is larger than {MAX_ANSWER_BYTES} bytes.")
    if response.headers.get("content-encoding", "identity").strip().lower() != "identity":
        raise ConditionEndpointError("The condition endpoint answered compressed, though asked not to.")
    declared = response.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise too_large
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise too_large
    return bytes(body)
