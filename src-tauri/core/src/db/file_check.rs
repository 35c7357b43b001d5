//! The checks every existing file passes before anything reads its data or writes to it, at any
//! size: the application id, the schema version, the schema allowlist (`schema_check`), the
//! length of every stored value, and SQLite's `quick_check`. The header was checked before
//! SQLite opened the file (`file_header`), and the connection carries its limits already
//! (`limits`).
//!
//! Invariants:
//! - All of it runs under one deadline, [`CHECK_DEADLINE`], enforced by SQLite's progress
//!   handler (also called inside `quick_check`): a file that keeps SQLite busy longer is refused
//!   with that reason, whatever it holds. The handler is removed afterwards, so the analyst's own
//!   long queries are never cut.
//! - The schema is compared before any table is read, so no view or trigger we did not write is
//!   ever run, and the refusal names it.
//! - A value longer than [`MAX_VALUE_BYTES`] is found from the record headers alone:
//!   `octet_length()` of a column never reads its overflow pages, so a 1 GB blob costs one
//!   page read, not a gigabyte.
//! - The value-length scan reads every row and `quick_check` every page, which takes well over
//!   the deadline on a corpus of gigabytes. Files up to [`FULL_CHECK_MAX_BYTES`] must pass both
//!   within the deadline. Larger files get both for [`LARGE_FILE_BUDGET`] (or what remains of
//!   the deadline); what they did not reach is guarded as it is read: `cell_size_check` checks
//!   each page, SQLite refuses a damaged one with `SQLITE_CORRUPT` (a merge reports the file as
//!   damaged), and the length limit makes SQLite refuse to load a value over
//!   [`MAX_VALUE_BYTES`] (`SQLITE_TOOBIG`, which reaches the analyst as
//!   [`Error::ValueTooLarge`]), so memory stays bounded either way.
//!   `claimdesk-cli check` (`crate::db::check`) runs the same identity and schema checks under the
//!   same deadline ([`within_deadline`]), then the whole value scan ([`value_over_limit`]) and
//!   the full `integrity_check` on demand, watched by the caller instead of cut short. This keeps opening the
//!   analyst's own large corpus to a few seconds, at the price of finding some problems later
//!   rather than at open. The schema allowlist is never cut short: it is cheap and it is what
//!   keeps code we did not write from running.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

use super::limits::MAX_VALUE_BYTES;
use super::log_note;
use crate::db::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::db::schema_check;
use crate::error::{Error, Result};

/// Longest time all the checks of one file may take; past it the file is refused.
pub const CHECK_DEADLINE: Duration = Duration::from_secs(8);

/// Files up to this size must pass the whole `quick_check` within the deadline.
const FULL_CHECK_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How long the value-length scan and `quick_check` run on a larger file before the rest is
/// left to the checks SQLite makes as it reads.
const LARGE_FILE_BUDGET: Duration = Duration::from_secs(4);

/// How many SQLite virtual machine steps pass between two looks at the clock.
pub(crate) const STEPS_BETWEEN_CLOCK_READS: i32 = 1000;

/// Refuse a file we did not write, from a newer version, with a schema object or a value we do
/// not allow, or with damaged pages, within [`CHECK_DEADLINE`]. Nothing is written.
pub(crate) fn check_existing(conn: &Connection, path: &Path) -> Result<()> {
    check_within(conn, path, CHECK_DEADLINE)
}

/// [`check_existing`] with a given deadline (tests use a short one).
pub(crate) fn check_within(conn: &Connection, path: &Path, limit: Duration) -> Result<()> {
    within_deadline(conn, path, limit, |deadline| {
        run_checks(conn, path, deadline)
    })
}

