-- Schema version 8: syncing with the team's PostgreSQL server, and assignments.
--
-- A file joined to a project (one `sync_link` row) records every local change to a synced table
-- in `sync_outbox`, in the same transaction, by the triggers below: which row, which fields, and
-- the server version the change was based on. The values are read when the op is pushed. Rows
-- the server sends are applied with `applying = 1`, so that they are not sent back. A file that
-- is not joined records nothing.

CREATE TABLE sync_link (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    server       TEXT NOT NULL,             -- the address without its password
    project_id   TEXT NOT NULL,
    project_name TEXT NOT NULL,
    analyst_id   TEXT NOT NULL,             -- the analyst this file writes as on the server
    device_id    TEXT NOT NULL,             -- this file, so that its own ops never conflict
    cursor       INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
    applying     INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    joined_at    TEXT NOT NULL,
    synced_at    TEXT
) STRICT;

CREATE TABLE sync_outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id        TEXT NOT NULL UNIQUE,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    changed      TEXT NOT NULL,             -- JSON array of field names; ["*"] for a new row
    base_version INTEGER NOT NULL,
    sending      INTEGER NOT NULL DEFAULT 0 CHECK (sending IN (0, 1))
) STRICT;
CREATE INDEX sync_outbox_by_row ON sync_outbox (entity, entity_id);

-- The server version of each row as last pulled: the base of the next local change to it.
CREATE TABLE sync_rows (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    version   INTEGER NOT NULL,
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;

-- Rows pulled before the rows they refer to (an annotation whose article changed later, so
-- comes later), kept until those arrive; never dropped.
CREATE TABLE sync_parked (
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    fields      TEXT NOT NULL,
    row_version INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
) STRICT, WITHOUT ROWID;

-- A change the server did not apply because someone else had changed the same fields since
-- its base: the values at the base, ours (the change that came second), theirs (what the server
-- kept), and both analysts. A reviewer keeps theirs or takes ours.
CREATE TABLE sync_conflicts (
    id           TEXT PRIMARY KEY NOT NULL,
    entity       TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    fields       TEXT NOT NULL,
    base_json    TEXT NOT NULL,
    ours_json    TEXT NOT NULL,
    theirs_json  TEXT NOT NULL,
    our_author   TEXT,
    their_author TEXT,
    found_at     TEXT NOT NULL,
    resolution   TEXT CHECK (resolution IS NULL OR resolution IN ('kept_theirs', 'took_ours')),
    resolver_id  TEXT,
    resolved_at  TEXT
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts (found_at) WHERE resolution IS NULL;
CREATE INDEX sync_conflicts_by_row ON sync_conflicts (entity, entity_id);

-- Who should annotate which article. Two analysts on one article give agreement figures.
CREATE TABLE assignments (
    id           TEXT PRIMARY KEY NOT NULL,
    article_id   TEXT NOT NULL REFERENCES articles (id),
    annotator_id TEXT NOT NULL REFERENCES annotators (id),
    assigned_by  TEXT NOT NULL,
    assigned_at  TEXT NOT NULL,
    done_at      TEXT,
    removed_at   TEXT
) STRICT;
CREATE UNIQUE INDEX assignments_live ON assignments (article_id, annotator_id) WHERE removed_at IS NULL;
CREATE INDEX assignments_by_annotator ON assignments (annotator_id) WHERE removed_at IS NULL;

-- A UUIDv7 for an op: 48 bits of Unix milliseconds, version 7, the variant, random bits.
CREATE VIEW sync_new_op_id AS
SELECT lower(printf('%08x', ms / 65536) || '-' || printf('%04x', ms % 65536) || '-7'
       || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1)
       || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6))) AS id
FROM (SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS ms);

