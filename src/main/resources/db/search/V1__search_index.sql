-- The search index (spec section 16), in a file of its own beside the
-- database (mcq.db gives mcq.search.db). It is derived data: everything in it
-- is read from the database, so it is never backed up and never migrated with
-- care; a new schema may drop and rebuild it.
--
-- Why a second file: FTS5 tokenises a document's whole text on every change,
-- several milliseconds for a long one. Done in the push's own transaction it
-- would hold the database's one write lock that long and slow every push.
-- search.SearchService indexes in the background instead, and brings the index
-- up to date before each search, so a search still sees every acknowledged
-- change. At start it compares the index with the database, which also
-- rebuilds it after a restore.

-- What the index holds for each document: the revision whose title and body
-- are indexed, and a fingerprint of the comments and replies indexed.
CREATE TABLE indexed (
    id       INTEGER PRIMARY KEY,        -- documents.id in the database; the rowid in document_text
    slug     TEXT    NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    comments TEXT    NOT NULL            -- "count:newest id" of comments, then of replies
);

-- unicode61 folds case and, with remove_diacritics 2, accents: "resume"
-- finds "Résumé". Columns in the order bm25 weights them.
CREATE VIRTUAL TABLE document_text USING fts5(
    title, body, comments,
    tokenize = 'unicode61 remove_diacritics 2'
);
