-- Schema version 1. Migrations are append-only: never edit a released file, add the next one.
-- PRAGMAs live in store::open, never here.

CREATE TABLE articles (
    id             TEXT PRIMARY KEY NOT NULL,
    title          TEXT NOT NULL,
    outlet         TEXT,
    author         TEXT,
    published      TEXT,
    url            TEXT,
    language       TEXT,
    captured_at    TEXT NOT NULL,
    source_kind    TEXT NOT NULL CHECK (source_kind IN ('paste', 'text', 'markdown', 'html')),
    source_name    TEXT,
    original_bytes BLOB NOT NULL,
    text           TEXT NOT NULL,
    text_sha256    TEXT NOT NULL CHECK (length(text_sha256) = 64),
    char_count     INTEGER NOT NULL CHECK (char_count >= 0),
    deleted_at     TEXT
) STRICT;
CREATE INDEX articles_by_text_sha256 ON articles (text_sha256);
CREATE INDEX articles_by_captured_at ON articles (captured_at);

CREATE TABLE labels (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('claim', 'quote', 'figure', 'custom')),
    color      TEXT NOT NULL CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    hotkey     TEXT CHECK (hotkey IS NULL OR length(hotkey) = 1),
    builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX labels_active_name ON labels (lower(name)) WHERE retired_at IS NULL;
CREATE UNIQUE INDEX labels_active_hotkey ON labels (hotkey) WHERE retired_at IS NULL AND hotkey IS NOT NULL;

-- Built-in labels carry the same ids in every file, so that teammates' files merge onto them.
INSERT INTO labels (id, name, kind, color, hotkey, builtin, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000001', 'claim',  'claim',  '#e9a23b', 'c', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000002', 'quote',  'quote',  '#4e9fd9', 'q', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('00000000-0000-7000-8000-000000000003', 'figure', 'figure', '#4fb06d', 'f', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

CREATE TABLE annotators (
    id         TEXT PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE annotations (
    id           TEXT PRIMARY KEY NOT NULL,
    article_id   TEXT NOT NULL REFERENCES articles (id),
    label_id     TEXT NOT NULL REFERENCES labels (id),
    start        INTEGER NOT NULL CHECK (start >= 0),
    "end"        INTEGER NOT NULL CHECK ("end" > start),
    exact        TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    suffix       TEXT NOT NULL,
    speaker      TEXT,
    figure_value TEXT,               -- exact decimal as text, never REAL
    currency     TEXT CHECK (currency IS NULL OR currency GLOB '[A-Z][A-Z][A-Z]'),
    unit         TEXT,
    qualifier    TEXT,
    verdict      TEXT,
    note         TEXT NOT NULL DEFAULT '',
    annotator_id TEXT NOT NULL REFERENCES annotators (id),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    review_state TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending', 'accepted', 'rejected')),
    reviewer_id  TEXT REFERENCES annotators (id),
    reviewed_at  TEXT,
    deleted_at   TEXT,
    CHECK (figure_value IS NOT NULL OR (currency IS NULL AND unit IS NULL AND qualifier IS NULL))
) STRICT;
CREATE INDEX annotations_by_article ON annotations (article_id, start);
CREATE INDEX annotations_by_label ON annotations (label_id);

CREATE TABLE annotation_tags (
    annotation_id TEXT NOT NULL REFERENCES annotations (id),
    position      INTEGER NOT NULL,
    tag           TEXT NOT NULL CHECK (length(tag) > 0),
    PRIMARY KEY (annotation_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag);

-- Team-wide settings that travel with the file (the verdict scale, for one).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
INSERT INTO settings (key, value) VALUES
    ('verdict_scale', '["true","mostly true","mixed","mostly false","false","unverifiable"]');

-- Every change is an event. Undo and redo are events too; the stacks are derived from this table.
CREATE TABLE history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL CHECK (entity IN ('article', 'annotation', 'label')),
    entity_id   TEXT NOT NULL,
    article_id  TEXT,                -- the article an annotation event belongs to, for undo
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'undo', 'redo')),
    reverts     TEXT REFERENCES history (id),
    actor_id    TEXT REFERENCES annotators (id),
    at          TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
) STRICT;
CREATE INDEX history_by_entity ON history (entity, entity_id);
CREATE INDEX history_by_actor_article ON history (actor_id, article_id, seq);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
