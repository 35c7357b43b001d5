//! Reads and writes, one module per entity, with the same verbs everywhere: `get_`, `list_`,
//! `create_`, `update_`, `delete_`. Public functions own their transaction; the private
//! `*_raw(tx, ...)` functions do the work inside one, so they compose.

pub(crate) mod annotation_origins;
pub mod annotation_table;
pub mod annotations;
pub mod annotators;
pub mod article_annotations;
pub(crate) mod article_sources;
pub mod articles;
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
pub mod undo;