-- Tags travel as a field of their annotation: a tag change joins the annotation's op of the
-- same change when that op is not yet being sent, else makes one of its own.
CREATE TRIGGER annotation_tags_outbox_insert AFTER INSERT ON annotation_tags
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    UPDATE sync_outbox SET changed = json_insert(changed, '$[#]', 'tags')
    WHERE seq = (SELECT max(seq) FROM sync_outbox) AND entity = 'annotation'
      AND entity_id = NEW.annotation_id AND sending = 0
      AND NOT EXISTS (SELECT 1 FROM json_each(changed) WHERE value IN ('tags', '*'));
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    SELECT (SELECT id FROM sync_new_op_id), 'annotation', NEW.annotation_id, '["tags"]',
           coalesce((SELECT version FROM sync_rows WHERE entity = 'annotation' AND entity_id = NEW.annotation_id), 0)
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE seq = (SELECT max(seq) FROM sync_outbox)
                      AND entity = 'annotation' AND entity_id = NEW.annotation_id AND sending = 0);
END;

CREATE TRIGGER annotation_tags_outbox_delete AFTER DELETE ON annotation_tags
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    UPDATE sync_outbox SET changed = json_insert(changed, '$[#]', 'tags')
    WHERE seq = (SELECT max(seq) FROM sync_outbox) AND entity = 'annotation'
      AND entity_id = OLD.annotation_id AND sending = 0
      AND NOT EXISTS (SELECT 1 FROM json_each(changed) WHERE value IN ('tags', '*'));
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    SELECT (SELECT id FROM sync_new_op_id), 'annotation', OLD.annotation_id, '["tags"]',
           coalesce((SELECT version FROM sync_rows WHERE entity = 'annotation' AND entity_id = OLD.annotation_id), 0)
    WHERE NOT EXISTS (SELECT 1 FROM sync_outbox WHERE seq = (SELECT max(seq) FROM sync_outbox)
                      AND entity = 'annotation' AND entity_id = OLD.annotation_id AND sending = 0);
END;

-- One trigger per synced table and kind of change. An update records the fields whose value
-- changed; an update that changes nothing records nothing.
CREATE TRIGGER articles_outbox_insert AFTER INSERT ON articles
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'article', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'article' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER articles_outbox_update AFTER UPDATE ON articles
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.title IS NOT NEW.title
     OR OLD.outlet IS NOT NEW.outlet
     OR OLD.author IS NOT NEW.author
     OR OLD.published IS NOT NEW.published
     OR OLD.url IS NOT NEW.url
     OR OLD.language IS NOT NEW.language
     OR OLD.captured_at IS NOT NEW.captured_at
     OR OLD.source_kind IS NOT NEW.source_kind
     OR OLD.source_name IS NOT NEW.source_name
     OR OLD.original_bytes IS NOT NEW.original_bytes
     OR OLD.text IS NOT NEW.text
     OR OLD.text_sha256 IS NOT NEW.text_sha256
     OR OLD.char_count IS NOT NEW.char_count
     OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'article', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'title' AS c WHERE OLD.title IS NOT NEW.title
        UNION ALL SELECT 'outlet' WHERE OLD.outlet IS NOT NEW.outlet
        UNION ALL SELECT 'author' WHERE OLD.author IS NOT NEW.author
        UNION ALL SELECT 'published' WHERE OLD.published IS NOT NEW.published
        UNION ALL SELECT 'url' WHERE OLD.url IS NOT NEW.url
        UNION ALL SELECT 'language' WHERE OLD.language IS NOT NEW.language
        UNION ALL SELECT 'captured_at' WHERE OLD.captured_at IS NOT NEW.captured_at
        UNION ALL SELECT 'source_kind' WHERE OLD.source_kind IS NOT NEW.source_kind
        UNION ALL SELECT 'source_name' WHERE OLD.source_name IS NOT NEW.source_name
        UNION ALL SELECT 'original_bytes' WHERE OLD.original_bytes IS NOT NEW.original_bytes
        UNION ALL SELECT 'text' WHERE OLD.text IS NOT NEW.text
        UNION ALL SELECT 'text_sha256' WHERE OLD.text_sha256 IS NOT NEW.text_sha256
        UNION ALL SELECT 'char_count' WHERE OLD.char_count IS NOT NEW.char_count
        UNION ALL SELECT 'deleted_at' WHERE OLD.deleted_at IS NOT NEW.deleted_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'article' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER article_sources_outbox_insert AFTER INSERT ON article_sources
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'article_source', NEW.article_id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'article_source' AND entity_id = NEW.article_id), 0));
END;

