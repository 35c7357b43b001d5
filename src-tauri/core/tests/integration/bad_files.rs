//! Files that are not what they claim: each is refused with a reason and left byte for byte as
//! it was.

use std::path::{Path, PathBuf};

use claimdesk_core::db::check::{check_database, SchemaStatus};
use claimdesk_core::db::migrations::{APPLICATION_ID, SCHEMA_VERSION};
use claimdesk_core::{Error, Store};

use crate::support::*;

/// A closed database with some content, its WAL folded back into the main file.
fn populated_db(dir: &Path) -> PathBuf {
    let path = dir.join("team.sqlite");
    let mut store = Store::open(&path).unwrap();
    for i in 0..40 {
        paste(
            &mut store,
            &format!(
                "Article {i}\n{}",
                "Lorem ipsum dolor sit amet. ".repeat(200)
            ),
        );
    }
    drop(store);
    path
}

fn assert_untouched(path: &Path, before: &[u8]) {
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the file was modified"
    );
}

#[test]
fn rejects_database_from_newer_version_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = populated_db(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
        "{err}"
    );
    assert!(err.to_string().contains("Update Claimdesk"));
    assert_untouched(&path, &before);
    let report = check_database(&path).unwrap();
    assert_eq!(report.schema_status, SchemaStatus::Newer);
    assert!(!report.is_healthy());
    assert_untouched(&path, &before);
}

#[test]
fn rejects_a_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    let before = b"These are my notes, not a database.\n".repeat(100);
    std::fs::write(&path, &before).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::NotADatabase { .. }), "{err}");
    assert!(check_database(&path).is_err());
    assert_untouched(&path, &before);
}

#[test]
fn rejects_a_truncated_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = populated_db(dir.path());
    let full = std::fs::read(&path).unwrap();
    let before = full[..full.len() / 2].to_vec();
    std::fs::write(&path, &before).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
    assert_untouched(&path, &before);
}

#[test]
fn rejects_a_database_with_damaged_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = populated_db(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    // Overwrite the second page (the first table's b-tree root) with garbage.
    let page = 4096;
    for b in &mut bytes[page..page * 3] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, Error::Corrupt { .. } | Error::NotADatabase { .. }),
        "{err}"
    );
    assert_untouched(&path, &bytes);
    match check_database(&path) {
        Ok(report) => assert!(!report.is_healthy(), "{report:?}"),
        Err(err) => assert!(matches!(err, Error::Corrupt { .. }), "{err}"),
    }
    assert_untouched(&path, &bytes);
}

#[test]
fn rejects_another_programs_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert_untouched(&path, &before);
}

#[test]
fn unwritable_location_gives_a_reason_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    for path in [
        blocker.join("db.sqlite"),
        dir.path().join("missing/db.sqlite"),
    ] {
        let err = Store::open(&path).unwrap_err();
        assert!(matches!(err, Error::CannotOpen { .. }), "{err}");
        assert!(err.to_string().contains("--db"), "{err}");
    }
    assert!(!dir.path().join("missing").exists());
}

#[test]
fn a_healthy_file_checks_out_with_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = populated_db(dir.path());
    let report = check_database(&path).unwrap();
    assert!(report.is_healthy(), "{report:?}");
    assert_eq!(report.articles, Some(40));
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
}
