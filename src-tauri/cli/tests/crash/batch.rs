//! The import child: `claimdesk-cli import-annotations` on a doccano file of 10,000 spans. The
//! importer commits each document (its article and all its spans) in one transaction, and the
//! file holds one document, so the unit that must be all or nothing is the whole batch: its
//! article with 10,000 annotations and their 10,000 create events, or no trace of it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use rusqlite::Connection;
use serde_json::json;

/// Annotations in one batch.
pub const BATCH_SPANS: i64 = 10_000;

/// Words in a batch's text; every span covers one to five of them.
const WORDS: usize = 700;

/// The built-in labels, by the names a doccano file uses.
const LABELS: [&str; 3] = ["claim", "quote", "figure"];

/// One batch file imported by one child.
pub struct Batch {
    pub title: String,
    /// A verification found it whole: from then on it must stay whole.
    pub seen_whole: bool,
    /// The child was killed (rather than measured running to the end).
    pub killed: bool,
}

/// Write a doccano file whose text no other batch has, so that nothing of it is a duplicate.
pub fn write_file(dir: &Path, name: &str) -> (PathBuf, Batch) {
    let title = format!("Crash suite batch {name}");
    let head = format!("{title}. ");
    let words: Vec<String> = (0..WORDS).map(|i| format!("w{i}")).collect();
    let mut bounds = Vec::with_capacity(WORDS);
    let mut at = head.len();
    for w in &words {
        bounds.push((at, at + w.len()));
        at += w.len() + 1;
    }
    let spans: Vec<_> = (0..WORDS)
        .flat_map(|i| (0..5).map(move |len| (i, i + len)))
        .filter(|&(_, last)| last < WORDS)
        .flat_map(|(first, last)| LABELS.map(|l| json!([bounds[first].0, bounds[last].1, l])))
        .take(BATCH_SPANS as usize)
        .collect();
    assert_eq!(spans.len() as i64, BATCH_SPANS);
    let line = json!({ "text": head + &words.join(" "), "label": spans, "title": title });
    let path = dir.join(format!("batch-{name}.jsonl"));
    std::fs::write(&path, format!("{line}\n")).expect("batch file");
    let batch = Batch {
        title,
        seen_whole: false,
        killed: true,
    };
    (path, batch)
}

/// Start the real CLI importing the file.
pub fn spawn_import(db: &Path, file: &Path, log: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(["import-annotations", "--format", "doccano"])
        .arg(file)
        .env_remove("CLAIMDESK_DB")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).expect("log"))
        .spawn()
        .expect("claimdesk-cli starts")
}

/// Each batch is absent or whole, and a batch once whole stays whole.
pub fn verify(conn: &Connection, batches: &mut [Batch]) -> Result<(), String> {
    for batch in batches {
        let whole = state(conn, &batch.title)?;
        if batch.seen_whole && !whole {
            return Err(format!("{}: whole before, gone now", batch.title));
        }
        batch.seen_whole |= whole;
    }
    Ok(())
}

/// `true` when the batch is whole, `false` when there is no trace of it, an error otherwise.
fn state(conn: &Connection, title: &str) -> Result<bool, String> {
    let articles = ids(conn, "SELECT id FROM articles WHERE title = ?1", title)?;
    let article = match articles.as_slice() {
        [] => return Ok(false),
        [one] => one,
        more => return Err(format!("{title}: stored {} times", more.len())),
    };
    let count = |sql: &str| -> Result<i64, String> {
        conn.query_row(sql, [article], |r| r.get(0))
            .map_err(|e| e.to_string())
    };
    let annotations =
        count("SELECT count(*) FROM annotations WHERE article_id = ?1 AND deleted_at IS NULL")?;
    let creates = count(
        "SELECT count(*) FROM history
         WHERE article_id = ?1 AND entity = 'annotation' AND action = 'create'",
    )?;
    let article_events = count("SELECT count(*) FROM history WHERE entity_id = ?1")?;
    if (annotations, creates, article_events) != (BATCH_SPANS, BATCH_SPANS, 1) {
        return Err(format!(
            "{title}: partly stored: {annotations} annotations, {creates} create events, \
             {article_events} article events (a whole batch has {BATCH_SPANS}, {BATCH_SPANS}, 1)"
        ));
    }
    Ok(true)
}

fn ids(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>, String> {
    let mut stmt = conn.prepare(sql).map_err(|e| e.to_string())?;
    let rows = stmt
        .query_map([param], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>());
    rows.map_err(|e| e.to_string())
}
