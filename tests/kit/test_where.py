"""`sql.Where` and friends: typed identifiers, numbered parameters, values never in the SQL text."""

from __future__ import annotations

import pytest

from correspondence.correspondence.models import Correspondence
from correspondence.kit.sql import Column, OrderBy, Where, fetch_raw, select_models

STATUS = Column.of(Correspondence, "status")
RECIPIENT = Column.of(Correspondence, "recipient", alias="c")


def test_conditions_are_anded_and_their_marks_numbered_in_order() -> None:
    where = Where().and_('"a" = ?', 1).and_in(STATUS, ["x", "y"]).and_('"c" < ? OR "d" = ?', 2, 3)
    assert where.sql == '("a" = $1) AND ("status" IN ($2, $3)) AND ("c" < $4 OR "d" = $5)'
    assert where.values == (1, "x", "y", 2, 3)


def test_an_empty_in_list_matches_nothing() -> None:
    assert Where().and_in(STATUS, []).sql == "(FALSE)"


def test_a_condition_must_mark_exactly_the_values_given() -> None:
    with pytest.raises(ValueError, match="marks a different number"):
        Where().and_('"a" = ? AND "b" = ?', 1)
    with pytest.raises(ValueError, match="marks a different number"):
        Where().and_('"a" = ?', 1, 2)


def test_marks_inside_quoted_literals_and_identifiers_are_left_alone() -> None:
    where = Where().and_("\"x?\" = 'what?' AND \"y\" = ? AND 'it''s ?' <> ?", 1, 2)
    assert where.sql == "(\"x?\" = 'what?' AND \"y\" = $1 AND 'it''s ?' <> $2)"
    with pytest.raises(ValueError, match="marks a different number"):
        Where().and_("\"a\" = '?'", 1)


async def test_marks_inside_literals_reach_either_database_as_written(db_clean: str) -> None:
    where = Where().and_('"message_title" <> \'?\' AND "sender" <> ?', "nobody")
    assert await select_models(Correspondence, where, order_by=OrderBy((STATUS,)), limit=1) == []
    sql = 'SELECT \'$1 ?\', count(*) FROM "correspondence" WHERE "sender" <> $1'
    assert [tuple(row) for row in await fetch_raw(Correspondence, sql, ["nobody"])] == [("$1 ?", 0)]


def test_columns_come_from_model_metadata() -> None:
    assert RECIPIENT.sql == 'c."recipient"'
    with pytest.raises(ValueError, match="no column field"):
        Column.of(Correspondence, 'status" OR TRUE --')
    with pytest.raises(ValueError, match="not a table alias"):
        Column.of(Correspondence, "status", alias="c; DROP")


def test_comparisons_store_values_as_the_column_does() -> None:
    where = Where().and_compare(STATUS, "=", "PUBLISHED")
    assert (where.sql, where.values) == ('("status" = $1)', ("PUBLISHED",))


def test_order_by_is_its_own_clause() -> None:
    assert OrderBy((STATUS, RECIPIENT), descending=True).sql == 'ORDER BY "status" DESC, c."recipient" DESC'
