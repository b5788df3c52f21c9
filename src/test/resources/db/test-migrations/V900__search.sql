-- Full-text search over document titles, kept in step by triggers: each trigger
-- body holds several statements, each ending in ';'.
CREATE VIRTUAL TABLE documents_search USING fts5(slug, title, content='documents', content_rowid='id');

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_search (rowid, slug, title) VALUES (new.id, new.slug, new.title);
END;

CREATE TRIGGER documents_search_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_search (documents_search, rowid, slug, title) VALUES ('delete', old.id, old.slug, old.title);
    INSERT INTO documents_search (rowid, slug, title) VALUES (new.id, new.slug, new.title);
END;

INSERT INTO documents_search (documents_search) VALUES ('rebuild');

-- A string with a comment marker and a semicolon inside stays as written.
CREATE TABLE migration_notes (note TEXT NOT NULL);
INSERT INTO migration_notes (note) VALUES ('keep -- this; and this');
