"""The guard against server-side request forgery for every URL a caller gives the service to call back: notification
condition endpoints (contract §5) and webhook endpoints (contract §12).

A URL passes when its scheme is allowed, it carries no credentials, and its host is not a loopback, private,
link-local, multicast or otherwise non-public address, in any spelling: IPv4 in dotted, decimal, octal or
hexadecimal form, IPv6, and the IPv6 forms that stand for an IPv4 address (mapped, compatible, NAT64, 6to4).
`url_problem` judges the text alone (at creation a name that does not resolve yet is accepted);
`checked_address` resolves the name and judges every address it gets, just before each call, since DNS answers
change. The caller then connects to the address that was checked (`direct_request`), so a name that resolves
differently a moment later changes nothing, and follows no redirect. In dev mode, or with
`CORRESPONDENCE_ALLOW_PRIVATE_ENDPOINTS`, loopback and private addresses are allowed (`allow_private`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import Any

import httpx

MAX_URL_LENGTH = 2048

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeEndpoint(Exception):
    """The endpoint may not be called: a refused form, or a name that resolves to a refused (or no) address."""


def url_problem(url: str, *, allow_private: bool, schemes: tuple[str, ...], what: str) -> str | None:
    """Why `url` is unacceptable, judged without network access; None if it is fine. `what` names the URL in the
    message ("The condition endpoint")."""
    if len(url) > MAX_URL_LENGTH:
        return f"{what} is at most {MAX_URL_LENGTH} characters."
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return f"{what} is not a valid URL."
    if parsed.scheme not in schemes or not parsed.host:
        return f"{what} must be an absolute {' or '.join(schemes)} URL."
    if parsed.userinfo:
        return f"{what} must not carry credentials."
    literal = literal_address(parsed.host)
    if literal is not None and not allow_private and not is_public(literal):
        return f"{what} points to a private or loopback address."
    return None


async def checked_address(url: httpx.URL, *, allow_private: bool, what: str) -> IPAddress:
    """The address to connect to for `url`: its literal address, or the first its name resolves to, once every
    resolved address has been judged (a name with one private answer among public ones is refused)."""
    literal = literal_address(url.host)
    if literal is not None:
        if not allow_private and not is_public(literal):
            raise UnsafeEndpoint(f"{what} points to a private or loopback address.")
        return literal
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise UnsafeEndpoint(f"{what}'s host does not resolve: {error}") from error
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    if not addresses:
        raise UnsafeEndpoint(f"{what}'s host does not resolve.")
    if not allow_private and not all(is_public(a) for a in addresses):
        raise UnsafeEndpoint(f"{what} resolves to a private or loopback address.")
    return addresses[0]


@dataclass(frozen=True, slots=True)
class DirectRequest:
    """A request to the checked address that still names the host: in the Host header and, over TLS, in SNI and
    the certificate check."""

    url: httpx.URL
    headers: dict[str, str]
    extensions: dict[str, Any]


def direct_request(target: httpx.URL, address: IPAddress) -> DirectRequest:
    extensions: dict[str, Any] = {"sni_hostname": target.host} if target.scheme == "https" else {}
    return DirectRequest(target.copy_with(host=str(address)), {"Host": target.netloc.decode("ascii")}, extensions)


# Every spelling of IPv4 that inet_aton (and so the resolver) reads as an address: 2130706433, 0x7f.1, 0177.0.0.1.
_IPV4_SHORTHAND = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?", re.IGNORECASE)


def literal_address(host: str) -> IPAddress | None:
    """The address a host names literally, in any spelling the system resolver accepts; None for a name."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare)
    except ValueError:
        pass
    if _IPV4_SHORTHAND.fullmatch(bare):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(bare.rstrip(".")))
        except OSError:
            return None
    return None


# IPv6 prefixes whose last 32 bits are an IPv4 address a gateway or the host's own stack will connect to:
# IPv4-compatible (::a.b.c.d, deprecated but still routed by some stacks) and NAT64 (RFC 6052).
_IPV4_IN_LOW_BITS = (ipaddress.IPv6Network("::/96"), ipaddress.IPv6Network("64:ff9b::/96"))
# NAT64 for local use (RFC 8215) embeds an address this service cannot judge: never public.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")


def is_public(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address in _LOCAL_NAT64:
            return False
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public(embedded)
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
