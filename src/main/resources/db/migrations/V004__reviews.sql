-- Reviews (spec section 15): comments with their replies, and verdicts.
--
-- A comment belongs to the revision it was written on. An anchored comment
-- keeps the passage as the reviewer saw it (quote, a little text before and
-- after, source lines); a general comment has NULL in all five. Where the
-- passage is in a later revision is not stored: it is worked out when the
-- comments are read, from the quote and its context, so a push never has to
-- rewrite comments. Times are Unix epoch milliseconds, UTC.
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('comment', 'replacement', 'deletion')),
    quote       TEXT,
    prefix      TEXT,
    suffix      TEXT,
    start_line  INTEGER,
    end_line    INTEGER,
    text        TEXT    NOT NULL,
    replacement TEXT,                        -- only for kind 'replacement'
    author      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_by TEXT,                        -- NULL while open
    resolved_at INTEGER
);

-- Comments are always read per document (the reader, feedback), oldest first.
CREATE INDEX comments_of_document ON comments (document_id, id);

-- A thread's replies go with their comment.
CREATE TABLE replies (
    id         INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    author     TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX replies_of_comment ON replies (comment_id, id);

-- Every verdict is kept; the latest one on a revision (highest id) is its
-- review status. A revision without a verdict is pending.
CREATE TABLE verdicts (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('approve', 'request_changes')),
    summary     TEXT,
    reviewer    TEXT    NOT NULL,
    at          INTEGER NOT NULL
);

-- The queue asks for the latest verdict of each document's current revision.
CREATE INDEX verdicts_of_revision ON verdicts (document_id, revision, id);
