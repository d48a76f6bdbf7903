"""Hand-written SQL for the few hot paths where composing a query through the ORM costs more than running it.

Only repositories (and the keyset pagination they use) call this module. Three rules keep it safe:
- identifiers a caller chooses are `Column`s built from model metadata, never strings;
- values are numbered parameters, never SQL text, and marks inside quoted literals are never rewritten;
- ORDER BY and LIMIT are arguments of their own, not text riding in a WHERE clause.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

M = TypeVar("M", bound=Model)

# Quoted text: string literals and quoted identifiers, with their doubled-quote escapes. Parameter marks are
# numbered and converted only between them, so a `?` or `$1` a literal holds stays what it is.
_QUOTED = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")""")
_MARK = re.compile(r"\?")
_POSTGRES_PARAMETER = re.compile(r"\$(\d+)")
_ALIAS = re.compile(r"[a-z][a-z0-9_]*")


def _outside_quotes(sql: str, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str]) -> str:
    # re.split with a capturing group alternates plain text (even indices) and quoted text (odd indices).
    parts = _QUOTED.split(sql)
    return "".join(part if index % 2 else pattern.sub(replace, part) for index, part in enumerate(parts))


@dataclass(frozen=True, slots=True)
class Column:
    """A model's column, named from its metadata (optionally qualified by a table alias)."""

    model: type[Model]
    field: str
    name: str
    alias: str | None = None

    @classmethod
    def of(cls, model: type[Model], field: str, *, alias: str | None = None) -> Column:
        if alias is not None and not _ALIAS.fullmatch(alias):
            raise ValueError(f"{alias!r} is not a table alias")
        projection = model._meta.fields_db_projection
        if field not in projection:
            raise ValueError(f"{model.__name__} has no column field {field!r}")
        return cls(model, field, projection[field], alias)

    @property
    def sql(self) -> str:
        return f'{self.alias}."{self.name}"' if self.alias else f'"{self.name}"'

    def to_db(self, value: Any) -> Any:
        """`value` as Tortoise stores it in this column, so comparisons see what is stored (SQLite keeps
        datetimes as UTC text)."""
        return self.model._meta.fields_map[self.field].to_db_value(value, self.model)


def columns(model: type[Model], *, alias: str | None = None) -> list[Column]:
    """Every column of `model`, in its metadata's order."""
    return [Column.of(model, field, alias=alias) for field in model._meta.fields_db_projection]


def table(model: type[Model], *, alias: str | None = None) -> str:
    """`model`'s table for a FROM clause, with its alias."""
    if alias is not None and not _ALIAS.fullmatch(alias):
        raise ValueError(f"{alias!r} is not a table alias")
    name = f'"{model._meta.db_table}"'
    return f"{name} {alias}" if alias else name


@dataclass(frozen=True, slots=True)
class Where:
    """A WHERE clause of hand-written conditions, ANDed one by one like a queryset's filters.

    A condition marks each of its values with `?`; the mark becomes the next numbered parameter (`$1`, `$2`, …)
    as the condition is added, so the values never enter the SQL text.
    """

    sql: str = "TRUE"
    values: tuple[object, ...] = ()

    def and_(self, condition: str, *values: object) -> Where:
        numbers = itertools.count(len(self.values) + 1)
        numbered = _outside_quotes(condition, _MARK, lambda _: f"${next(numbers)}")
        if next(numbers) - 1 - len(self.values) != len(values):
            raise ValueError(f"{condition!r} marks a different number of values than the {len(values)} given")
        sql = f"({numbered})" if self.sql == "TRUE" else f"{self.sql} AND ({numbered})"
        return Where(sql, (*self.values, *values))

    def and_in(self, column: Column, values: Sequence[object]) -> Where:
        if not values:
            return self.and_("FALSE")
        return self.and_(f"{column.sql} IN ({marks(len(values))})", *values)

    def and_compare(self, column: Column, operator: Literal["=", "<", "<=", ">", ">="], value: object) -> Where:
        return self.and_(f"{column.sql} {operator} ?", column.to_db(value))


NOTHING = Where().and_("FALSE")


def marks(count: int) -> str:
    """`?, ?, …`: the marks of an `IN (…)` list of `count` values."""
    return ", ".join("?" * count)


