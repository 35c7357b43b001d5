//! The database file: opening and checking it (this module, `file_header`, `file_check`,
//! `schema_check`, `check`), how it is shared (`file_sharing`, `network_fs`), its schema
//! (`migrations`) and every read and write of its tables (`queries`, one module an entity).
//!
//! The one place that opens a database file: it sets SQLite's limits and guards on the connection
//! (`limits`), checks the file before anything can read its data or write to it (`file_header`,
//! then `file_check`, under a deadline, at any size), sets the journal pragmas, and migrates. Every write afterwards is one short `BEGIN IMMEDIATE`
//! transaction through [`Store::write`], so that what the UI calls saved is committed.
//!
//! Several windows and processes may write to one file at once. SQLite's busy timeout makes a
//! writer wait for another's lock; past it, the write is tried again with a growing pause, and
//! only a file that stays locked for [`LOCK_PATIENCE`] gives [`Error::Locked`].

pub mod check;
pub(crate) mod file_check;
pub(crate) mod file_header;
pub mod file_sharing;
mod limits;
pub mod migrations;
pub(crate) mod network_fs;
pub mod queries;
pub(crate) mod schema_check;
pub(crate) mod sql;
mod transactions;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Result};
use file_header::FileState;
use limits::Owner;
use transactions::{write_until, Backoff};

pub use file_check::CHECK_DEADLINE;
pub use limits::MAX_VALUE_BYTES;
pub(crate) use transactions::{begin_immediate, commit_patiently};

/// SQLite's own error, for callers that need to name it.
pub use rusqlite::Error as SqliteError;

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
        limits::guard_connection(&store.conn, Owner::Analyst)?;
        if state == FileState::Sqlite {
            file_check::check_existing(&store.conn, path)?;
        }
        store.set_journal_pragmas(path)?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Open someone else's file to read it, never to write: the same checks as [`Store::open`]
    /// (header, application id, version, only our schema objects, value lengths, `quick_check`,
    /// all within [`CHECK_DEADLINE`]), on a read-only connection that cannot grow the file, with
    /// no migration. Merges read their sources through it.
    pub fn open_untrusted(path: &Path) -> Result<Store> {
        let conn = open_read_only(path)?;
        file_check::check_existing(&conn, path)?;
        limits::pin_page_count(&conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
        })
    }

    /// A private database in memory, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        limits::guard_connection(&store.conn, Owner::Analyst)?;
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
}

/// Open an existing file read-only, with every limit and guard set and nothing read past its
/// header: what [`Store::open_untrusted`] and `check` start from. The header was inspected
/// (a path that is not a regular file is refused unopened).
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    if file_header::inspect(path)? == FileState::New {
        return Err(Error::CannotOpen {
            path: path.to_owned(),
            reason: "there is no database there".into(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| cannot_open(path, e))?;
    limits::guard_connection(&conn, Owner::Teammate)?;
    Ok(conn)
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

/// A note for whoever reads the app's output; nothing the analyst must act on.
pub(super) fn log_note(message: &str) {
    eprintln!("claimdesk: {message}");
}