/// Run `checks` (given the deadline) with SQLite stopped once `limit` has passed; SQLite's
/// failures come back in words that name the file (see [`explain`]). The progress handler is
/// removed afterwards.
pub(crate) fn within_deadline<T>(
    conn: &Connection,
    path: &Path,
    limit: Duration,
    checks: impl FnOnce(Instant) -> Result<T>,
) -> Result<T> {
    let deadline = Instant::now() + limit;
    stop_at(conn, deadline)?;
    let verdict = checks(deadline);
    conn.progress_handler(0, None::<fn() -> bool>)?;
    verdict.map_err(|err| explain(path, err, limit))
}

fn run_checks(conn: &Connection, path: &Path, deadline: Instant) -> Result<()> {
    let version = check_identity(conn, path)?;
    check_schema(conn, path, version)?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size <= FULL_CHECK_MAX_BYTES {
        check_value_lengths(conn, path)?;
        return check_pages(conn, path);
    }
    let budget_end = deadline.min(Instant::now() + LARGE_FILE_BUDGET);
    stop_at(conn, budget_end)?;
    let outcome = check_value_lengths(conn, path).and_then(|()| check_pages(conn, path));
    match outcome {
        Err(Error::Sqlite(err)) if is_interrupt(&err) && budget_end < deadline => {
            log_note(&format!(
                "the checks of {} ({size} bytes) stopped after {} s; the rest of its values and \
                 pages are checked as they are read",
                path.display(),
                LARGE_FILE_BUDGET.as_secs()
            ));
            Ok(())
        }
        other => other,
    }
}

/// Make SQLite stop whatever it runs once `deadline` has passed.
fn stop_at(conn: &Connection, deadline: Instant) -> Result<()> {
    conn.progress_handler(
        STEPS_BETWEEN_CLOCK_READS,
        Some(move || Instant::now() >= deadline),
    )?;
    Ok(())
}