CREATE TRIGGER article_sources_outbox_update AFTER UPDATE ON article_sources
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.format IS NOT NEW.format
     OR OLD.encoding IS NOT NEW.encoding
     OR OLD.lossy IS NOT NEW.lossy
     OR OLD.replacements IS NOT NEW.replacements
     OR OLD.first_invalid_byte IS NOT NEW.first_invalid_byte)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'article_source', NEW.article_id, (SELECT json_group_array(c) FROM (
        SELECT 'format' AS c WHERE OLD.format IS NOT NEW.format
        UNION ALL SELECT 'encoding' WHERE OLD.encoding IS NOT NEW.encoding
        UNION ALL SELECT 'lossy' WHERE OLD.lossy IS NOT NEW.lossy
        UNION ALL SELECT 'replacements' WHERE OLD.replacements IS NOT NEW.replacements
        UNION ALL SELECT 'first_invalid_byte' WHERE OLD.first_invalid_byte IS NOT NEW.first_invalid_byte)), coalesce((SELECT version FROM sync_rows WHERE entity = 'article_source' AND entity_id = NEW.article_id), 0));
END;

CREATE TRIGGER labels_outbox_insert AFTER INSERT ON labels
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'label', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'label' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER labels_outbox_update AFTER UPDATE ON labels
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.name IS NOT NEW.name
     OR OLD.kind IS NOT NEW.kind
     OR OLD.color IS NOT NEW.color
     OR OLD.hotkey IS NOT NEW.hotkey
     OR OLD.builtin IS NOT NEW.builtin
     OR OLD.created_at IS NOT NEW.created_at
     OR OLD.updated_at IS NOT NEW.updated_at
     OR OLD.retired_at IS NOT NEW.retired_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'label', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'name' AS c WHERE OLD.name IS NOT NEW.name
        UNION ALL SELECT 'kind' WHERE OLD.kind IS NOT NEW.kind
        UNION ALL SELECT 'color' WHERE OLD.color IS NOT NEW.color
        UNION ALL SELECT 'hotkey' WHERE OLD.hotkey IS NOT NEW.hotkey
        UNION ALL SELECT 'builtin' WHERE OLD.builtin IS NOT NEW.builtin
        UNION ALL SELECT 'created_at' WHERE OLD.created_at IS NOT NEW.created_at
        UNION ALL SELECT 'updated_at' WHERE OLD.updated_at IS NOT NEW.updated_at
        UNION ALL SELECT 'retired_at' WHERE OLD.retired_at IS NOT NEW.retired_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'label' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER annotations_outbox_insert AFTER INSERT ON annotations
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'annotation', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'annotation' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER annotations_outbox_update AFTER UPDATE ON annotations
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.article_id IS NOT NEW.article_id
     OR OLD.label_id IS NOT NEW.label_id
     OR OLD.start IS NOT NEW.start
     OR OLD."end" IS NOT NEW."end"
     OR OLD.exact IS NOT NEW.exact
     OR OLD.prefix IS NOT NEW.prefix
     OR OLD.suffix IS NOT NEW.suffix
     OR OLD.speaker IS NOT NEW.speaker
     OR OLD.figure_value IS NOT NEW.figure_value
     OR OLD.currency IS NOT NEW.currency
     OR OLD.unit IS NOT NEW.unit
     OR OLD.qualifier IS NOT NEW.qualifier
     OR OLD.verdict IS NOT NEW.verdict
     OR OLD.note IS NOT NEW.note
     OR OLD.annotator_id IS NOT NEW.annotator_id
     OR OLD.created_at IS NOT NEW.created_at
     OR OLD.updated_at IS NOT NEW.updated_at
     OR OLD.review_state IS NOT NEW.review_state
     OR OLD.reviewer_id IS NOT NEW.reviewer_id
     OR OLD.reviewed_at IS NOT NEW.reviewed_at
     OR OLD.deleted_at IS NOT NEW.deleted_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'annotation', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'article_id' AS c WHERE OLD.article_id IS NOT NEW.article_id
        UNION ALL SELECT 'label_id' WHERE OLD.label_id IS NOT NEW.label_id
        UNION ALL SELECT 'start' WHERE OLD.start IS NOT NEW.start
        UNION ALL SELECT 'end' WHERE OLD."end" IS NOT NEW."end"
        UNION ALL SELECT 'exact' WHERE OLD.exact IS NOT NEW.exact
        UNION ALL SELECT 'prefix' WHERE OLD.prefix IS NOT NEW.prefix
        UNION ALL SELECT 'suffix' WHERE OLD.suffix IS NOT NEW.suffix
        UNION ALL SELECT 'speaker' WHERE OLD.speaker IS NOT NEW.speaker
        UNION ALL SELECT 'figure_value' WHERE OLD.figure_value IS NOT NEW.figure_value
        UNION ALL SELECT 'currency' WHERE OLD.currency IS NOT NEW.currency
        UNION ALL SELECT 'unit' WHERE OLD.unit IS NOT NEW.unit
        UNION ALL SELECT 'qualifier' WHERE OLD.qualifier IS NOT NEW.qualifier
        UNION ALL SELECT 'verdict' WHERE OLD.verdict IS NOT NEW.verdict
        UNION ALL SELECT 'note' WHERE OLD.note IS NOT NEW.note
        UNION ALL SELECT 'annotator_id' WHERE OLD.annotator_id IS NOT NEW.annotator_id
        UNION ALL SELECT 'created_at' WHERE OLD.created_at IS NOT NEW.created_at
        UNION ALL SELECT 'updated_at' WHERE OLD.updated_at IS NOT NEW.updated_at
        UNION ALL SELECT 'review_state' WHERE OLD.review_state IS NOT NEW.review_state
        UNION ALL SELECT 'reviewer_id' WHERE OLD.reviewer_id IS NOT NEW.reviewer_id
        UNION ALL SELECT 'reviewed_at' WHERE OLD.reviewed_at IS NOT NEW.reviewed_at
        UNION ALL SELECT 'deleted_at' WHERE OLD.deleted_at IS NOT NEW.deleted_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'annotation' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER review_decisions_outbox_insert AFTER INSERT ON review_decisions
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'review_decision', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'review_decision' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER review_decisions_outbox_update AFTER UPDATE ON review_decisions
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.annotation_id IS NOT NEW.annotation_id
     OR OLD.reviewer_id IS NOT NEW.reviewer_id
     OR OLD.decision IS NOT NEW.decision
     OR OLD.comment IS NOT NEW.comment
     OR OLD.decided_at IS NOT NEW.decided_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'review_decision', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'annotation_id' AS c WHERE OLD.annotation_id IS NOT NEW.annotation_id
        UNION ALL SELECT 'reviewer_id' WHERE OLD.reviewer_id IS NOT NEW.reviewer_id
        UNION ALL SELECT 'decision' WHERE OLD.decision IS NOT NEW.decision
        UNION ALL SELECT 'comment' WHERE OLD.comment IS NOT NEW.comment
        UNION ALL SELECT 'decided_at' WHERE OLD.decided_at IS NOT NEW.decided_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'review_decision' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER history_outbox_insert AFTER INSERT ON history
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'history', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'history' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER settings_outbox_insert AFTER INSERT ON settings
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'setting', NEW.key, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'setting' AND entity_id = NEW.key), 0));
END;

