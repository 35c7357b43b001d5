//! Integration tests of the core through its public API, one module per area.

mod anchoring;
mod annotations;
mod articles;
mod bad_files;
mod bulk_import;
mod figure_parser;
mod html_import;
mod labels;
mod quote_finder;
mod search;
mod suggestions;
mod support;
mod undo;
