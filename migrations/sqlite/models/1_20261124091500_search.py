"""Full-text search over message content: an external-content FTS5 table kept in step by triggers.

Hand-written: aerich cannot describe virtual tables or triggers. The FTS rows are keyed by the correspondence
table's rowid, which is stable as long as nobody runs VACUUM on the file (the service never does).
"""

from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE VIRTUAL TABLE IF NOT EXISTS "correspondence_fts" USING fts5(
            message_title, message_summary, message_body,
            content='correspondence', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER IF NOT EXISTS "correspondence_fts_insert" AFTER INSERT ON "correspondence" BEGIN
            INSERT INTO correspondence_fts(rowid, message_title, message_summary, message_body)
            VALUES (new.rowid, new.message_title, coalesce(new.message_summary, ''), new.message_body);
        END;
        CREATE TRIGGER IF NOT EXISTS "correspondence_fts_delete" AFTER DELETE ON "correspondence" BEGIN
            INSERT INTO correspondence_fts(correspondence_fts, rowid, message_title, message_summary, message_body)
            VALUES ('delete', old.rowid, old.message_title, coalesce(old.message_summary, ''), old.message_body);
        END;
        CREATE TRIGGER IF NOT EXISTS "correspondence_fts_update"
        AFTER UPDATE OF message_title, message_summary, message_body ON "correspondence" BEGIN
            INSERT INTO correspondence_fts(correspondence_fts, rowid, message_title, message_summary, message_body)
            VALUES ('delete', old.rowid, old.message_title, coalesce(old.message_summary, ''), old.message_body);
            INSERT INTO correspondence_fts(rowid, message_title, message_summary, message_body)
            VALUES (new.rowid, new.message_title, coalesce(new.message_summary, ''), new.message_body);
        END;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TRIGGER IF EXISTS "correspondence_fts_update";
        DROP TRIGGER IF EXISTS "correspondence_fts_delete";
        DROP TRIGGER IF EXISTS "correspondence_fts_insert";
        DROP TABLE IF EXISTS "correspondence_fts";"""
