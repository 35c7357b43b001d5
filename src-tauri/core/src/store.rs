//! The one place that opens a database file: it checks the file before anything can write to it,
//! sets the pragmas, and migrates. Every write afterwards is one short `BEGIN IMMEDIATE`
//! transaction through [`Store::write`], so that what the UI calls saved is committed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};
use crate::file_header::{self, FileState};
use crate::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};

/// SQLite's own error, for callers that need to name it.
pub use rusqlite::Error as SqliteError;

/// Files up to this size get SQLite's `quick_check` at every open. Above it the check takes
/// seconds (it reads every page), so large files get the header, length, id and version checks at
/// open, SQLite reports damaged pages as they are read, and `claimdesk-cli check` runs the full
/// `integrity_check` on demand.
const QUICK_CHECK_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How long a writer waits for another process's lock before reporting the file as busy.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
        store.set_journal_pragmas()?;
        migrations::migrate(&mut store.conn)?;
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

    /// Run `f` in one `BEGIN IMMEDIATE` transaction and commit it; nothing is kept if `f` fails.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
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
    /// WAL suits a local file; `synchronous=FULL` makes a commit durable before we report it.
    fn set_journal_pragmas(&mut self) -> Result<()> {
        let conn = &self.conn;
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get::<_, String>(0));
        match mode.map_err(Error::from) {
            Ok(mode) if !mode.eq_ignore_ascii_case("wal") => {
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
        Ok(())
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

fn log_note(message: &str) {
    eprintln!("claimdesk: {message}");
}
