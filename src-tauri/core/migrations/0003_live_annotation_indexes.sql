-- Schema version 3: the annotation table over a million rows counts and pages live annotations
-- from these small covering indexes instead of reading every row (with its quote and context).
CREATE INDEX annotations_live_by_created ON annotations (created_at, article_id) WHERE deleted_at IS NULL;
CREATE INDEX annotations_live_by_updated ON annotations (updated_at, article_id) WHERE deleted_at IS NULL;
-- Deleted articles are few; listings exclude them through this small index.
CREATE INDEX articles_deleted ON articles (deleted_at) WHERE deleted_at IS NOT NULL;
