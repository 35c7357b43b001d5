//! The one error type of the core. Every message says what happened and what the analyst can do
//! next; the app maps each variant to a stable `kind` for the UI, the CLI prints the message.

use std::path::PathBuf;

use crate::text::offsets::OffsetError;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A record asked for by id does not exist (or was deleted).
    #[error("{what} {id} was not found; it may have been deleted")]
    NotFound {
        /// What kind of record, e.g. "article".
        what: &'static str,
        /// The id that was asked for.
        id: String,
    },
    /// The input was refused; the message says what to change.
    #[error("{0}")]
    InvalidInput(String),
    /// A span or offset does not fit the article text.
    #[error("invalid span: {0}")]
    Offset(#[from] OffsetError),
    /// The file was written by a newer Claimdesk.
    #[error(
        "{path} was written by a newer version of Claimdesk (schema version {found}; this version \
         reads up to {supported}). Update Claimdesk to open it. The file was not changed."
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// Schema version found in the file.
        found: i64,
        /// Highest schema version this build understands.
        supported: i64,
    },
    /// The file is not an SQLite database at all.
    #[error(
        "{path} is not a Claimdesk database (it is not an SQLite file). Choose another file, or a \
         new file name to start an empty database. The file was not changed."
    )]
    NotADatabase {
        /// The file that was opened.
        path: PathBuf,
    },
    /// An SQLite database that some other program wrote.
    #[error(
        "{path} is an SQLite database of another program (application id {found:#010x}), not a \
         Claimdesk database. Choose a Claimdesk file. The file was not changed."
    )]
    ForeignDatabase {
        /// The file that was opened.
        path: PathBuf,
        /// The application id found in its header.
        found: i64,
    },
    /// The file is damaged (truncated, or failing SQLite's checks).
    #[error(
        "{path} is damaged ({detail}). Restore it from a backup or a teammate's copy. The file was \
         not changed."
    )]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// What the check found.
        detail: String,
    },
    /// The database file could not be opened or created.
    #[error(
        "cannot open the database at {path}: {reason}. Choose a location you can write to with \
         --db PATH or the CLAIMDESK_DB variable."
    )]
    CannotOpen {
        /// The path that was tried.
        path: PathBuf,
        /// Why it failed.
        reason: String,
    },
    /// Another program holds a lock on the file for too long.
    #[error(
        "the database is busy: another window or program is writing to it. Your change was not \
         saved; try again in a moment."
    )]
    Locked,
    /// The file or its folder cannot be written.
    #[error(
        "the database file is read-only, so your change was not saved. Make the file and its \
         folder writable, or open a copy you own."
    )]
    ReadOnly,
    /// The disk holding the database is full.
    #[error(
        "the disk holding the database is full, so your change was not saved. Free some space \
         and try again."
    )]
    DiskFull,
    /// The disk failed a read or write: it went read-only after an error (a failing or unplugged
    /// USB stick, a network share that dropped), or it failed outright.
    #[error(
        "the disk holding the database reported an error (it may have been unplugged, become \
         read-only or be failing), so this step was not saved. What was saved before is in the \
         file. Check the disk and try again, or reopen the file once the disk is back."
    )]
    DiskIo,
    /// A file opened read-only (a teammate's file, `check`) holds a change that a program stopped
    /// before finishing: a hot journal lies beside it, and only a writer can roll it back.
    #[error(
        "the file holds a change that a program stopped before finishing (its -journal file lies \
         beside it). Open the file once in Claimdesk, on a disk you can write to, which finishes \
         the change; then try again."
    )]
    UnfinishedChange,
    /// SQLite met a stored value longer than it may load on our connections
    /// ([`crate::db::MAX_VALUE_BYTES`], `SQLITE_TOOBIG`) while reading. Claimdesk never
    /// writes one, so the file was made by other means: the check at open did not reach that row
    /// (it is bounded in time on very large files), and SQLite refused it as it was read.
    #[error(
        "a value in the file is larger than the {} MiB Claimdesk reads; the file may be crafted \
         or damaged: ask its author for a fresh copy. Nothing was changed.",
        crate::db::MAX_VALUE_BYTES / (1024 * 1024)
    )]
    ValueTooLarge,
    /// Any other SQLite failure: a bug or an unexpected environment.
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
    /// The team server refused or could not be reached; the message says what to do, and
    /// local work is kept either way.
    #[error("{message}")]
    TeamServer {
        /// Which case it is: the app shows "offline" for one and an error for the others.
        problem: ServerProblem,
        /// What happened and what to do next.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{context}: {source}")]
    Io {
        /// What we were doing, with the path.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// The cases of [`Error::TeamServer`] a person acts on differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ServerProblem {
    /// The server cannot be reached (down, no network): work goes on and syncs later.
    Unreachable,
    /// The password (or the analyst name) was refused.
    WrongPassword,
    /// TLS failed: the server has none while it is required, or its certificate is not trusted.
    Tls,
    /// Not a member of the project (never was, or access was revoked).
    AccessDenied,
    /// The project was removed from the server.
    ProjectRemoved,
    /// The server's team schema is newer than this Claimdesk.
    NewerSchema,
    /// The server has no team schema, or this file is not joined to a project.
    NotSetUp,
    /// Anything else the server said.
    Other,
}

impl Error {
    /// Shorthand for [`Error::TeamServer`].
    pub fn server(problem: ServerProblem, message: impl Into<String>) -> Self {
        Error::TeamServer {
            problem,
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Corrupt`]: the file at `path` is damaged or crafted, and why.
    pub(crate) fn corrupt(path: &std::path::Path, detail: impl Into<String>) -> Self {
        Error::Corrupt {
            path: path.to_owned(),
            detail: detail.into(),
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput(message.into())
    }

    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }

    /// Wrap an I/O error with what we were doing.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// Conditions an analyst can act on get their own variant; the rest stay SQLite errors.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::{ffi, ErrorCode};
        if let rusqlite::Error::SqliteFailure(code, _) = &err {
            if code.extended_code == ffi::SQLITE_READONLY_ROLLBACK {
                return Error::UnfinishedChange;
            }
        }
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Locked,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly,
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::SystemIoFailure) => Error::DiskIo,
            Some(ErrorCode::TooBig) => Error::ValueTooLarge,
            _ => Error::Sqlite(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::limits::Limit;
    use rusqlite::Connection;

    use super::*;
    use crate::db::MAX_VALUE_BYTES;

    /// A stored value longer than the connection's length limit, read back: the real
    /// `SQLITE_TOOBIG` that a value past [`MAX_VALUE_BYTES`] gives on our connections.
    fn reading_a_value_over_the_limit() -> rusqlite::Error {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (v TEXT)").unwrap();
        conn.execute("INSERT INTO t VALUES (?1)", ["x".repeat(5000)])
            .unwrap();
        conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, 1000).unwrap();
        conn.query_row("SELECT v FROM t", [], |r| r.get::<_, String>(0))
            .unwrap_err()
    }

    #[test]
    fn a_value_over_the_length_limit_says_what_to_do() {
        let sqlite = reading_a_value_over_the_limit();
        assert_eq!(
            sqlite.sqlite_error_code(),
            Some(rusqlite::ErrorCode::TooBig)
        );
        let err = Error::from(sqlite);
        assert!(matches!(err, Error::ValueTooLarge), "{err:?}");
        let message = err.to_string();
        let limit = format!("{} MiB", MAX_VALUE_BYTES / (1024 * 1024));
        assert!(message.contains(&limit), "{message}");
        assert!(
            message.contains("ask its author for a fresh copy"),
            "{message}"
        );
        assert!(!message.contains("database error"), "{message}");
    }
}
