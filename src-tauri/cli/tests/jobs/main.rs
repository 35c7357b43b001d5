//! The CLI's long jobs (import, merge, export, annotation import) as a person and a script see
//! them: the progress line is drawn on a terminal and nowhere else, and Ctrl-C stops a job
//! between two units as the window's Cancel button does, with the summary saying so and exit
//! status 130. Real processes, real files; the moment of the signal is chosen by what the files
//! show (the first article stored, a full pipe), never by a delay.
// A pseudo-terminal, SIGINT and /proc are Linux's.
#![cfg(target_os = "linux")]

#[path = "../common/mod.rs"]
mod common;
mod ctrl_c;
mod progress_line;
mod terminal;

use std::path::{Path, PathBuf};
use std::process::{Child, Output};
use std::time::Duration;

use claimdesk_core::db::queries::articles::NewArticle;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{ArticleMeta, Attributes, NewAnnotation, SourceKind};
use claimdesk_core::Store;
pub use common::{cli, command};
use rusqlite::OpenFlags;

/// The built-in "claim" label.
const CLAIM: &str = "00000000-0000-7000-8000-000000000001";

/// How often a test looks at a child's files while it runs.
const POLL: Duration = Duration::from_millis(2);

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|err| panic!("{err}: {}{}", text(&out.stdout), text(&out.stderr)))
}

/// A folder of `count` small text files, each its own article.
fn folder_of_articles(dir: &Path, count: usize) -> PathBuf {
    let folder = dir.join("articles");
    std::fs::create_dir(&folder).unwrap();
    for n in 0..count {
        let story = format!("Story {n}\nThe ministry spent {n} 000 euros on promoted posts.\n");
        std::fs::write(folder.join(format!("story-{n:04}.txt")), story).unwrap();
    }
    folder
}

/// A database of `articles` articles with `per_article` claims each, written in one batch.
fn annotated_database(path: &Path, articles: usize, per_article: usize) {
    let mut store = Store::open(path).unwrap();
    let analyst = store.ensure_annotator("Ana").unwrap().id;
    let sentence = "The network spent 274 000 dollars on promoted tweets, it said. ";
    let width = sentence.chars().count() as i64;
    store
        .batch(|batch| {
            for n in 0..articles {
                let text = format!("{n:05}\n{}", sentence.repeat(per_article));
                let article = batch.create_article(NewArticle {
                    meta: ArticleMeta {
                        title: format!("Article {n}"),
                        ..ArticleMeta::default()
                    },
                    source_kind: SourceKind::Paste,
                    source_name: None,
                    original: text.clone().into_bytes(),
                    text,
                })?;
                for k in 0..per_article as i64 {
                    let start = 6 + k * width;
                    batch.create_annotation(
                        &analyst,
                        NewAnnotation {
                            article_id: article.id.clone(),
                            label_id: LabelId::from(CLAIM),
                            start,
                            end: start + 17,
                            attributes: Attributes::default(),
                        },
                    )?;
                }
            }
            Ok(())
        })
        .unwrap();
}

/// `SELECT count(*)` on `db` through a read-only connection, or None while the child has not
/// made the file or the table yet.
fn count_rows(db: &Path, table: &str) -> Option<i64> {
    let conn = rusqlite::Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.busy_timeout(Duration::from_secs(5)).ok()?;
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .ok()
}

/// Wait until `ready(child)` holds; the child must still be running then, or the test is void.
fn wait_while_running(child: &mut Child, mut ready: impl FnMut(&Child) -> bool) {
    while !ready(child) {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the job ended ({status}) before the moment to interrupt it came");
        }
        std::thread::sleep(POLL);
    }
}

/// Press Ctrl-C: SIGINT to the child.
fn interrupt(child: &Child) {
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) with a live child's pid and a standard signal.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill -INT");
}

/// Whether the child has installed a SIGINT handler (bit 2 of SigCgt in /proc/PID/status).
fn catches_sigint(child: &Child) -> bool {
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0)
}

/// `claimdesk-cli check` passes on `db`.
fn assert_healthy(db: &Path) {
    let check = cli(db, &["check"]);
    assert!(check.status.success(), "{}", text(&check.stdout));
}

/// Files in `dir` whose names end in `.tmp`: what an interrupted safe write would leave.
fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".tmp"))
        .collect()
}
