"""`db.Where`: hand-written conditions composed with numbered parameters, values never in the SQL text."""

from __future__ import annotations

import pytest

from correspondence.kit.db import Where


def test_conditions_are_anded_and_their_marks_numbered_in_order() -> None:
    where = Where().and_('"a" = ?', 1).and_in('"b"', ["x", "y"]).and_('"c" < ? OR "d" = ?', 2, 3)
    assert where.sql == '("a" = $1) AND ("b" IN ($2, $3)) AND ("c" < $4 OR "d" = $5)'
    assert where.values == (1, "x", "y", 2, 3)


def test_an_empty_in_list_matches_nothing() -> None:
    assert Where().and_in('"b"', []).sql == "(FALSE)"


def test_a_condition_must_mark_exactly_the_values_given() -> None:
    with pytest.raises(ValueError, match="marks a different number"):
        Where().and_('"a" = ? AND "b" = ?', 1)
    with pytest.raises(ValueError, match="marks a different number"):
        Where().and_('"a" = ?', 1, 2)
