//! `check`: look at a database file without changing it. Reports its schema version against
//! ours, whether it is a Claimdesk file, any schema object Claimdesk does not create, any value
//! longer than Claimdesk reads, SQLite's full `integrity_check`, and how much it holds.
//!
//! The file may be anyone's, so it is opened the way every untrusted file is
//! (`store::open_read_only`: header inspected, special files refused unopened, a read-only
//! connection with SQLite's limits and guards). Then, in two phases:
//! - what is cheap and decides whether reading on is safe (application id, version, the schema
//!   allowlist) runs under [`CHECK_DEADLINE`], as at open: a file with a view, trigger or table
//!   we did not create is reported at once, and none of them is ever run (another program's
//!   file or a newer one gets no allowlist; its `integrity_check` below runs no code either);
//! - what reads the whole file (the value-length scan, `integrity_check`, the counts) has no
//!   deadline, since the analyst asked for it and a sound corpus of gigabytes takes minutes; the
//!   caller watches it through [`check_database_watched`] and may stop it. It is skipped when
//!   the schema has objects we did not create, and `integrity_check` and the counts are skipped
//!   when a value is too long: the report says why.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};
use serde::Serialize;

use crate::db::file_check::{self, STEPS_BETWEEN_CLOCK_READS};
use crate::db::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::db::schema_check;
use crate::db::{open_read_only, CHECK_DEADLINE};
use crate::error::{Error, Result};

/// How often, at most, the watcher of a long check is called.
const WATCH_EVERY: Duration = Duration::from_secs(1);

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
    /// SQLite's `integrity_check` lines; `["ok"]` when sound, one "not run: …" line when the
    /// check was skipped for a problem reported above.
    pub integrity: Vec<String>,
    /// A schema object Claimdesk does not create (a trigger, view, virtual table...) or a
    /// changed definition; `None` when the schema is exactly ours.
    pub schema_problem: Option<String>,
    /// A value longer than Claimdesk reads (which table and column, how long); `None` when
    /// every value fits, or when the scan did not run (not our schema).
    pub value_problem: Option<String>,
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
            && self.value_problem.is_none()
    }
}

/// Check the file at `path` without modifying it.
pub fn check_database(path: &Path) -> Result<CheckReport> {
    check_database_watched(path, |_| ControlFlow::Continue(()))
}

/// [`check_database`], calling `watch` about once a second, with the time spent, while the
/// part that reads the whole file runs; `ControlFlow::Break` stops the check, which then fails
/// with that reason. The file is not changed either way.
pub fn check_database_watched(
    path: &Path,
    watch: impl FnMut(Duration) -> ControlFlow<()> + Send + 'static,
) -> Result<CheckReport> {
    check_watched_every(path, WATCH_EVERY, watch)
}

/// [`check_database_watched`] with `watch` called at most every `every` (tests use zero).
fn check_watched_every(
    path: &Path,
    every: Duration,
    watch: impl FnMut(Duration) -> ControlFlow<()> + Send + 'static,
) -> Result<CheckReport> {
    let conn = open_read_only(path)?;
    let identity =
        file_check::within_deadline(&conn, path, CHECK_DEADLINE, |_| read_identity(&conn))?;
    conn.progress_handler(STEPS_BETWEEN_CLOCK_READS, Some(watcher(every, watch)))?;
    let contents = read_contents(&conn, &identity).map_err(|err| reading(path, err));
    conn.progress_handler(0, None::<fn() -> bool>)?;
    let contents = contents?;
    Ok(CheckReport {
        path: path.to_owned(),
        is_claimdesk_file: identity.is_claimdesk_file,
        schema_version: identity.version,
        supported_version: SCHEMA_VERSION,
        schema_status: match identity.version.cmp(&SCHEMA_VERSION) {
            std::cmp::Ordering::Less => SchemaStatus::Older,
            std::cmp::Ordering::Equal => SchemaStatus::Current,
            std::cmp::Ordering::Greater => SchemaStatus::Newer,
        },
        integrity: contents.integrity,
        schema_problem: identity.schema_problem,
        value_problem: contents.value_problem,
        articles: contents.articles,
        annotations: contents.annotations,
    })
}

/// What the header and the schema say: cheap, and read before anything else.
struct Identity {
    is_claimdesk_file: bool,
    version: i64,
    schema_problem: Option<String>,
}

impl Identity {
    /// Our file, at a version we read, with only our schema objects.
    fn is_ours(&self) -> bool {
        self.is_claimdesk_file && self.version <= SCHEMA_VERSION && self.schema_problem.is_none()
    }
}

fn read_identity(conn: &Connection) -> Result<Identity> {
    let is_claimdesk_file = migrations::application_id(conn)? == APPLICATION_ID;
    let version = migrations::user_version(conn)?;
    let schema_problem = if is_claimdesk_file && version <= SCHEMA_VERSION {
        schema_check::schema_difference(conn, version)?
    } else {
        None
    };
    Ok(Identity {
        is_claimdesk_file,
        version,
        schema_problem,
    })
}

