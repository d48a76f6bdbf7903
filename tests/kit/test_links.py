"""Links a sender gives readers: https only, and read alike by every parser (no backslash, credentials, bidi)."""

from __future__ import annotations

import pytest

from correspondence.kit.links import https_link_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "https://svar.example.no/skjema?id=1#top",
        "https://example.com:8443/a/b",
        "https://æøå.no/",
    ],
)
def test_plain_https_links_pass(url: str) -> None:
    assert https_link_problem(url, max_length=255) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com",
        "https://",
        "https:///path",
        "javascript:alert(1)",
        "https://a\\@b.example",  # a browser goes to host `a`, urlparse to `b.example`
        "https://example.com\\evil.example",
        "https://user@example.com",
        "https://user:secret@example.com/",
        "https://example.com/\u202efdp.exe",  # right-to-left override
        "https://example.com/\u2066x\u2069",  # isolates
        "https://exa\u200fmple.com",  # right-to-left mark
        "https://exa\u200bmple.com",  # zero-width space
        "https://example.com/a b",
        "https://example.com/\u00a0",
        "https://example.com/\t",
        "https://example.com/\x00",
        "https://example.com:99999/",
        "https://[::1/",
        "https://example.com/" + "a" * 300,
    ],
)
def test_ambiguous_or_disguised_links_are_refused(url: str) -> None:
    assert https_link_problem(url, max_length=255) is not None
