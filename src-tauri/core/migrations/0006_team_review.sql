-- Schema version 6: team review. Review decisions and comments (who, when, what), where each
-- merged annotation came from, and the conflicts a merge found for a reviewer to settle.

-- Every decision and comment on an annotation, oldest first. A decision sets the annotation's
-- review_state, reviewer_id and reviewed_at; a comment alone (decision NULL) changes nothing.
CREATE TABLE review_decisions (
    id            TEXT PRIMARY KEY NOT NULL,
    annotation_id TEXT NOT NULL REFERENCES annotations (id),
    reviewer_id   TEXT NOT NULL REFERENCES annotators (id),
    decision      TEXT CHECK (decision IS NULL OR decision IN ('pending', 'accepted', 'rejected')),
    comment       TEXT NOT NULL DEFAULT '',
    decided_at    TEXT NOT NULL,
    CHECK (decision IS NOT NULL OR length(trim(comment)) > 0)
) STRICT;
CREATE INDEX review_decisions_by_annotation ON review_decisions (annotation_id, decided_at);

-- The file an annotation was first merged from (its analyst is the annotation's annotator_id).
-- Annotations made in this file have no row.
CREATE TABLE annotation_origins (
    annotation_id TEXT PRIMARY KEY NOT NULL REFERENCES annotations (id),
    source_file   TEXT NOT NULL CHECK (length(source_file) > 0),
    merged_at     TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Two different versions of one annotation met in a merge: ours stays in `annotations`, theirs
-- is kept here (as the annotation's JSON) until a reviewer keeps ours or takes theirs.
CREATE TABLE merge_conflicts (
    id            TEXT PRIMARY KEY NOT NULL,
    annotation_id TEXT NOT NULL REFERENCES annotations (id),
    source_file   TEXT NOT NULL,
    theirs_json   TEXT NOT NULL,
    found_at      TEXT NOT NULL,
    resolution    TEXT CHECK (resolution IS NULL OR resolution IN ('kept_ours', 'took_theirs')),
    resolver_id   TEXT REFERENCES annotators (id),
    resolved_at   TEXT,
    CHECK ((resolution IS NULL) = (resolved_at IS NULL))
) STRICT;
CREATE INDEX merge_conflicts_by_annotation ON merge_conflicts (annotation_id);
CREATE INDEX merge_conflicts_open ON merge_conflicts (found_at) WHERE resolution IS NULL;
