"""The base of the links the service hands out (download links): configured, or where the request came."""

from __future__ import annotations

import pytest
from starlette.requests import HTTPConnection

from correspondence.access.http import public_base_url
from correspondence.settings import Settings


def _connection(scheme: str) -> HTTPConnection:
    # The scope uvicorn builds for a request or websocket to 127.0.0.1:8000/graphql.
    kind = "websocket" if scheme.startswith("ws") else "http"
    return HTTPConnection(
        {"type": kind, "scheme": scheme, "server": ("127.0.0.1", 8000), "path": "/graphql", "headers": []}
    )


@pytest.mark.parametrize(
    ("scheme", "base"),
    [
        ("http", "http://127.0.0.1:8000"),
        ("https", "https://127.0.0.1:8000"),
        ("ws", "http://127.0.0.1:8000"),
        ("wss", "https://127.0.0.1:8000"),
    ],
)
def test_links_are_http_links_whichever_way_the_request_came(scheme: str, base: str) -> None:
    assert public_base_url(Settings(_env_file=None), _connection(scheme)) == base


def test_the_configured_public_url_wins() -> None:
    settings = Settings(_env_file=None, public_url="https://post.example.no/api/")
    assert public_base_url(settings, _connection("ws")) == "https://post.example.no/api"


def test_the_public_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="CORRESPONDENCE_PUBLIC_URL"):
        Settings(_env_file=None, public_url="ftp://post.example.no")
