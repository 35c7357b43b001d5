//! The limits and guard settings every connection gets before it reads a single page, so that
//! a crafted file cannot make SQLite load a huge value, parse a huge or deeply nested statement,
//! recurse through triggers, map the file into memory, or trust code in its schema.
//!
//! Each limit is set well above what Claimdesk itself needs and far below what would hurt:
//! - values (text, blob) up to [`MAX_VALUE_BYTES`]. The largest value Claimdesk writes is an
//!   imported file's original bytes and its decoded text: at most the import limit (50 MB by
//!   default, see `import::options`) and its UTF-8 text (up to three times that for a legacy
//!   single-byte encoding). SQLite's own ceiling is 1,000,000,000 bytes; a file holding a longer
//!   value than ours is refused at open (see `file_check`) and SQLite refuses to load one anyway.
//! - SQL statements up to [`MAX_SQL_BYTES`], expressions [`MAX_EXPR_DEPTH`] deep (a filter on
//!   many languages adds one level per language), triggers [`MAX_TRIGGER_DEPTH`] deep (ours
//!   fire at most two levels: a table write, then the search index or history guard).
//! - attached databases: none for the analyst's own file, one for a file read for a merge,
//!   whose `VACUUM INTO` attaches its private copy.
//!
//! Guard settings: `SQLITE_DBCONFIG_DEFENSIVE` (no writes to the schema or pages by SQL),
//! `trusted_schema=OFF` (functions with side effects never run from the schema),
//! `cell_size_check=ON` (every page is checked for cells that overlap or overflow as it is
//! read, which guards what `quick_check` did not reach), `mmap_size=0` (a page is read into
//! SQLite's cache, never mapped, so a file changed under us cannot fault the process).

use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::Connection;

use crate::error::Result;

/// Longest text or blob value SQLite loads on our connections: 256 MiB.
pub const MAX_VALUE_BYTES: i32 = 256 * 1024 * 1024;
/// Longest SQL statement: ours are a few kilobytes; the schema's `CREATE` statements too.
pub(crate) const MAX_SQL_BYTES: i32 = 1024 * 1024;
/// Deepest expression tree in a statement (SQLite's default is 1,000).
pub(crate) const MAX_EXPR_DEPTH: i32 = 500;
/// Deepest chain of triggers firing triggers (SQLite's default is 1,000).
pub(crate) const MAX_TRIGGER_DEPTH: i32 = 16;

/// How long a writer waits for another process's lock before reporting the file as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Who the file belongs to, which decides the few settings that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The analyst's own file (or a private copy): read and written, never attaches.
    Analyst,
    /// Someone else's file, read for a merge: read-only; `VACUUM INTO` attaches one copy.
    Teammate,
}

/// Prepared statements a connection keeps (see [`guard_connection`]).
const STATEMENT_CACHE: usize = 64;

/// Set every limit and guard on a connection that has not read anything yet.
pub(crate) fn guard_connection(conn: &Connection, owner: Owner) -> Result<()> {
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES)?;
    conn.set_limit(Limit::SQLITE_LIMIT_EXPR_DEPTH, MAX_EXPR_DEPTH)?;
    conn.set_limit(Limit::SQLITE_LIMIT_TRIGGER_DEPTH, MAX_TRIGGER_DEPTH)?;
    let attached = match owner {
        Owner::Analyst => 0,
        Owner::Teammate => 1,
    };
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, attached)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // rusqlite keeps 16 prepared statements by default; storing a pulled batch alone cycles
    // through about twenty (a table's upsert, tags, search entry, sync bookkeeping), which then
    // were parsed again for every row.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// A file read for a merge may not grow: its page count is pinned at its size (SQLite raises
/// a lower `max_page_count` to the current size). The connection is read-only already; this
/// keeps a later change of that from letting a merge write into a teammate's file.
pub(crate) fn pin_page_count(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA max_page_count = 1", [], |r| r.get::<_, i64>(0))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_longer_than_the_limit_is_refused_by_sqlite() {
        let conn = Connection::open_in_memory().unwrap();
        guard_connection(&conn, Owner::Analyst).unwrap();
        let err = conn
            .query_row("SELECT zeroblob(?1)", [MAX_VALUE_BYTES + 1], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::TooBig));
    }

    #[test]
    fn the_analysts_file_attaches_nothing_and_a_teammates_one_copy() {
        let conn = Connection::open_in_memory().unwrap();
        guard_connection(&conn, Owner::Analyst).unwrap();
        assert!(conn.execute_batch("ATTACH ':memory:' AS other").is_err());
        let conn = Connection::open_in_memory().unwrap();
        guard_connection(&conn, Owner::Teammate).unwrap();
        conn.execute_batch("ATTACH ':memory:' AS one").unwrap();
        assert!(conn.execute_batch("ATTACH ':memory:' AS two").is_err());
    }

    #[test]
    fn deep_expressions_and_long_statements_are_refused() {
        let conn = Connection::open_in_memory().unwrap();
        guard_connection(&conn, Owner::Analyst).unwrap();
        let deep = format!("SELECT 1{}", " + 1".repeat(600));
        assert!(conn.query_row(&deep, [], |r| r.get::<_, i64>(0)).is_err());
        let long = format!("SELECT 1 -- {}", "x".repeat(MAX_SQL_BYTES as usize));
        assert!(conn.query_row(&long, [], |r| r.get::<_, i64>(0)).is_err());
    }

    #[test]
    fn recursive_triggers_stop_at_the_depth_limit() {
        let conn = Connection::open_in_memory().unwrap();
        guard_connection(&conn, Owner::Analyst).unwrap();
        conn.execute_batch(
            "PRAGMA recursive_triggers = ON;
             CREATE TABLE t (n INTEGER);
             CREATE TRIGGER again AFTER INSERT ON t BEGIN INSERT INTO t VALUES (NEW.n + 1); END;",
        )
        .unwrap();
        let err = conn.execute("INSERT INTO t VALUES (0)", []).unwrap_err();
        assert!(
            err.to_string().contains("too many levels of trigger"),
            "{err}"
        );
    }
}
