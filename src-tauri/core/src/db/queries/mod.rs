//! Reads and writes, one module per entity, with the same verbs everywhere: `get_`, `list_`,
//! `create_`, `update_`, `delete_`. Public functions own their transaction; the private
//! `*_raw(tx, ...)` functions do the work inside one, so they compose.
//!
//! **One writer per table.** Every statement that writes a table lives in that table's module,
//! and everything else (the importer, the merge, annotation import) calls it. Where a merge
//! must keep what a teammate's file holds (ids, times, authors), the module has an
//! `insert_as_received` (or `write_as_received_raw`) beside its ordinary writer. Migrations
//! are the only other place that writes the schema.
//!
//! Where the `Store`'s methods live, by entity:
//! - articles: `articles` (create, get, list), `article_sources` (how one was read),
//!   `library` (the library page and its filter values), `batch` (many in one transaction);
//! - annotations: `annotations` (create, update, delete, get, list), `article_annotations`
//!   (what the workbench loads), `annotation_table` (the corpus-wide table), `undo` (undo,
//!   redo), `annotation_origins` (which file a merged one came from), `annotation_tags`;
//! - labels: `labels`; analysts: `annotators`; settings and known speakers: `settings`;
//! - review: `review_decisions` (decide, comment, the log), `review` (the side-by-side sheet,
//!   consensus), `conflicts` (merge conflicts to settle);
//! - assignments and the team's progress: `assignments`;
//! - team sync: `sync_state` (the link to a project, the outbox, pulled versions, parked rows),
//!   `synced_rows` (rows as the server has them: read for a push, written by a pull),
//!   `synced_tables` (which tables and columns travel);
//! - history: `history`; search: `search` (also the index's writer); suggestions:
//!   `suggestions` (what is offered and prefilled), `dismissed_suggestions`.
//!
//! Opening the file, its sharing and `data_version` are in `db` itself; the agreement figures
//! (`Store::agreement`) are worked out in `analysis::agreement`.

pub(crate) mod annotation_origins;
pub mod annotation_table;
pub(crate) mod annotation_tags;
pub mod annotations;
pub mod annotators;
pub mod article_annotations;
pub(crate) mod article_sources;
pub mod articles;
pub mod assignments;
pub mod batch;
pub mod conflicts;
pub mod dismissed_suggestions;
pub mod history;
pub mod labels;
pub mod library;
pub mod review;
pub mod review_decisions;
pub mod search;
pub mod settings;
pub mod suggestions;
pub mod sync_conflicts;
pub mod sync_state;
pub mod synced_rows;
pub mod synced_tables;
pub mod undo;
