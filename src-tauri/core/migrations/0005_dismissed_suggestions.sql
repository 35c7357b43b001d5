-- Schema version 5: suggestions an analyst dismissed, so that they do not come back for that
-- analyst on that article. A dismissal names the span and the words it covered; if the article's
-- text no longer has those words there, the dismissal no longer applies.

CREATE TABLE dismissed_suggestions (
    article_id   TEXT NOT NULL REFERENCES articles (id),
    annotator_id TEXT NOT NULL REFERENCES annotators (id),
    kind         TEXT NOT NULL CHECK (kind IN ('figure', 'quote')),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    exact        TEXT NOT NULL,
    dismissed_at TEXT NOT NULL,
    PRIMARY KEY (article_id, annotator_id, kind, start, "end")
) STRICT, WITHOUT ROWID;
