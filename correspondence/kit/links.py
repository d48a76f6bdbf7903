"""Links a sender gives readers (reply options, external attachments): absolute https URLs every parser reads alike.

A browser, a mail client and Python's `urlparse` must agree on where a link goes. They do not for a backslash
(browsers read `https://a\\@b` as host `a`, `urlparse` as user `a\\` at host `b`), for credentials in the authority,
or around bidirectional-text controls, which make a link look like another on screen. Such links are refused.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

# Unicode categories never legitimate in a link: controls, format characters (the bidi controls, zero-width
# joiners), separators (every kind of space), surrogates and unassigned code points.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Co", "Zs", "Zl", "Zp"})


def https_link_problem(url: str, *, max_length: int) -> str | None:
    """Why `url` is no acceptable https link of at most `max_length` characters; None if it is one."""
    message = f"Must be an https URL of at most {max_length} characters."
    if len(url) > max_length or any(unicodedata.category(c) in _REFUSED_CATEGORIES for c in url):
        return message
    if "\\" in url:
        return "Must not contain a backslash."
    try:
        parts = urlsplit(url)
        hostname, _port = parts.hostname, parts.port  # `port` raises ValueError unless a number in range
    except ValueError:
        return message
    if parts.scheme != "https" or not hostname:
        return message
    if "@" in parts.netloc:
        return "Must not carry credentials (user@host)."
    return None
