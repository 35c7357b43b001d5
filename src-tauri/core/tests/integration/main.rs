//! Integration tests of the core through its public API, one module per area.

mod annotations;
mod articles;
mod bad_files;
mod labels;
mod support;
