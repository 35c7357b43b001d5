//! The one place that opens a database file: it checks the file before anything can write to it,
//! sets the pragmas, and migrates. Every write afterwards is one short `BEGIN IMMEDIATE`
//! transaction through [`Store::write`], so that what the UI calls saved is committed.
//!
//! Several windows and processes may write to one file at once. SQLite's busy timeout makes a
//! writer wait for another's lock; past it, the write is tried again with a growing pause, and
//! only a file that stays locked for [`LOCK_PATIENCE`] gives [`Error::Locked`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::file_header::{self, FileState};
use crate::file_sharing;
use crate::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::schema_check;

/// SQLite's own error, for callers that need to name it.
pub use rusqlite::Error as SqliteError;

/// Files up to this size get SQLite's `quick_check` at every open. Above it the check takes
/// seconds (it reads every page), so large files get the header, length, id and version checks at
/// open, SQLite reports damaged pages as they are read, and `claimdesk-cli check` runs the full
/// `integrity_check` on demand.
const QUICK_CHECK_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How long a writer waits for another process's lock before reporting the file as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How long one write keeps trying, in all, before it reports the file as busy.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(20);

/// An open Claimdesk database.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Open (or create) the database at `path`. A file that is not ours, is damaged, or was
    /// written by a newer version is refused and left exactly as it was.
    pub fn open(path: &Path) -> Result<Store> {
        let state = file_header::inspect(path)?;
        if state == FileState::New {
            create_empty_file(path)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| cannot_open(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
        };
        store.set_safety_pragmas()?;
        if state == FileState::Sqlite {
            store.check_existing(path)?;
        }
        store.set_journal_pragmas(path)?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Open someone else's file to read it, never to write: the same checks as [`Store::open`]
    /// (header, application id, version, `quick_check`, only our schema objects), on a
    /// read-only connection, with no migration. Merges read their sources through it.
    pub fn open_untrusted(path: &Path) -> Result<Store> {
        if file_header::inspect(path)? == FileState::New {
            return Err(Error::CannotOpen {
                path: path.to_owned(),
                reason: "there is no database there".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| cannot_open(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_owned()),
        };
        store.set_safety_pragmas()?;
        store.check_existing(path)?;
        Ok(store)
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.set_safety_pragmas()?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// The file this store reads and writes, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes when another connection (window, process) commits to the file;
    /// a window polls it and refreshes what it shows when it moves. Our own writes leave it.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// Run `f` in one `BEGIN IMMEDIATE` transaction and commit it; nothing is kept if `f` fails.
    /// A busy file is waited for before `f` runs and again at `COMMIT` (the transaction stays
    /// whole while it waits). Once `BEGIN IMMEDIATE` holds the write lock, only a rollback
    /// journal's cache spill can meet another lock inside `f`; writers that can run twice use
    /// [`Store::write_retrying`], which starts the whole transaction again then.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        write_until(&self.conn, Instant::now() + LOCK_PATIENCE, f)
    }

    /// [`Store::write`] for work that can be run again: when the file is busy at any point, the
    /// transaction is rolled back and the whole of it retried, with a growing pause.
    pub(crate) fn write_retrying<T>(
        &mut self,
        mut f: impl FnMut(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let deadline = Instant::now() + LOCK_PATIENCE;
        let mut pause = Backoff::default();
        loop {
            match write_until(&self.conn, deadline, &mut f) {
                Err(Error::Locked) if Instant::now() < deadline => pause.sleep(),
                other => return other,
            }
        }
    }

    /// Settings that only read or guard; safe before we know whether the file is ours.
    fn set_safety_pragmas(&mut self) -> Result<()> {
        let conn = &self.conn;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
        conn.pragma_update(None, "trusted_schema", false)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        Ok(())
    }

    /// Journal settings write to the file, so they wait until the file has passed its checks.
    /// WAL suits a local file; a file marked as shared or on a network share gets a rollback
    /// journal (see `file_sharing`). `synchronous=FULL` makes a commit durable before we report
    /// it.
    fn set_journal_pragmas(&mut self, path: &Path) -> Result<()> {
        let conn = &self.conn;
        let wanted = file_sharing::journal_for(conn, path)?;
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", wanted, |r| r.get::<_, String>(0));
        match mode.map_err(Error::from) {
            Ok(mode) if !mode.eq_ignore_ascii_case(wanted) => {
                log_note(&format!("journal mode stays {mode}"))
            }
            Ok(_) => {}
            // A read-only file can still be read; each write will say why it failed.
            Err(Error::ReadOnly) => log_note("the database file is read-only"),
            Err(err) => return Err(err),
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        Ok(())
    }

    /// Refuse files we did not write, newer schemas and damaged files, before any write.
    fn check_existing(&self, path: &Path) -> Result<()> {
        let app_id = migrations::application_id(&self.conn).map_err(|e| classify(path, e))?;
        let version = migrations::user_version(&self.conn).map_err(|e| classify(path, e))?;
        if app_id != APPLICATION_ID && !(app_id == 0 && self.is_blank()?) {
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
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > QUICK_CHECK_MAX_BYTES {
            return Ok(());
        }
        let verdict: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| classify(path, e.into()))?;
        if verdict != "ok" {
            return Err(Error::Corrupt {
                path: path.to_owned(),
                detail: verdict,
            });
        }
        self.check_schema(path, version)
    }

    /// Only the tables, indexes and triggers our migrations create, with our definitions.
    fn check_schema(&self, path: &Path, version: i64) -> Result<()> {
        let difference =
            schema_check::schema_difference(&self.conn, version).map_err(|e| classify(path, e))?;
        match difference {
            None => Ok(()),
            Some(why) => Err(Error::Corrupt {
                path: path.to_owned(),
                detail: format!(
                    "{why}; a file with schema objects Claimdesk did not create is refused"
                ),
            }),
        }
    }

    /// An SQLite file with no schema at all (a file created by `sqlite3 x.db ''`) may become ours.
    fn is_blank(&self) -> Result<bool> {
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok(objects == 0)
    }
}

/// Create the file first with std, whose error says why (no such folder, permission denied)
/// more clearly than SQLite's "unable to open database file".
fn create_empty_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
        .map_err(|err| {
            let reason = match err.kind() {
                std::io::ErrorKind::NotFound => "its folder does not exist".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => err.to_string(),
            };
            Error::CannotOpen {
                path: path.to_owned(),
                reason,
            }
        })
}

fn cannot_open(path: &Path, err: rusqlite::Error) -> Error {
    Error::CannotOpen {
        path: path.to_owned(),
        reason: err.to_string(),
    }
}

/// Reading a damaged file fails with SQLite codes that deserve the file's name in the message.
fn classify(path: &Path, err: Error) -> Error {
    use rusqlite::ErrorCode;
    match &err {
        Error::Sqlite(e) => match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_owned(),
            },
            Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
                path: path.to_owned(),
                detail: e.to_string(),
            },
            _ => err,
        },
        _ => err,
    }
}

/// One transaction: `BEGIN IMMEDIATE` (waiting while the file is busy), `f`, `COMMIT` (waiting
/// likewise: after `SQLITE_BUSY` at `COMMIT` the transaction is still open and may commit later).
fn write_until<T>(
    conn: &Connection,
    deadline: Instant,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let tx = begin_immediate(conn, deadline)?;
    let value = f(&tx)?;
    commit_patiently(tx, deadline)?;
    Ok(value)
}

/// `BEGIN IMMEDIATE`, tried again with a growing pause while the file is busy.
pub(crate) fn begin_immediate(conn: &Connection, deadline: Instant) -> Result<Transaction<'_>> {
    let mut pause = Backoff::default();
    loop {
        match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
            Ok(tx) => return Ok(tx),
            Err(e) if is_busy(&e) && Instant::now() < deadline => pause.sleep(),
            Err(e) => return Err(e.into()),
        }
    }
}

/// `COMMIT`, tried again while the file is busy; when it gives up, dropping `tx` rolls back.
pub(crate) fn commit_patiently(tx: Transaction<'_>, deadline: Instant) -> Result<()> {
    let mut pause = Backoff::default();
    loop {
        match tx.execute_batch("COMMIT") {
            // The transaction is over; dropping `tx` finds nothing to roll back.
            Ok(()) => return Ok(()),
            Err(e) if is_busy(&e) && Instant::now() < deadline => pause.sleep(),
            Err(e) => return Err(e.into()),
        }
    }
}

fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Pauses between attempts: 2 ms doubling up to 200 ms, with jitter so that two processes that
/// collided once do not collide again in step.
#[derive(Default)]
struct Backoff {
    attempts: u32,
}

impl Backoff {
    fn sleep(&mut self) {
        let base = 2u64 << self.attempts.min(7);
        self.attempts += 1;
        let jitter = u64::from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0),
        ) % (base / 2 + 1);
        std::thread::sleep(Duration::from_millis(base.min(200) + jitter));
    }
}

fn log_note(message: &str) {
    eprintln!("claimdesk: {message}");
}
