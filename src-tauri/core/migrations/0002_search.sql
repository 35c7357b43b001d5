-- Schema version 2: full-text search over articles and annotations (SQLite FTS5).
-- unicode61 with remove_diacritics 2 folds case in every script and strips Latin diacritics, so
-- "depense" finds "dépensé"; Cyrillic and Arabic words are tokenised on the same rules.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles WHERE deleted_at IS NULL;

-- Kept in step by the store's own writes (annotations change together with their tags).
CREATE VIRTUAL TABLE annotations_fts USING fts5(
    exact, note, speaker, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO annotations_fts (rowid, exact, note, speaker, tags)
    SELECT a.rowid, a.exact, a.note, coalesce(a.speaker, ''),
           coalesce((SELECT group_concat(t.tag, ' ') FROM annotation_tags t WHERE t.annotation_id = a.id), '')
    FROM annotations a WHERE a.deleted_at IS NULL;

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles WHEN old.deleted_at IS NULL
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles
BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
        SELECT 'delete', old.rowid, old.title, old.text WHERE old.deleted_at IS NULL;
    INSERT INTO articles_fts (rowid, title, text)
        SELECT new.rowid, new.title, new.text WHERE new.deleted_at IS NULL;
END;

-- Sorting and filtering the library and the annotation table.
CREATE INDEX articles_by_published ON articles (published);
CREATE INDEX articles_by_outlet ON articles (outlet);
CREATE INDEX annotations_by_created ON annotations (created_at);
CREATE INDEX annotations_by_annotator ON annotations (annotator_id);
CREATE INDEX annotations_by_currency ON annotations (currency) WHERE currency IS NOT NULL;
