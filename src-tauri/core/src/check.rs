//! `check`: look at a database file without changing it. Opens the file read-only, reports its
//! schema version against ours, whether it is a Claimdesk file, SQLite's `integrity_check`, any
//! schema object Claimdesk does not create, and how much it holds.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::file_header::{self, FileState};
use crate::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::schema_check;

/// How the file's schema compares with this build's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SchemaStatus {
    /// Same version as this build.
    Current,
    /// Older: it will be upgraded the next time the app or CLI opens it for writing.
    Older,
    /// Newer: this build refuses to write to it.
    Newer,
}

/// What `check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The file checked.
    pub path: PathBuf,
    /// Whether the header carries Claimdesk's application id.
    pub is_claimdesk_file: bool,
    /// Schema version in the file.
    pub schema_version: i64,
    /// Highest schema version this build reads.
    pub supported_version: i64,
    /// Comparison of the two.
    pub schema_status: SchemaStatus,
    /// SQLite's `integrity_check` lines; `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// A schema object Claimdesk does not create (a trigger, view, virtual table...) or a
    /// changed definition; `None` when the schema is exactly ours.
    pub schema_problem: Option<String>,
    /// Live articles (when the schema is readable).
    pub articles: Option<i64>,
    /// Live annotations (when the schema is readable).
    pub annotations: Option<i64>,
}

impl CheckReport {
    /// True when the file is a sound Claimdesk database this build can use.
    pub fn is_healthy(&self) -> bool {
        self.is_claimdesk_file
            && self.schema_status != SchemaStatus::Newer
            && self.integrity == ["ok"]
            && self.schema_problem.is_none()
    }
}

/// Check the file at `path` without modifying it.
pub fn check_database(path: &Path) -> Result<CheckReport> {
    if file_header::inspect(path)? == FileState::New {
        return Err(Error::CannotOpen {
            path: path.to_owned(),
            reason: "there is no database there".into(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::CannotOpen {
        path: path.to_owned(),
        reason: e.to_string(),
    })?;
    conn.pragma_update(None, "trusted_schema", false)?;
    let app_id = migrations::application_id(&conn).map_err(|e| reading(path, e))?;
    let version = migrations::user_version(&conn).map_err(|e| reading(path, e))?;
    let is_claimdesk_file = app_id == APPLICATION_ID;
    let integrity = integrity_lines(&conn).map_err(|e| reading(path, e))?;
    let schema_problem = if is_claimdesk_file && version <= SCHEMA_VERSION {
        schema_check::schema_difference(&conn, version).map_err(|e| reading(path, e))?
    } else {
        None
    };
    let readable = is_claimdesk_file
        && version <= SCHEMA_VERSION
        && integrity == ["ok"]
        && schema_problem.is_none();
    let count = |sql: &str| -> Option<i64> {
        readable
            .then(|| conn.query_row(sql, [], |r| r.get(0)).ok())
            .flatten()
    };
    Ok(CheckReport {
        path: path.to_owned(),
        is_claimdesk_file,
        schema_version: version,
        supported_version: SCHEMA_VERSION,
        schema_status: match version.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Less => SchemaStatus::Older,
            std::cmp::Ordering::Equal => SchemaStatus::Current,
            std::cmp::Ordering::Greater => SchemaStatus::Newer,
        },
        articles: count("SELECT count(*) FROM articles WHERE deleted_at IS NULL"),
        annotations: count("SELECT count(*) FROM annotations WHERE deleted_at IS NULL"),
        integrity,
        schema_problem,
    })
}

fn integrity_lines(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(100)")?;
    let lines = stmt.query_map([], |r| r.get(0))?;
    Ok(lines.collect::<rusqlite::Result<_>>()?)
}

/// A read that fails on a damaged file names the file.
fn reading(path: &Path, err: Error) -> Error {
    match err {
        Error::Sqlite(e) => match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_owned(),
            },
            _ => Error::Corrupt {
                path: path.to_owned(),
                detail: e.to_string(),
            },
        },
        other => other,
    }
}
