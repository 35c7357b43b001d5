//! Files from someone else: a crafted schema (an extra trigger, view or virtual table, a changed
//! definition), a newer version, a truncated file or another program's file is refused by every
//! way in (open, open for reading, merge) with a reason, and stays byte for byte as it was.

use std::path::{Path, PathBuf};

use claimdesk_core::db::migrations::SCHEMA_VERSION;
use claimdesk_core::team::merge::merge_files;
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::{Error, Store};

use crate::support::*;

/// A closed database with an article and an annotation, in rollback-journal mode so that the
/// main file holds everything and a reader leaves no WAL behind.
fn teammate_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    let article = paste(&mut store, "RT spent 274,000 dollars on promoted tweets.");
    let ana = analyst(&mut store);
    store
        .create_annotation(&ana, span_of(&article, CLAIM, "274,000 dollars"))
        .unwrap();
    drop(store);
    raw(&path, "PRAGMA journal_mode = DELETE;");
    path
}

fn raw(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// Every way a file is opened refuses it, and the bytes are unchanged after each.
fn assert_refused(path: &Path, expect: impl Fn(&Error) -> bool) -> String {
    let before = std::fs::read(path).unwrap();
    let err = Store::open(path).unwrap_err();
    assert!(expect(&err), "open: {err}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "open modified the file"
    );
    let again = Store::open_untrusted(path).unwrap_err();
    assert!(expect(&again), "open_untrusted: {again}");
    assert_eq!(std::fs::read(path).unwrap(), before, "reading modified it");
    let dir = tempfile::tempdir().unwrap();
    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    let merged = merge_files(&mut team, &[path.to_owned()], &mut |_: &MergeProgress| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(expect(&merged), "merge: {merged}");
    assert_eq!(std::fs::read(path).unwrap(), before, "merge modified it");
    assert!(team.list_articles().unwrap().is_empty(), "merge wrote data");
    err.to_string()
}

fn corrupt_schema(err: &Error) -> bool {
    matches!(err, Error::Corrupt { detail, .. } if detail.contains("Claimdesk did not create"))
}

#[test]
fn rejects_a_file_with_an_extra_trigger() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "trigger.sqlite");
    raw(
        &path,
        "CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM articles; END;",
    );
    let message = assert_refused(&path, corrupt_schema);
    assert!(
        message.contains("a trigger on \"annotations\""),
        "{message}"
    );
    assert!(message.contains("The file was not changed"), "{message}");
}

#[test]
fn rejects_a_file_with_an_extra_view() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "view.sqlite");
    raw(&path, "CREATE VIEW everything AS SELECT * FROM articles;");
    let message = assert_refused(&path, corrupt_schema);
    assert!(message.contains("a view \"everything\""), "{message}");
}

#[test]
fn rejects_a_file_with_an_extra_virtual_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "vtab.sqlite");
    raw(&path, "CREATE VIRTUAL TABLE notes USING fts5(body);");
    let message = assert_refused(&path, corrupt_schema);
    assert!(message.contains("a virtual table \"notes\""), "{message}");
}

#[test]
fn rejects_a_file_whose_trigger_was_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "rewritten.sqlite");
    // History that can be deleted: our append-only guard replaced by a no-op.
    raw(
        &path,
        "DROP TRIGGER history_is_append_only_delete;
         CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history BEGIN SELECT 1; END;",
    );
    let message = assert_refused(&path, corrupt_schema);
    assert!(message.contains("definition of a trigger"), "{message}");
}

#[test]
fn rejects_a_file_from_a_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "newer.sqlite");
    raw(
        &path,
        &format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1),
    );
    assert_refused(
        &path,
        |e| matches!(e, Error::NewerSchema { found, .. } if *found == SCHEMA_VERSION + 1),
    );
}

#[test]
fn rejects_a_truncated_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "truncated.sqlite");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused(
        &path,
        |e| matches!(e, Error::Corrupt { detail, .. } if detail.contains("truncated")),
    );
}

#[test]
fn rejects_a_file_with_another_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "other.sqlite");
    raw(&path, "PRAGMA application_id = 1234;");
    assert_refused(&path, |e| {
        matches!(e, Error::ForeignDatabase { found: 1234, .. })
    });
}

#[test]
fn rejects_a_file_with_damaged_pages_before_reading_its_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "damaged.sqlite");
    let mut bytes = std::fs::read(&path).unwrap();
    let page = 4096;
    for b in &mut bytes[2 * page + 8..3 * page] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused(&path, |e| matches!(e, Error::Corrupt { .. }));
}

#[test]
fn a_sound_teammate_file_opens_for_reading_without_being_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = teammate_file(dir.path(), "sound.sqlite");
    let before = std::fs::read(&path).unwrap();
    let store = Store::open_untrusted(&path).unwrap();
    assert_eq!(store.list_articles().unwrap().len(), 1);
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// A copy taken while another program was mid-transaction: the main file already holds some of
/// the new pages and a hot journal beside it holds the old ones.
fn file_with_unfinished_change(dir: &Path) -> PathBuf {
    let path = teammate_file(dir, "live.sqlite");
    let writer = rusqlite::Connection::open(&path).unwrap();
    // A tiny cache makes SQLite spill changed pages into the main file before the commit.
    writer
        .execute_batch("PRAGMA cache_size = 2; BEGIN IMMEDIATE;")
        .unwrap();
    for i in 0..400 {
        writer
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)",
                (format!("filler-{i}"), "x".repeat(900)),
            )
            .unwrap();
    }
    let copy = dir.join("copied.sqlite");
    std::fs::copy(&path, &copy).unwrap();
    std::fs::copy(
        path.with_extension("sqlite-journal"),
        copy.with_extension("sqlite-journal"),
    )
    .unwrap();
    copy
}

#[test]
fn a_teammate_file_left_mid_change_is_refused_with_what_to_do_and_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let copy = file_with_unfinished_change(dir.path());
    let before = std::fs::read(&copy).unwrap();
    let err = Store::open_untrusted(&copy).unwrap_err();
    assert!(matches!(err, Error::UnfinishedChange), "{err}");
    assert!(
        err.to_string().contains("Open the file once in Claimdesk"),
        "{err}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before, "reading modified it");
    // Opening it as the analyst's own file rolls the change back, as the message says.
    drop(Store::open(&copy).unwrap());
    let store = Store::open_untrusted(&copy).unwrap();
    assert_eq!(store.list_articles().unwrap().len(), 1);
}
