-- Older revisions kept as differences (spec section 14, limits.max_revisions).
--
-- The current body moves back to the documents row, where a push rewrites
-- it in place: SQLite then rewrites only the pages that changed and reuses
-- the same pages from push to push. A revision that is no longer current
-- keeps its body as a line delta from the next revision ('delta'), or whole
-- ('full') when the delta would not be much smaller, for every 32nd revision
-- (so rebuilding an old revision applies at most 31 deltas), and for a
-- revision a read mark keeps after the ones above it were pruned. The
-- current revision's row holds no body ('current'). Every rebuilt body is
-- checked against its body_sha256.
ALTER TABLE documents ADD COLUMN body TEXT NOT NULL DEFAULT '';

UPDATE documents SET body = (
    SELECT r.body FROM revisions r WHERE r.document_id = documents.id AND r.revision = documents.revision);

CREATE TABLE revisions_with_forms (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    pushed_by   TEXT    NOT NULL,
    pushed_at   INTEGER NOT NULL,            -- Unix epoch milliseconds, UTC
    body_sha256 TEXT    NOT NULL,            -- of the whole body, lower-case hex
    body_bytes  INTEGER NOT NULL,            -- UTF-8 length of the whole body
    body_form   TEXT    NOT NULL CHECK (body_form IN ('current', 'full', 'delta')),
    body        TEXT,                        -- NULL when current; last, so the columns above skip its pages
    PRIMARY KEY (document_id, revision),
    CHECK ((body_form = 'current') = (body IS NULL))
);

INSERT INTO revisions_with_forms
    (document_id, revision, title, pushed_by, pushed_at, body_sha256, body_bytes, body_form, body)
SELECT r.document_id, r.revision, r.title, r.pushed_by, r.pushed_at, r.body_sha256, r.body_bytes,
       CASE WHEN r.revision = d.revision THEN 'current' ELSE 'full' END,
       CASE WHEN r.revision = d.revision THEN NULL ELSE r.body END
FROM revisions r JOIN documents d ON d.id = r.document_id;

DROP TABLE revisions;
ALTER TABLE revisions_with_forms RENAME TO revisions;
