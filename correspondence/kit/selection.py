"""Look-ahead into the query: a list's resolver loads in one step what each item's fields would load one by one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from strawberry.types.nodes import SelectedField, Selection


def selects(selections: Iterable[Selection], path: Sequence[str]) -> bool:
    """Whether the query asks for the field at `path` (names as in the schema) below these selections."""
    head, *rest = path
    for selection in selections:
        if isinstance(selection, SelectedField):
            if selection.name == head and (not rest or selects(selection.selections, rest)):
                return True
        elif selects(selection.selections, path):  # a fragment: its fields sit at this level
            return True
    return False
