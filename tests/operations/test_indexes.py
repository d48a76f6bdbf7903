"""The schema's indexes on PostgreSQL, as migrated: each foreign key can be followed without reading its table
(a letter's timeline, a purge's cascade), and no index only repeats the leading columns of another (every index
costs each insert, and the population-scale bulk writes millions of rows)."""

from __future__ import annotations

import pytest
from tortoise import connections

from correspondence.kit import db

pytestmark = pytest.mark.parametrize("database", ["postgres"], indirect=True)

# Foreign keys whose first column leads no index.
UNINDEXED_FOREIGN_KEYS = """
SELECT conrelid::regclass::text AS "table", attname AS "column"
FROM pg_constraint
JOIN pg_attribute ON attrelid = conrelid AND attnum = conkey[1]
WHERE contype = 'f'
  AND NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = conrelid AND indkey[0] = conkey[1])
ORDER BY 1, 2
"""

# Plain (non-unique, unfiltered) B-tree indexes whose columns are the leading columns of another B-tree index.
REDUNDANT_INDEXES = """
SELECT shorter.indexrelid::regclass::text AS "index", longer.indexrelid::regclass::text AS "covered_by"
FROM pg_index AS shorter
JOIN pg_index AS longer ON longer.indrelid = shorter.indrelid AND longer.indexrelid <> shorter.indexrelid
JOIN pg_class AS shorter_class ON shorter_class.oid = shorter.indexrelid
JOIN pg_class AS longer_class ON longer_class.oid = longer.indexrelid
JOIN pg_am AS shorter_method ON shorter_method.oid = shorter_class.relam
JOIN pg_am AS longer_method ON longer_method.oid = longer_class.relam
JOIN pg_namespace ON pg_namespace.oid = shorter_class.relnamespace
WHERE pg_namespace.nspname = 'public'
  AND shorter_method.amname = 'btree' AND longer_method.amname = 'btree'
  AND NOT shorter.indisunique AND shorter.indpred IS NULL AND longer.indpred IS NULL
  AND (longer.indkey::text || ' ') LIKE (shorter.indkey::text || ' %')
ORDER BY 1
"""


async def test_every_foreign_key_leads_an_index(database: str) -> None:
    rows = await connections.get(db.dialect_of(database)).execute_query_dict(UNINDEXED_FOREIGN_KEYS)

    assert rows == []


async def test_no_index_repeats_the_leading_columns_of_another(database: str) -> None:
    rows = await connections.get(db.dialect_of(database)).execute_query_dict(REDUNDANT_INDEXES)

    assert rows == []
