"""The GraphQL `PageInfo` of every keyset connection (the inbox, notification orders), built from a `Page`."""

from __future__ import annotations

from typing import Any

import strawberry

from correspondence.kit.pagination import Page


@strawberry.type(name="PageInfo")
class PageInfoType:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def from_page(cls, page: Page[Any]) -> PageInfoType:
        return cls(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )
