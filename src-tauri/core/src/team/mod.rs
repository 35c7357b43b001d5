//! Work that comes from teammates: merging their database files into this one (`merge`), and
//! syncing this file with the team's PostgreSQL server (`server` sets it up and connects,
//! `sync` pushes and pulls, `credentials` keeps the password). Review of merged and synced work
//! reads and writes through `db::queries` (review, conflicts).

pub mod credentials;
pub mod merge;
pub mod server;
pub mod sync;