CREATE TRIGGER settings_outbox_update AFTER UPDATE ON settings
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.value IS NOT NEW.value)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'setting', NEW.key, (SELECT json_group_array(c) FROM (
        SELECT 'value' AS c WHERE OLD.value IS NOT NEW.value)), coalesce((SELECT version FROM sync_rows WHERE entity = 'setting' AND entity_id = NEW.key), 0));
END;

CREATE TRIGGER assignments_outbox_insert AFTER INSERT ON assignments
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'assignment', NEW.id, '["*"]', coalesce((SELECT version FROM sync_rows WHERE entity = 'assignment' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER assignments_outbox_update AFTER UPDATE ON assignments
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.article_id IS NOT NEW.article_id
     OR OLD.annotator_id IS NOT NEW.annotator_id
     OR OLD.assigned_by IS NOT NEW.assigned_by
     OR OLD.assigned_at IS NOT NEW.assigned_at
     OR OLD.done_at IS NOT NEW.done_at
     OR OLD.removed_at IS NOT NEW.removed_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'assignment', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'article_id' AS c WHERE OLD.article_id IS NOT NEW.article_id
        UNION ALL SELECT 'annotator_id' WHERE OLD.annotator_id IS NOT NEW.annotator_id
        UNION ALL SELECT 'assigned_by' WHERE OLD.assigned_by IS NOT NEW.assigned_by
        UNION ALL SELECT 'assigned_at' WHERE OLD.assigned_at IS NOT NEW.assigned_at
        UNION ALL SELECT 'done_at' WHERE OLD.done_at IS NOT NEW.done_at
        UNION ALL SELECT 'removed_at' WHERE OLD.removed_at IS NOT NEW.removed_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'assignment' AND entity_id = NEW.id), 0));
