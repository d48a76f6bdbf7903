"""A notification order's send condition: GET the sender's endpoint, which answers `{"sendNotification": bool}`.

The URL comes from a sender, so the call is guarded against server-side request forgery: only http(s), no
redirects, a short timeout, and outside dev mode (unless `CORRESPONDENCE_ALLOW_PRIVATE_ENDPOINTS`) no loopback,
private, link-local or otherwise non-public address. The check runs on the resolved addresses, and the request
goes to the address that was checked, so a name that resolves differently a moment later changes nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any

import httpx

TIMEOUT_SECONDS = 5.0
MAX_URL_LENGTH = 2048

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class ConditionEndpointError(Exception):
    """The endpoint could not give an answer (refused, unreachable, or an answer that is no condition)."""


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


async def send_condition(url: str, *, allow_private: bool, timeout_seconds: float = TIMEOUT_SECONDS) -> bool:
    """True to send, False when the endpoint says not to; raises ConditionEndpointError when it cannot tell."""
    problem = url_problem(url, allow_private=allow_private)
    if problem:
        raise ConditionEndpointError(problem)
    target = httpx.URL(url)
    address = await _checked_address(target, allow_private=allow_private)
    extensions: dict[str, Any] = {"sni_hostname": target.host} if target.scheme == "https" else {}
    headers = {"Host": target.netloc.decode("ascii"), "Accept": "application/json"}
    try:
        async with httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=False, trust_env=False) as client:
            response = await client.get(target.copy_with(host=str(address)), headers=headers, extensions=extensions)
    except httpx.HTTPError as error:
        raise ConditionEndpointError(f"The condition endpoint did not answer: {type(error).__name__}") from error
    if response.status_code != 200:
        raise ConditionEndpointError(f"The condition endpoint answered HTTP {response.status_code}.")
    try:
        decision = response.json().get("sendNotification")
    except (ValueError, AttributeError):
        decision = None
    if not isinstance(decision, bool):
        raise ConditionEndpointError('The condition endpoint did not answer {"sendNotification": true|false}.')
    return decision


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