/// What reading the whole file found.
struct Contents {
    value_problem: Option<String>,
    integrity: Vec<String>,
    articles: Option<i64>,
    annotations: Option<i64>,
}

fn read_contents(conn: &Connection, identity: &Identity) -> Result<Contents> {
    let skipped = |why: &str| Contents {
        value_problem: None,
        integrity: vec![format!("not run: {why}")],
        articles: None,
        annotations: None,
    };
    if identity.schema_problem.is_some() {
        return Ok(skipped(
            "the file has schema objects Claimdesk did not create",
        ));
    }
    let value_problem = if identity.is_ours() {
        file_check::value_over_limit(conn)?
    } else {
        None
    };
    if value_problem.is_some() {
        return Ok(Contents {
            value_problem,
            ..skipped("the file holds a value longer than Claimdesk reads")
        });
    }
    let integrity = integrity_lines(conn)?;
    let readable = identity.is_ours() && integrity == ["ok"];
    let count = |sql: &str| -> Option<i64> {
        readable
            .then(|| conn.query_row(sql, [], |r| r.get(0)).ok())
            .flatten()
    };
    Ok(Contents {
        value_problem: None,
        articles: count("SELECT count(*) FROM articles WHERE deleted_at IS NULL"),
        annotations: count("SELECT count(*) FROM annotations WHERE deleted_at IS NULL"),
        integrity,
    })
}

/// A progress handler that calls `watch` at most every `every` and stops SQLite when it
/// answers `Break`.
fn watcher(
    every: Duration,
    mut watch: impl FnMut(Duration) -> ControlFlow<()> + Send + 'static,
) -> impl FnMut() -> bool + Send + 'static {
    let started = Instant::now();
    let mut next = started + every;
    move || {
        let now = Instant::now();
        if now < next {
            return false;
        }
        next = now + every;
        watch(now - started).is_break()
    }
}

fn integrity_lines(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(100)")?;
    let lines = stmt.query_map([], |r| r.get(0))?;
    Ok(lines.collect::<rusqlite::Result<_>>()?)
}

/// A read that fails names the file; one its watcher stopped says so.
fn reading(path: &Path, err: Error) -> Error {
    let Error::Sqlite(e) = err else {
        return err;
    };
    match e.sqlite_error_code() {
        Some(ErrorCode::OperationInterrupted) => Error::invalid(format!(
            "the check of {} was stopped before it finished; the file was not changed",
            path.display()
        )),
        Some(ErrorCode::NotADatabase) => Error::NotADatabase {
            path: path.to_owned(),
        },
        _ => Error::Corrupt {
            path: path.to_owned(),
            detail: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    use super::*;
    use crate::db::Store;

    /// A closed file of ours with enough rows for `integrity_check` to call the watcher.
    fn file_of_ours(dir: &Path) -> PathBuf {
        let path = dir.join("ours.sqlite");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
             INSERT INTO settings (key, value) SELECT 'filler-' || i, 'x' FROM n;",
        )
        .unwrap();
        path
    }

    #[test]
    fn a_sound_file_of_ours_is_healthy_and_counted() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_of_ours(dir.path());
        let report = check_database(&path).unwrap();
        assert!(report.is_healthy(), "{report:?}");
        assert_eq!(report.integrity, ["ok"]);
        assert_eq!((report.articles, report.annotations), (Some(0), Some(0)));
    }

    #[test]
    fn the_watcher_sees_a_long_check_and_can_stop_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_of_ours(dir.path());
        let before = std::fs::read(&path).unwrap();
        let calls = Arc::new(AtomicU32::new(0));
        let seen = Arc::clone(&calls);
        let err = check_watched_every(&path, Duration::ZERO, move |_| {
            seen.fetch_add(1, Ordering::Relaxed);
            ControlFlow::Break(())
        })
        .unwrap_err();
        assert_eq!(calls.load(Ordering::Relaxed), 1);
        assert!(
            err.to_string().contains("was stopped before it finished"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_view_we_did_not_write_is_reported_without_reading_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_of_ours(dir.path());
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE VIEW extra AS SELECT 1;")
            .unwrap();
        let calls = Arc::new(AtomicU32::new(0));
        let seen = Arc::clone(&calls);
        let report = check_watched_every(&path, Duration::ZERO, move |_| {
            seen.fetch_add(1, Ordering::Relaxed);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert!(!report.is_healthy());
        assert!(report
            .schema_problem
            .as_deref()
            .is_some_and(|p| p.contains("extra")));
        assert!(report.integrity[0].starts_with("not run: "), "{report:?}");
        assert_eq!(calls.load(Ordering::Relaxed), 0, "the whole file was read");
    }
}
