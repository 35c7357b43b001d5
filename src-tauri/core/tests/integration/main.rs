//! Integration tests of the core through its public API, one module per area.

mod anchoring;
mod annotations;
mod articles;
mod bad_files;
mod bulk_import;
mod html_import;
mod labels;
mod search;
mod support;
mod undo;
