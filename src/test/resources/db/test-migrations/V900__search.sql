-- Full-text search over documents, kept in step by triggers: each trigger
-- body holds several statements, each ending in ';'.
CREATE VIRTUAL TABLE documents_search USING fts5(title, body, content='documents', content_rowid='id');

CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TRIGGER documents_search_update AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_search (documents_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO documents_search (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

INSERT INTO documents_search (documents_search) VALUES ('rebuild');

-- A string with a comment marker and a semicolon inside stays as written.
CREATE TABLE migration_notes (note TEXT NOT NULL);
INSERT INTO migration_notes (note) VALUES ('keep -- this; and this');
