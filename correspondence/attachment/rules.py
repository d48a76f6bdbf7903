"""Rules every attachment obeys, whichever way it arrives (upload or external link): names and links."""

from __future__ import annotations

import unicodedata

from correspondence.kit.links import https_link_problem

MAX_FILE_NAME = 255
MAX_DISPLAY_NAME = 255
MAX_URL = 2048

_FORBIDDEN_CHARACTERS = frozenset('<>:"/\\|?*')
# Bidirectional overrides let "invoice‮fdp.exe" display as "invoiceexe.pdf": refused like control characters.
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)


def file_name_problem(name: str) -> str | None:
    """Why `name` is no acceptable file name, or None when it is (contract §4)."""
    if not name.strip():
        return "The file name must not be empty."
    if len(name) > MAX_FILE_NAME:
        return f"The file name must be at most {MAX_FILE_NAME} characters."
    bad = sorted({c for c in name if c in _FORBIDDEN_CHARACTERS})
    if bad:
        return "The file name must not contain " + " ".join(bad) + "."
    if any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in name):
        return "The file name must not contain control characters."
    if name.split(".", 1)[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        return "The file name is a reserved device name on Windows."
    if name.endswith((".", " ")):
        return "The file name must not end with a dot or a space."
    return None


def display_name_problem(name: str | None) -> str | None:
    if name is not None and len(name) > MAX_DISPLAY_NAME:
        return f"The display name must be at most {MAX_DISPLAY_NAME} characters."
    return None


def external_url_problem(url: str) -> str | None:
    return https_link_problem(url, max_length=MAX_URL)