END;

CREATE TRIGGER sync_conflicts_outbox_update AFTER UPDATE ON sync_conflicts
WHEN EXISTS (SELECT 1 FROM sync_link WHERE applying = 0)
 AND (OLD.entity IS NOT NEW.entity
     OR OLD.entity_id IS NOT NEW.entity_id
     OR OLD.fields IS NOT NEW.fields
     OR OLD.base_json IS NOT NEW.base_json
     OR OLD.ours_json IS NOT NEW.ours_json
     OR OLD.theirs_json IS NOT NEW.theirs_json
     OR OLD.our_author IS NOT NEW.our_author
     OR OLD.their_author IS NOT NEW.their_author
     OR OLD.found_at IS NOT NEW.found_at
     OR OLD.resolution IS NOT NEW.resolution
     OR OLD.resolver_id IS NOT NEW.resolver_id
     OR OLD.resolved_at IS NOT NEW.resolved_at)
BEGIN
    INSERT INTO sync_outbox (op_id, entity, entity_id, changed, base_version)
    VALUES ((SELECT id FROM sync_new_op_id), 'sync_conflict', NEW.id, (SELECT json_group_array(c) FROM (
        SELECT 'entity' AS c WHERE OLD.entity IS NOT NEW.entity
        UNION ALL SELECT 'entity_id' WHERE OLD.entity_id IS NOT NEW.entity_id
        UNION ALL SELECT 'fields' WHERE OLD.fields IS NOT NEW.fields
        UNION ALL SELECT 'base_json' WHERE OLD.base_json IS NOT NEW.base_json
        UNION ALL SELECT 'ours_json' WHERE OLD.ours_json IS NOT NEW.ours_json
        UNION ALL SELECT 'theirs_json' WHERE OLD.theirs_json IS NOT NEW.theirs_json
        UNION ALL SELECT 'our_author' WHERE OLD.our_author IS NOT NEW.our_author
        UNION ALL SELECT 'their_author' WHERE OLD.their_author IS NOT NEW.their_author
        UNION ALL SELECT 'found_at' WHERE OLD.found_at IS NOT NEW.found_at
        UNION ALL SELECT 'resolution' WHERE OLD.resolution IS NOT NEW.resolution
        UNION ALL SELECT 'resolver_id' WHERE OLD.resolver_id IS NOT NEW.resolver_id
        UNION ALL SELECT 'resolved_at' WHERE OLD.resolved_at IS NOT NEW.resolved_at)), coalesce((SELECT version FROM sync_rows WHERE entity = 'sync_conflict' AND entity_id = NEW.id), 0));
END;
