//! Claimdesk's core: everything that is not a window. Articles and their text, labelled spans
//! with code-point offsets, typed attributes, the SQLite store with its migrations and history,
//! and the checks that keep untrusted files and input from doing harm. The desktop app and the
//! CLI are thin layers over this crate; it has no Tauri dependency.
#![deny(missing_docs)]

pub mod agreement;
pub mod anchoring;
pub mod attributes;
#[cfg(feature = "bindings")]
pub mod bindings;
mod bounded_read;
pub mod check;
pub mod error;
pub mod figure_parser;
mod file_header;
mod file_kind;
pub mod file_sharing;
pub mod filters;
pub mod ids;
pub mod import;
pub mod interchange;
pub mod merge;
pub mod migrations;
pub mod model;
mod network_fs;
pub mod offsets;
pub mod preferences;
pub mod queries;
pub mod quote_finder;
mod safe_write;
pub mod sample;
mod schema_check;
pub mod spreadsheet_safety;
mod sql;
pub mod store;
pub mod suggestions;
mod text_scan;

pub use error::{Error, Result};
pub use store::Store;
