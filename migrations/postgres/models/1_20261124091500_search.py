"""Full-text search over message content: a stored generated tsvector with a GIN index.

Hand-written: aerich cannot describe a generated tsvector column (stack notes), and the models do not carry it,
so SQLite never sees it.
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "correspondence" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('norwegian', coalesce("message_title", '')), 'A')
            || setweight(to_tsvector('norwegian', coalesce("message_summary", '')), 'B')
            || setweight(to_tsvector('norwegian', coalesce("message_body", '')), 'B')
        ) STORED;
        CREATE INDEX IF NOT EXISTS "idx_correspondence_search" ON "correspondence" USING GIN ("search_vector");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_correspondence_search";
        ALTER TABLE "correspondence" DROP COLUMN IF EXISTS "search_vector";"""
