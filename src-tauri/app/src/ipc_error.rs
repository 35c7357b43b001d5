//! How errors cross into the UI: `{ "kind": "...", "message": "..." }`. The kind is stable and
//! machine-readable; the message is for the analyst and says what to do. The mapping from the
//! core's error is exhaustive, so a new core error cannot cross unclassified.

use claimdesk_core::error::ServerProblem;
use claimdesk_core::Error;
use serde::Serialize;
#[cfg(feature = "bindings")]
use ts_rs::TS;

/// Classifies an error for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The record no longer exists.
    NotFound,
    /// The input was refused; the message says what to change.
    InvalidInput,
    /// The database file was written by a newer Claimdesk.
    NewerSchema,
    /// The file is not a database.
    NotADatabase,
    /// The file is another program's SQLite database.
    ForeignDatabase,
    /// The database file is damaged.
    Corrupt,
    /// The database could not be opened or created.
    CannotOpen,
    /// Another writer holds the lock.
    Locked,
    /// The file cannot be written.
    ReadOnly,
    /// A command named a file the analyst did not choose in a dialog or drop on the window.
    NotChosen,
    /// The disk is full.
    DiskFull,
    /// The disk refused a write (read-only after an error, unplugged, failing).
    DiskIo,
    /// The team server cannot be reached: work goes on and syncs later.
    Offline,
    /// The team server refused (password, TLS, access, schema): the message says what to do.
    TeamServer,
    /// Anything else: a bug or an unexpected environment.
    Internal,
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct IpcError {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// A sentence for the analyst.
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(err: Error) -> Self {
        let kind = match &err {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::InvalidInput(_) | Error::Offset(_) => ErrorKind::InvalidInput,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::NotADatabase { .. } => ErrorKind::NotADatabase,
            Error::ForeignDatabase { .. } => ErrorKind::ForeignDatabase,
            Error::Corrupt { .. } | Error::ValueTooLarge => ErrorKind::Corrupt,
            Error::CannotOpen { .. } | Error::UnfinishedChange => ErrorKind::CannotOpen,
            Error::Locked => ErrorKind::Locked,
            Error::ReadOnly => ErrorKind::ReadOnly,
            Error::DiskFull => ErrorKind::DiskFull,
            Error::DiskIo => ErrorKind::DiskIo,
            Error::TeamServer {
                problem: ServerProblem::Unreachable,
                ..
            } => ErrorKind::Offline,
            Error::TeamServer { .. } => ErrorKind::TeamServer,
            Error::Sqlite(_) | Error::Io { .. } => ErrorKind::Internal,
        };
        if kind == ErrorKind::Internal {
            log::error!("internal error: {err:?}");
        }
        let message = match kind {
            ErrorKind::Internal => format!(
                "Something went wrong inside Claimdesk ({err}). Your earlier work is saved; \
                 try again, and report this if it keeps happening."
            ),
            _ => err.to_string(),
        };
        IpcError { kind, message }
    }
}

impl IpcError {
    /// An internal failure outside the core (a poisoned lock, a missing window).
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            kind: ErrorKind::Internal,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn error_crosses_as_kind_and_message_only() {
        let err = IpcError::from(Error::NewerSchema {
            path: PathBuf::from("team.sqlite"),
            found: 9,
            supported: 1,
        });
        let json = serde_json::to_value(&err).unwrap();
        let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["kind", "message"]);
        assert_eq!(json["kind"], "newer_schema");
        let message = json["message"].as_str().unwrap();
        assert!(message.contains("team.sqlite") && message.contains("Update Claimdesk"));
    }

    #[test]
    fn each_core_error_has_its_kind() {
        let cases = [
            (Error::not_found("article", "x"), "not_found"),
            (Error::invalid("bad"), "invalid_input"),
            (Error::Locked, "locked"),
            (Error::server(ServerProblem::Unreachable, "down"), "offline"),
            (
                Error::server(ServerProblem::AccessDenied, "revoked"),
                "team_server",
            ),
            (Error::ReadOnly, "read_only"),
            (Error::DiskFull, "disk_full"),
            (Error::DiskIo, "disk_io"),
            (Error::UnfinishedChange, "cannot_open"),
            (Error::ValueTooLarge, "corrupt"),
            (
                Error::NotADatabase {
                    path: PathBuf::from("a"),
                },
                "not_a_database",
            ),
            (Error::Sqlite(rusqlite_misuse()), "internal"),
        ];
        for (err, kind) in cases {
            assert_eq!(
                serde_json::to_value(IpcError::from(err)).unwrap()["kind"],
                kind
            );
        }
    }

    fn rusqlite_misuse() -> claimdesk_core::db::SqliteError {
        claimdesk_core::db::SqliteError::InvalidQuery
    }
}
