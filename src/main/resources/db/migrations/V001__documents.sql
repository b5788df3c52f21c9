-- Documents: the review queue. One row per slug; a re-push replaces the
-- content in place and bumps `revision`.
--
-- Room to grow without rewriting this table:
--   * revisions: a `document_revisions(document_id REFERENCES documents(id),
--     revision, title, body, pushed_by, pushed_at)` table keyed by the
--     integer id and the revision counter below ("what changed since you
--     last read it" compares the revision read with the current one).
--   * review comments: `comments(document_id REFERENCES documents(id) ...)`.
--   * full-text search: an FTS5 table with `content='documents'` over
--     title and body, kept in step by triggers.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    pushed_by   TEXT    NOT NULL,
    pushed_at   INTEGER NOT NULL,            -- Unix epoch milliseconds, UTC
    read        INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    read_at     INTEGER,                     -- NULL while unread
    created_at  INTEGER NOT NULL,
    revision    INTEGER NOT NULL DEFAULT 1   -- 1 on first push, +1 per re-push
);

-- The queue order: unread first, then newest.
CREATE INDEX documents_queue ON documents (read, pushed_at DESC);
