//! Many writers, one file: two processes (this test binary run again as a child) each write
//! 1,000 annotations, one transaction each, at the same moment; every row arrives and neither
//! sees "database is locked". Once with WAL (a local file), once with the rollback journal a
//! file marked as shared uses. And a window notices the other's commits through data_version.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk_core::model::ids::ArticleId;
use claimdesk_core::Store;

use crate::support::*;

const CHILD_DB: &str = "CLAIMDESK_TEST_WRITER_DB";
const CHILD_NAME: &str = "CLAIMDESK_TEST_WRITER_NAME";
const CHILD_ARTICLE: &str = "CLAIMDESK_TEST_WRITER_ARTICLE";
const WRITES: usize = 1000;

/// The child's side: runs only when the parent test starts this binary with the variables set.
#[test]
fn writer_child() {
    let Some(db) = std::env::var_os(CHILD_DB).map(PathBuf::from) else {
        return;
    };
    let name = std::env::var(CHILD_NAME).unwrap();
    let article = ArticleId(std::env::var(CHILD_ARTICLE).unwrap());
    let mut store = Store::open(&db).unwrap();
    let me = store.ensure_annotator(&name).unwrap().id;
    let article = store.get_article(&article).unwrap();
    std::fs::write(db.with_extension(format!("ready-{name}")), "").unwrap();
    let go = db.with_extension("go");
    let waiting = Instant::now();
    while !go.exists() && waiting.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    let words: Vec<&str> = article.text.split(' ').collect();
    for i in 0..WRITES {
        let span = span_of(&article, CLAIM, words[i % words.len()]);
        if let Err(err) = store.create_annotation(&me, span) {
            panic!("write {i} by {name} failed: {err}");
        }
    }
}

fn spawn_writer(db: &Path, name: &str, article: &ArticleId) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "concurrent_writers::writer_child",
            "--test-threads=1",
        ])
        .env(CHILD_DB, db)
        .env(CHILD_NAME, name)
        .env(CHILD_ARTICLE, article.as_str())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn two_writers(shared: bool) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.sqlite");
    let mut store = Store::open(&db).unwrap();
    if shared {
        assert_eq!(store.set_file_shared(true).unwrap().journal_mode, "delete");
    }
    let article = paste(
        &mut store,
        "alpha beta gamma delta epsilon zeta eta theta iota kappa",
    );
    drop(store);
    let children = [
        spawn_writer(&db, "Ana", &article.id),
        spawn_writer(&db, "Boris", &article.id),
    ];
    let ready = |n: &str| db.with_extension(format!("ready-{n}")).exists();
    let waiting = Instant::now();
    while !(ready("Ana") && ready("Boris")) && waiting.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
    std::fs::write(db.with_extension("go"), "").unwrap();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let store = Store::open(&db).unwrap();
    let rows = store.list_annotations(&article.id).unwrap();
    assert_eq!(rows.len(), 2 * WRITES);
    for name in ["Ana", "Boris"] {
        let id = store
            .list_annotators()
            .unwrap()
            .into_iter()
            .find(|a| a.name == name)
            .unwrap()
            .id;
        assert_eq!(rows.iter().filter(|a| a.annotator_id == id).count(), WRITES);
    }
    let expected_journal = if shared { "delete" } else { "wal" };
    assert_eq!(store.file_sharing().unwrap().journal_mode, expected_journal);
}

#[test]
fn two_processes_write_1000_annotations_each_to_a_local_file() {
    two_writers(false);
}

#[test]
fn two_processes_write_1000_annotations_each_to_a_shared_file() {
    two_writers(true);
}

#[test]
fn a_window_sees_another_windows_commit_in_data_version() {
    let (dir, mut mine) = temp_store();
    let other_path = dir.path().join("test.sqlite");
    let mut other = Store::open(&other_path).unwrap();
    let before = mine.data_version().unwrap();
    paste(&mut mine, "My own write does not move my data_version.");
    assert_eq!(mine.data_version().unwrap(), before);
    paste(&mut other, "Another window's write does.");
    assert_ne!(mine.data_version().unwrap(), before);
}