/// The application id and schema version, from the header; the version is returned.
fn check_identity(conn: &Connection, path: &Path) -> Result<i64> {
    let app_id = migrations::application_id(conn)?;
    let version = migrations::user_version(conn)?;
    if app_id != APPLICATION_ID && !(app_id == 0 && is_blank(conn)?) {
        return Err(Error::ForeignDatabase {
            path: path.to_owned(),
            found: app_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: path.to_owned(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// An SQLite file with no schema at all (a file created by `sqlite3 x.db ''`) may become ours.
fn is_blank(conn: &Connection) -> Result<bool> {
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok(objects == 0)
}

/// Only the tables, indexes and triggers our migrations create, with our definitions.
fn check_schema(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    match schema_check::schema_difference(conn, version)? {
        None => Ok(()),
        Some(why) => Err(Error::corrupt(
            path,
            format!("{why}; a file with schema objects Claimdesk did not create is refused"),
        )),
    }
}

/// No value in any table is longer than SQLite may load on our connections.
fn check_value_lengths(conn: &Connection, path: &Path) -> Result<()> {
    match value_over_limit(conn)? {
        None => Ok(()),
        Some(what) => Err(Error::corrupt(path, what)),
    }
}

/// The first value in the file longer than [`MAX_VALUE_BYTES`], described ("a value in
/// articles.original_bytes is … bytes long, …"), or `None`. Virtual tables are skipped: their
/// data lives in ordinary shadow tables, which are scanned. Run it only on a file whose schema
/// passed the allowlist: a column of another schema may be computed.
pub(crate) fn value_over_limit(conn: &Connection) -> Result<Option<String>> {
    for table in ordinary_tables(conn)? {
        let columns = column_names(conn, &table)?;
        if let Some((column, bytes)) = longest_value_over_limit(conn, &table, &columns)? {
            return Ok(Some(format!(
                "a value in {table}.{column} is {bytes} bytes long, more than the {} MiB \
                 Claimdesk reads",
                MAX_VALUE_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(None)
}

fn ordinary_tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table'
           AND upper(substr(ltrim(sql), 1, 14)) <> 'CREATE VIRTUAL'",
    )?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

fn column_names(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = stmt.query_map([table], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

/// The first column of `table` holding a value longer than [`MAX_VALUE_BYTES`], and its length.
/// `octet_length()` of a column reads only the record header, never the value itself.
fn longest_value_over_limit(
    conn: &Connection,
    table: &str,
    columns: &[String],
) -> Result<Option<(String, i64)>> {
    if columns.is_empty() {
        return Ok(None);
    }
    let lengths: Vec<String> = columns
        .iter()
        .map(|c| format!("coalesce(octet_length({}), 0)", quoted(c)))
        .collect();
    let sql = format!(
        "SELECT {list} FROM {table} WHERE max({list}, 0) > ?1 LIMIT 1",
        list = lengths.join(", "),
        table = quoted(table),
    );
    let found = conn.query_row(&sql, [MAX_VALUE_BYTES], |row| {
        (0..columns.len())
            .map(|i| row.get::<_, Option<i64>>(i))
            .collect::<rusqlite::Result<Vec<_>>>()
    });
    let lengths = match found {
        Ok(lengths) => lengths,
        Err(rusqlite::Error::QueryReturnedNoRows) => return Ok(None),
        Err(err) => return Err(err.into()),
    };
    Ok(columns.iter().zip(lengths).find_map(|(name, len)| {
        len.filter(|&n| n > i64::from(MAX_VALUE_BYTES))
            .map(|n| (name.clone(), n))
    }))
}

/// An SQL identifier in double quotes, inner quotes doubled.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// SQLite's `quick_check`: every page of every b-tree, and the free list.
fn check_pages(conn: &Connection, path: &Path) -> Result<()> {
    let verdict: String = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(Error::corrupt(path, verdict))
    }
}

fn is_interrupt(err: &rusqlite::Error) -> bool {
    err.sqlite_error_code() == Some(ErrorCode::OperationInterrupted)
}

/// SQLite's failures while checking, in words that name the file and say why it was refused.
fn explain(path: &Path, err: Error, limit: Duration) -> Error {
    let sqlite = match &err {
        Error::Sqlite(sqlite) => sqlite,
        Error::ValueTooLarge => {
            return Error::corrupt(
                path,
                format!(
                    "it holds a value longer than the {} MiB Claimdesk reads",
                    MAX_VALUE_BYTES / (1024 * 1024)
                ),
            )
        }
        _ => return err,
    };
    match sqlite.sqlite_error_code() {
        Some(ErrorCode::OperationInterrupted) => Error::corrupt(
            path,
            format!(
                "checking it did not finish within {} seconds, which no sound Claimdesk file \
                 needs; a file made to keep the program busy is refused",
                limit.as_secs_f32()
            ),
        ),
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_owned(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::corrupt(path, sqlite.to_string()),
        // A schema that does not parse within our limits (nested too deep, too long).
        _ if sqlite.to_string().contains("malformed database schema") => {
            Error::corrupt(path, sqlite.to_string())
        }
        _ => err,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use rusqlite::OpenFlags;

    use super::*;
    use crate::db::Store;

    /// A closed file of ours with a few thousand settings rows, enough for the checks to pass
    /// the progress handler many times.
    fn file_of_ours(dir: &Path) -> PathBuf {
        let path = dir.join("ours.sqlite");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
             INSERT INTO settings (key, value) SELECT 'filler-' || i, 'x' FROM n;",
        )
        .unwrap();
        path
    }

    fn read_only(path: &Path) -> Connection {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
    }

    #[test]
    fn a_sound_file_passes_every_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_of_ours(dir.path());
        check_existing(&read_only(&path), &path).unwrap();
    }

    #[test]
    fn a_check_past_its_deadline_refuses_the_file_and_then_lets_queries_run() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_of_ours(dir.path());
        let conn = read_only(&path);
        let err = check_within(&conn, &path, Duration::ZERO).unwrap_err();
        assert!(
            matches!(&err, Error::Corrupt { detail, .. } if detail.contains("did not finish within")),
            "{err}"
        );
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM settings WHERE value = 'x'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 5000);
    }
}
