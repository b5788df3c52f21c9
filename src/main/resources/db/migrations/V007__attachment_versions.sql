-- Attachments belong to the revisions that reference them (spec section 18).
--
-- V006 kept one row per document and file name, and a new upload replaced
-- it: an old revision's page then showed the new image. Here every upload
-- of new bytes under a name is a version of its own, with its own bytes,
-- hash, type and who/when; an upload of the bytes the name already has
-- reuses that version.
--
-- Which version a revision shows: revision r shows, for each name, the
-- latest version uploaded before the revision after r was pushed (for the
-- current revision, the latest version). The order of uploads and pushes is
-- recorded as the document's revision number at upload time (from_revision)
-- rather than compared by clock: uploads and pushes of a database run one at
-- a time (db.SqliteAttachmentStore), so the number is exact where two
-- timestamps could tie, and it survives the pruning of the revision after r.
-- "Uploaded before revision r + 1 was pushed" is then from_revision <= r.
-- Versions are numbered by id in upload order, so within a name a later id
-- never has a smaller from_revision.
--
-- Which versions are kept: a version stays while some kept revision
-- mentions its name and resolves to it, and the latest version of a name
-- stays while it waits for the push that links to it (it was last uploaded
-- after the current revision was pushed: last_uploaded_revision is the
-- current revision). The others are removed after each push that stores a
-- revision and at each upload. Files still go with their document, and
-- deleting a file by name deletes all its versions.
CREATE TABLE attachment_versions (
    id                     INTEGER PRIMARY KEY,  -- upload order
    document_id            INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    name                   TEXT    NOT NULL,     -- up to 4 folders and a file name, e.g. img/flow.png
    from_revision          INTEGER NOT NULL,     -- the document's revision when these bytes were first uploaded
    last_uploaded_revision INTEGER NOT NULL,     -- its revision at the latest upload of the same bytes
    media_type             TEXT    NOT NULL,
    sha256                 TEXT    NOT NULL,     -- of the bytes, lower-case hex
    size                   INTEGER NOT NULL,     -- length of the bytes
    added_by               TEXT    NOT NULL,
    added_at               INTEGER NOT NULL,     -- Unix epoch milliseconds, UTC
    bytes                  BLOB    NOT NULL      -- last, so listings skip its pages
);

-- Every read asks for one document's versions of a name, newest first.
CREATE INDEX attachment_versions_of_name ON attachment_versions (document_id, name, id);

-- V006's files become the first versions of their names. Their earlier
-- bytes were not kept and every revision showed them, so they count as
-- uploaded before the first revision (from_revision 0): every revision
-- still shows them. last_uploaded_revision keeps V006's rule for a file
-- uploaded after the current revision was pushed (it waits for the push
-- that links to it).
INSERT INTO attachment_versions (document_id, name, from_revision, last_uploaded_revision, media_type, sha256,
                                 size, added_by, added_at, bytes)
SELECT a.document_id, a.name, 0,
       CASE WHEN a.added_at >= d.pushed_at THEN d.revision ELSE 0 END,
       a.media_type, a.sha256, a.size, a.added_by, a.added_at, a.bytes
FROM attachments a JOIN documents d ON d.id = a.document_id
ORDER BY a.id;

DROP TABLE attachments;