@dataclass(frozen=True, slots=True)
class OrderBy:
    """ORDER BY these columns, all in one direction."""

    columns: tuple[Column, ...]
    descending: bool = False

    @property
    def sql(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        return "ORDER BY " + ", ".join(f"{column.sql} {direction}" for column in self.columns)


@dataclass(frozen=True, slots=True)
class Join:
    """`JOIN <model's table> <alias> ON left = right`, every name from model metadata; `outer`: a LEFT JOIN, whose
    columns are null where no row matches."""

    model: type[Model]
    alias: str
    left: Column
    right: Column
    outer: bool = False

    @property
    def sql(self) -> str:
        kind = "LEFT JOIN" if self.outer else "JOIN"
        return f"{kind} {table(self.model, alias=self.alias)} ON {self.left.sql} = {self.right.sql}"


def _tail(order_by: OrderBy | None, limit: int | None) -> str:
    parts = [order_by.sql] if order_by else []
    if limit is not None:
        parts.append(f"LIMIT {int(limit)}")  # an int, never text: it cannot carry SQL
    return " ".join(parts)


def _dialect_sql(connection: BaseDBAsyncClient, sql: str) -> str:
    if connection.capabilities.dialect == "sqlite":
        return _outside_quotes(sql, _POSTGRES_PARAMETER, lambda match: f"?{match.group(1)}")
    return sql


async def fetch_raw(model: type[Model], sql: str, values: Iterable[object]) -> list[Sequence[Any]]:
    """Rows of a repository's hand-written SQL on `model`'s connection (the transaction's, inside one).

    The SQL uses PostgreSQL's numbered parameters (`$1`); SQLite reads the same numbers as `?1`.
    """
    connection = model._meta.db
    _, rows = await connection.execute_query(_dialect_sql(connection, sql), list(values))
    # Tortoise annotates rows as dicts; both drivers' rows (asyncpg's Record, sqlite3.Row) are sequences.
    return cast("list[Sequence[Any]]", list(rows))


async def write_returning(model: type[Model], sql: str, values: Iterable[object]) -> list[dict[str, Any]]:
    """The rows an INSERT/UPDATE … RETURNING of a repository's hand-written SQL returns (numbered parameters as
    for `fetch_raw`): Tortoise's `execute_query` drops a write's rows on PostgreSQL."""
    connection = model._meta.db
    return await connection.execute_query_dict(_dialect_sql(connection, sql), list(values))


def model_from_row(model: type[M], names: Sequence[Column], row: Sequence[Any]) -> M:
    """A `model` from the values of its columns `names` in one row of hand-written SQL, built as Tortoise builds
    a query's rows (field conversions included): for joins whose rows carry more than one model."""
    return model._init_from_db(**{column.name: value for column, value in zip(names, row, strict=True)})


async def select_rows(
    model: type[Model],
    selected: Sequence[Column],
    where: Where,
    *,
    alias: str | None = None,
    joins: Sequence[Join] = (),
    order_by: OrderBy | None = None,
    limit: int | None = None,
) -> list[Sequence[Any]]:
    """The `selected` columns of the rows of `model` (joined to `joins`) that match `where`."""
    source = " ".join([table(model, alias=alias), *(join.sql for join in joins)])
    listed = ", ".join(column.sql for column in selected)
    sql = f"SELECT {listed} FROM {source} WHERE {where.sql} {_tail(order_by, limit)}".rstrip()
    return await fetch_raw(model, sql, where.values)


async def select_models(
    model: type[M], where: Where, *, order_by: OrderBy | None = None, limit: int | None = None
) -> list[M]:
    """`model`s whose rows match `where`, built by Tortoise's own executor: the same objects as a queryset's,
    without composing the query."""
    connection = model._meta.db
    selected = ", ".join(column.sql for column in columns(model))
    sql = f"SELECT {selected} FROM {table(model)} WHERE {where.sql} {_tail(order_by, limit)}".rstrip()
    executor = connection.executor_class(model=model, db=connection)
    return cast("list[M]", await executor.execute_select(_dialect_sql(connection, sql), list(where.values)))


async def count(model: type[Model], where: Where) -> int:
    ((total,),) = await fetch_raw(model, f"SELECT count(*) FROM {table(model)} WHERE {where.sql}", where.values)
    return int(total)
