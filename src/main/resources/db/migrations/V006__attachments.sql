-- Attachments (spec section 18): the images a document's Markdown links to
-- by a relative name (![flow](diagram.png)).
--
-- One row per document and file name; a new upload of a name replaces the
-- row. media_type is the type found in the bytes (never a client's claim)
-- and is what MCQ serves. Which files are kept: a file stays while the body
-- of any kept revision mentions its name, or when it was uploaded after the
-- current revision was pushed; the others are removed after the next push
-- that stores a revision and before each upload (db.SqliteAttachmentStore).
-- Files go with their document. Times are Unix epoch milliseconds, UTC.
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    media_type  TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,            -- of the bytes, lower-case hex
    size        INTEGER NOT NULL,            -- length of the bytes
    added_by    TEXT    NOT NULL,
    added_at    INTEGER NOT NULL,
    bytes       BLOB    NOT NULL,            -- last, so listings skip its pages
    UNIQUE (document_id, name)
);
