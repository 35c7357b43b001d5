//! Claimdesk's core: everything that is not a window. Articles and their text, labelled spans
//! with code-point offsets, typed attributes, the SQLite store with its migrations and history,
//! and the checks that keep untrusted files and input from doing harm. The desktop app and the
//! CLI are thin layers over this crate; it has no Tauri dependency.
//!
//! The folders follow the data: `files` (reading and writing outside files safely) ->
//! `import` (articles in) -> `db` (the SQLite file and its queries, one module an entity) ->
//! `interchange` (annotations out and in) and `team` (teammates' files); `model` is what they
//! pass around, `text` the offsets into articles, `analysis` what is worked out for the
//! analyst, `job` the one shape of a long job.
#![deny(missing_docs)]

pub mod analysis;
#[cfg(feature = "bindings")]
pub mod bindings;
pub mod db;
pub mod error;
pub mod files;
pub mod import;
pub mod interchange;
pub mod job;
pub mod model;
pub mod team;
pub mod text;

pub use db::Store;
pub use error::{Error, Result};
