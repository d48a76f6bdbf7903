"""Tortoise's SQLite backend, with transactions that take the write lock when they begin.

SQLite's default deferred transaction starts as a reader and upgrades to a writer at its first write; when another
connection (the worker, another API process) committed meanwhile, that upgrade fails at once with "database is
locked", and the busy timeout never applies. `BEGIN IMMEDIATE` takes the write lock up front, so concurrent
writers queue on the busy timeout instead. Reads outside a transaction are unaffected (WAL lets them proceed).
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import NestedTransactionContext, TransactionContext
from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionContext, SqliteTransactionWrapper
from tortoise.exceptions import TransactionManagementError


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    def _in_transaction(self) -> TransactionContext:
        return NestedTransactionContext(ImmediateTransactionWrapper(self))

    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise TransactionManagementError(error) from error


class ImmediateSqliteClient(SqliteClient):
    def _in_transaction(self) -> TransactionContext:
        return SqliteTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
