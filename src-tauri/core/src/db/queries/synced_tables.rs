//! Which tables travel to the team server, under which entity name, keyed how, with which
//! columns: the one list the outbox, the push and the pull all read. A test keeps it in step
//! with the schema, so a column added to a synced table cannot be left out of sync.

/// One synced table: its entity name on the server, its key and the columns that travel.
#[derive(Debug, Clone, Copy)]
pub struct SyncedTable {
    /// The entity's name on the server.
    pub entity: &'static str,
    /// The local table.
    pub table: &'static str,
    /// The key column (a UUID, or the setting's name).
    pub key: &'static str,
    /// Every column that travels, the key first.
    pub columns: &'static [&'static str],
    /// Rows are only ever added (history is append-only).
    pub insert_only: bool,
    /// Pushed by clients; `false` for rows only the server writes (analysts).
    pub pushed: bool,
}

/// Every synced table, parents before children (the order of a first push).
pub const SYNCED_TABLES: &[SyncedTable] = &[
    SyncedTable {
        entity: "annotator",
        table: "annotators",
        key: "id",
        columns: &["id", "name", "created_at"],
        insert_only: false,
        pushed: false,
    },
    SyncedTable {
        entity: "article",
        table: "articles",
        key: "id",
        columns: &[
            "id",
            "title",
            "outlet",
            "author",
            "published",
            "url",
            "language",
            "captured_at",
            "source_kind",
            "source_name",
            "original_bytes",
            "text",
            "text_sha256",
            "char_count",
            "deleted_at",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "article_source",
        table: "article_sources",
        key: "article_id",
        columns: &[
            "article_id",
            "format",
            "encoding",
            "lossy",
            "replacements",
            "first_invalid_byte",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "label",
        table: "labels",
        key: "id",
        columns: &[
            "id",
            "name",
            "kind",
            "color",
            "hotkey",
            "builtin",
            "created_at",
            "updated_at",
            "retired_at",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "annotation",
        table: "annotations",
        key: "id",
        columns: &[
            "id",
            "article_id",
            "label_id",
            "start",
            "end",
            "exact",
            "prefix",
            "suffix",
            "speaker",
            "figure_value",
            "currency",
            "unit",
            "qualifier",
            "verdict",
            "note",
            "annotator_id",
            "created_at",
            "updated_at",
            "review_state",
            "reviewer_id",
            "reviewed_at",
            "deleted_at",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "review_decision",
        table: "review_decisions",
        key: "id",
        columns: &[
            "id",
            "annotation_id",
            "reviewer_id",
            "decision",
            "comment",
            "decided_at",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "history",
        table: "history",
        key: "id",
        columns: &[
            "id",
            "entity",
            "entity_id",
            "article_id",
            "action",
            "reverts",
            "actor_id",
            "at",
            "before_json",
            "after_json",
        ],
        insert_only: true,
        pushed: true,
    },
    SyncedTable {
        entity: "setting",
        table: "settings",
        key: "key",
        columns: &["key", "value"],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "assignment",
        table: "assignments",
        key: "id",
        columns: &[
            "id",
            "article_id",
            "annotator_id",
            "assigned_by",
            "assigned_at",
            "done_at",
            "removed_at",
        ],
        insert_only: false,
        pushed: true,
    },
    SyncedTable {
        entity: "sync_conflict",
        table: "sync_conflicts",
        key: "id",
        columns: &[
            "id",
            "entity",
            "entity_id",
            "fields",
            "base_json",
            "ours_json",
            "theirs_json",
            "our_author",
            "their_author",
            "found_at",
            "resolution",
            "resolver_id",
            "resolved_at",
        ],
        insert_only: false,
        pushed: true,
    },
];

/// The synced table of a server entity name.
pub fn synced_table(entity: &str) -> Option<&'static SyncedTable> {
    SYNCED_TABLES.iter().find(|t| t.entity == entity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Store;

    #[test]
    fn every_column_of_every_synced_table_travels() {
        let store = Store::open_in_memory().unwrap();
        for t in SYNCED_TABLES {
            let mut stmt = store
                .conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{}')",
                    t.table
                ))
                .unwrap();
            let mut columns: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            columns.retain(|c| !(t.table == "history" && c == "seq"));
            assert_eq!(
                columns, t.columns,
                "{} has columns that do not travel",
                t.table
            );
        }
    }
}
