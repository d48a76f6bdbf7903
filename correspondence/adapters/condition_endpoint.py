"""A notification order's send condition: GET the sender's endpoint, which answers `{"sendNotification": bool}`.

The URL comes from a sender, so the call is guarded against server-side request forgery: only http(s), no
redirects, and outside dev mode (unless `CORRESPONDENCE_ALLOW_PRIVATE_ENDPOINTS`) no loopback, private, link-local
or otherwise non-public address. The check runs on the resolved addresses, and the request goes to the address
that was checked, so a name that resolves differently a moment later changes nothing.

The peer is also untrusted as a server: the whole exchange has one deadline (an answer trickled a byte at a time
never resets it), the answer is read up to a few KB and no further, and `PeerSlots` keeps slow peers from
holding more than a bounded share of a worker's job slots.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import socket
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

DEADLINE_SECONDS = 10.0
MAX_URL_LENGTH = 2048
# `{"sendNotification": false}` is 28 bytes; a few KB leaves room for whitespace and extra members.
MAX_ANSWER_BYTES = 4096

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


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
    if len(url) > MAX_URL_LENGTH:
        return f"A condition endpoint is at most {MAX_URL_LENGTH} characters."
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return "The condition endpoint is not a valid URL."
    if parsed.scheme not in ("http", "https") or not parsed.host:
        return "The condition endpoint must be an absolute http or https URL."
    if parsed.userinfo:
        return "The condition endpoint must not carry credentials."
    literal = _literal_address(parsed.host)
    if literal is not None and not allow_private and not _is_public(literal):
        return "The condition endpoint points to a private or loopback address."
    return None


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
    address = await _checked_address(target, allow_private=allow_private)
    extensions: dict[str, Any] = {"sni_hostname": target.host} if target.scheme == "https" else {}
    # Identity only: the cap below counts the bytes that arrive, and a compressed answer could inflate past it.
    headers = {"Host": target.netloc.decode("ascii"), "Accept": "application/json", "Accept-Encoding": "identity"}
    direct = target.copy_with(host=str(address))
    try:
        async with (
            httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=False, trust_env=False) as client,
            client.stream("GET", direct, headers=headers, extensions=extensions) as response,
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


async def _checked_address(url: httpx.URL, *, allow_private: bool) -> IPAddress:
    literal = _literal_address(url.host)
    if literal is not None:
        return literal
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise ConditionEndpointError(f"The condition endpoint's host does not resolve: {error}") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise ConditionEndpointError("The condition endpoint's host does not resolve.")
    if not allow_private and not all(_is_public(a) for a in addresses):
        raise ConditionEndpointError("The condition endpoint resolves to a private or loopback address.")
    return addresses[0]


def _literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


# IPv6 prefixes whose last 32 bits are an IPv4 address a gateway or the host's own stack will connect to:
# IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks) and NAT64 (RFC 6052).
_IPV4_IN_LOW_BITS = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"))
# NAT64 for local use (RFC 8215) embeds an address this service cannot judge: never public.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def _is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOCAL_NAT64:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return _is_public(embedded)
    return address.is_global and not address.is_multicast


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form stands for (mapped, compatible, NAT64, 6to4): it is judged like that one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in network for network in _IPV4_IN_LOW_BITS):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None
