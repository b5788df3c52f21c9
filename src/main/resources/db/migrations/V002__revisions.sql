-- Revisions and per-reviewer read state (spec section 14).
--
-- Every push that changes the title or the body appends a revision; the
-- documents row keeps the current revision's number and title (for the
-- queue), and the body lives only in its revision, so a push writes it once. Revisions are never updated; pruning
-- (limits.max_revisions) deletes old ones that nothing points to.
-- The body is the last column: SQLite reads a row's columns in order, so
-- the hash, size and who/when can be read without walking a large body's
-- overflow pages.
CREATE TABLE revisions (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    pushed_by   TEXT    NOT NULL,
    pushed_at   INTEGER NOT NULL,            -- Unix epoch milliseconds, UTC
    body_sha256 TEXT    NOT NULL,            -- lower-case hex; filled by V003 for Part I rows
    body_bytes  INTEGER NOT NULL,            -- UTF-8 length of the body
    body        TEXT    NOT NULL,
    PRIMARY KEY (document_id, revision)
);

-- Which revision each account last marked read. `human` is 0 for system
-- accounts (agents): their marks never count as "a person read it".
-- The username '' holds a Part I read mark, whose reader was not recorded:
-- it counts as read by everyone until the next revision.
CREATE TABLE read_markers (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    username    TEXT    NOT NULL,
    human       INTEGER NOT NULL CHECK (human IN (0, 1)),
    revision    INTEGER NOT NULL,
    read_at     INTEGER NOT NULL,
    PRIMARY KEY (document_id, username)
);

-- Part I documents become histories of one revision: their current one.
INSERT INTO revisions (document_id, revision, title, body, pushed_by, pushed_at, body_sha256, body_bytes)
SELECT id, revision, title, body, pushed_by, pushed_at, '', length(CAST(body AS BLOB)) FROM documents;

INSERT INTO read_markers (document_id, username, human, revision, read_at)
SELECT id, '', 1, revision, coalesce(read_at, pushed_at) FROM documents WHERE read = 1;

-- Read state now lives in read_markers; the queue order depends on the caller.
DROP INDEX documents_queue;
ALTER TABLE documents DROP COLUMN read_at;
ALTER TABLE documents DROP COLUMN read;
ALTER TABLE documents DROP COLUMN body;
CREATE INDEX documents_pushed ON documents (pushed_at DESC);
