//! The commands the UI may call, grouped by topic. Each one translates: arguments in, one core
//! call, error mapped. Rules live in the core.

pub mod annotation_import;
pub mod annotations;
pub mod articles;
pub mod corpus;
pub mod database;
pub mod export;
pub mod import;
pub mod jobs;
pub mod labels;
pub mod merge;
pub mod review;
pub mod startup;
pub mod suggestions;
pub mod team_sync;
