//! Integration tests of the core through its public API, one module per area.

mod agreement;
mod anchoring;
mod annotation_import;
mod annotations;
mod articles;
mod bad_files;
mod bulk_import;
mod concurrent_writers;
mod dismissed_suggestions;
mod export_csv;
mod export_fixture;
mod export_formats;
mod figure_parser;
mod html_import;
mod labels;
mod merge;
mod quote_finder;
mod review;
mod search;
mod search_ranking;
mod streaming_limits;
mod suggestions;
mod support;
mod undo;
mod untrusted_files;
mod w3c_musts;
