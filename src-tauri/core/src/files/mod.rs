//! Files outside the database, read and written safely: what is at a named path (`file_kind`,
//! which refuses pipes and devices before they are opened), reads with size and time limits
//! (`bounded_read`), writes that never leave half a file (`safe_write`), and the analyst's own
//! settings file (`preferences`).

pub(crate) mod bounded_read;
pub(crate) mod file_kind;
pub mod preferences;
pub(crate) mod safe_write;
