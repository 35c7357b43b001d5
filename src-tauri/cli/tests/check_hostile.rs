//! `claimdesk-cli check` given someone else's crafted file: a named pipe, a recursive view,
//! recursive triggers. Each is refused within 10 s, with its reason, and the file is left as it
//! was. The process is watched and killed past the bound, so a regression fails instead of
//! hanging.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longer than any refusal takes, short enough to fail a hung test quickly.
const AT_ONCE: Duration = Duration::from_secs(10);

/// Run `check` (with `extra` arguments) on `db`; its output, or a failure past [`AT_ONCE`].
fn check_watched(db: &Path, extra: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(extra)
        .arg("check")
        .env_remove("CLAIMDESK_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > AT_ONCE {
            let _ = child.kill();
            panic!("check hung on {}", db.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A closed, sound Claimdesk file in `dir`, with `sql` run on it afterwards.
fn our_file_with(dir: &Path, sql: &str) -> std::path::PathBuf {
    let path = dir.join("team.sqlite");
    let created = Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"))
        .arg("--db")
        .arg(&path)
        .arg("list")
        .env_remove("CLAIMDESK_DB")
        .output()
        .unwrap();
    assert!(created.status.success(), "{}", text(&created.stderr));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = DELETE;").unwrap();
    conn.execute_batch(sql).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn check_refuses_a_named_pipe_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("team.sqlite");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let out = check_watched(&fifo, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("not a regular file (a named pipe)"),
        "{stderr}"
    );
}

#[test]
fn check_reports_a_recursive_view_without_running_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = our_file_with(
        dir.path(),
        "CREATE VIEW endless AS
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;",
    );
    let before = std::fs::read(&path).unwrap();
    let out = check_watched(&path, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("a view \"endless\""), "{stdout}");
    assert!(stdout.contains("integrity:   not run"), "{stdout}");
    assert!(stdout.contains("verdict:     NOT OK"), "{stdout}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was changed"
    );
}

#[test]
fn check_reports_recursive_triggers_in_json_without_firing_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = our_file_with(
        dir.path(),
        "CREATE TRIGGER again AFTER UPDATE ON settings
         BEGIN UPDATE settings SET value = value || 'x' WHERE key = NEW.key; END;",
    );
    let before = std::fs::read(&path).unwrap();
    let out = check_watched(&path, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problem = report["schema_problem"].as_str().unwrap_or_default();
    assert!(
        problem.contains("a trigger on \"settings\" \"again\""),
        "{report}"
    );
    assert!(report["value_problem"].is_null(), "{report}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file was changed"
    );
}
