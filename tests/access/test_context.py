"""The GraphQL context's per-request memo: what every item of a page must share is made once per request."""

from __future__ import annotations

from correspondence.access.context import Context
from correspondence.settings import Settings


def test_per_request_makes_each_value_once_per_context() -> None:
    made: list[Context] = []

    def factory(context: Context) -> object:
        made.append(context)
        return object()

    first, second = Context(Settings(), None), Context(Settings(), None)
    assert first.per_request(factory) is first.per_request(factory)
    assert second.per_request(factory) is not first.per_request(factory)
    assert made == [first, second]
