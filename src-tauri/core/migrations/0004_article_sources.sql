-- Schema version 4: how an imported article was read, for provenance. One row per article
-- created by the importer; pasted articles and articles imported before this version have none.
-- `lossy` marks text in which undecodable bytes were replaced by U+FFFD at the analyst's request.

CREATE TABLE article_sources (
    article_id         TEXT PRIMARY KEY NOT NULL REFERENCES articles (id),
    format             TEXT NOT NULL CHECK (format IN ('paste', 'text', 'markdown', 'html', 'jsonl', 'csv')),
    encoding           TEXT NOT NULL,
    lossy              INTEGER NOT NULL CHECK (lossy IN (0, 1)),
    replacements       INTEGER NOT NULL DEFAULT 0 CHECK (replacements >= 0),
    first_invalid_byte INTEGER CHECK (first_invalid_byte IS NULL OR first_invalid_byte >= 0),
    CHECK (lossy = 1 OR (replacements = 0 AND first_invalid_byte IS NULL))
) STRICT, WITHOUT ROWID;
