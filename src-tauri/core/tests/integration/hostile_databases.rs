//! Crafted database files of any size: a file over 256 MB with a recursive view, one with
//! recursive triggers, one holding a 1 GB value. Each is refused by `Store::open`,
//! `Store::open_untrusted` and `check` (`claimdesk-cli check`) within 10 s, with a reason that names the problem, in little memory,
//! and stays byte for byte as it was (same SHA-256, no journal left beside it). A sound file of
//! ours of the same size still opens. The fixtures are built here, in a temporary folder.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimdesk_core::db::check::{check_database, CheckReport};
use claimdesk_core::db::MAX_VALUE_BYTES;
use claimdesk_core::{Error, Store};
use sha2::{Digest, Sha256};

use crate::support::*;

/// The bound for refusing a crafted file; the checks stop themselves at 8 s.
const REFUSAL_BOUND: Duration = Duration::from_secs(10);

/// Above the size that used to skip the schema check.
const LARGE_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A closed file of ours with two articles and an annotation, in rollback-journal mode so that
/// the main file holds everything.
fn our_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut store = Store::open(&path).unwrap();
    let article = paste(&mut store, "RT spent 274,000 dollars on promoted tweets.");
    paste(&mut store, "A second article, to carry more bytes.");
    let ana = analyst(&mut store);
    store
        .create_annotation(&ana, span_of(&article, CLAIM, "274,000 dollars"))
        .unwrap();
    drop(store);
    raw(&path, "PRAGMA journal_mode = DELETE;");
    path
}

/// [`our_file`] made larger than [`LARGE_FILE_BYTES`] with original bytes (zeros) of an allowed
/// length in both articles.
fn large_file_of_ours(dir: &Path, name: &str) -> PathBuf {
    let path = our_file(dir, name);
    let each = LARGE_FILE_BYTES / 2 + 8 * 1024 * 1024;
    raw(
        &path,
        &format!("UPDATE articles SET original_bytes = zeroblob({each});"),
    );
    assert!(std::fs::metadata(&path).unwrap().len() > LARGE_FILE_BYTES);
    path
}

fn raw(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn sha256_of(path: &Path) -> Vec<u8> {
    let mut file = std::fs::File::open(path).unwrap();
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buffer).unwrap();
        if n == 0 {
            return hasher.finalize().to_vec();
        }
        hasher.update(&buffer[..n]);
    }
}

/// Journals and WAL files beside `path`.
fn files_beside(path: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
        .filter(|p| p.exists())
        .collect()
}

/// Both ways in refuse the file within [`REFUSAL_BOUND`], `expect` holds for each error, and
/// the file is unchanged; the first message is returned.
fn assert_refused_in_time(path: &Path, expect: impl Fn(&Error) -> bool) -> String {
    let before = sha256_of(path);
    let mut messages = Vec::new();
    for (way, open) in [
        (
            "open",
            Store::open as fn(&Path) -> claimdesk_core::Result<Store>,
        ),
        ("open_untrusted", Store::open_untrusted),
    ] {
        let started = Instant::now();
        let err = open(path).unwrap_err();
        let took = started.elapsed();
        eprintln!("{way} refused {} in {took:?}: {err}", path.display());
        assert!(took < REFUSAL_BOUND, "{way} took {took:?}");
        assert!(expect(&err), "{way}: {err}");
        assert_eq!(
            files_beside(path),
            Vec::<PathBuf>::new(),
            "{way} left files"
        );
        messages.push(err.to_string());
    }
    assert_eq!(sha256_of(path), before, "the file was changed");
    messages.swap_remove(0)
}

/// `check` finds the file unhealthy within [`REFUSAL_BOUND`], without reading it whole
/// (`integrity_check` not run), `expect` holds for its report, and the file is unchanged.
fn assert_check_refuses_in_time(path: &Path, expect: impl Fn(&CheckReport) -> bool) {
    let before = sha256_of(path);
    let started = Instant::now();
    let report = check_database(path).unwrap();
    let took = started.elapsed();
    eprintln!("check refused {} in {took:?}: {report:?}", path.display());
    assert!(took < REFUSAL_BOUND, "check took {took:?}");
    assert!(!report.is_healthy());
    assert!(report.integrity[0].starts_with("not run: "), "{report:?}");
    assert!(expect(&report), "{report:?}");
    assert_eq!(
        files_beside(path),
        Vec::<PathBuf>::new(),
        "check left files"
    );
    assert_eq!(sha256_of(path), before, "check changed the file");
}

fn refused_schema(err: &Error) -> bool {
    matches!(err, Error::Corrupt { detail, .. } if detail.contains("Claimdesk did not create"))
}

#[test]
fn a_large_file_with_a_recursive_view_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file_of_ours(dir.path(), "view.sqlite");
    raw(
        &path,
        "CREATE VIEW endless AS
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n;",
    );
    let message = assert_refused_in_time(&path, refused_schema);
    assert!(message.contains("a view \"endless\""), "{message}");
    assert_check_refuses_in_time(&path, |r| {
        r.schema_problem
            .as_deref()
            .is_some_and(|p| p.contains("a view \"endless\""))
    });
}

#[test]
fn a_large_file_with_recursive_triggers_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file_of_ours(dir.path(), "triggers.sqlite");
    raw(
        &path,
        "CREATE TRIGGER again AFTER UPDATE ON settings
         BEGIN UPDATE settings SET value = value || 'x' WHERE key = NEW.key; END;
         CREATE TRIGGER echo AFTER INSERT ON annotations
         BEGIN UPDATE settings SET value = value WHERE key = 'verdict_scale'; END;",
    );
    let message = assert_refused_in_time(&path, refused_schema);
    assert!(message.contains("a trigger on \""), "{message}");
    assert_check_refuses_in_time(&path, |r| {
        r.schema_problem
            .as_deref()
            .is_some_and(|p| p.contains("a trigger on \""))
    });
}

/// Length of the huge value: 1 GB less room for the rest of its row, which SQLite's own ceiling
/// of 1,000,000,000 bytes per row also bounds.
const GIGABYTE_VALUE: i64 = 1_000_000_000 - 10_000;

/// A file whose first article's original bytes are [`GIGABYTE_VALUE`] zeros.
fn file_with_a_gigabyte_value(dir: &Path) -> PathBuf {
    let path = our_file(dir, "gigabyte.sqlite");
    raw(
        &path,
        &format!(
            "UPDATE articles SET original_bytes = zeroblob({GIGABYTE_VALUE})
              WHERE rowid = (SELECT min(rowid) FROM articles);"
        ),
    );
    path
}

/// Writes and hashes a 1 GB file (a few seconds), so it runs in `make test` like the others.
#[test]
fn a_file_with_a_one_gigabyte_value_is_refused_quickly_in_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = file_with_a_gigabyte_value(dir.path());
    let message = assert_refused_in_time(
        &path,
        |e| matches!(e, Error::Corrupt { detail, .. } if detail.contains("articles.original_bytes")),
    );
    assert!(
        message.contains(&format!("{GIGABYTE_VALUE} bytes")),
        "{message}"
    );
    assert_check_refuses_in_time(&path, |r| {
        r.value_problem.as_deref().is_some_and(|p| {
            p.contains("articles.original_bytes") && p.contains(&format!("{GIGABYTE_VALUE} bytes"))
        })
    });
    let peak = peak_memory_of_a_refusal(&path);
    eprintln!("peak memory of a process refusing the 1 GB value: {peak} kB");
    assert!(peak < 150 * 1024, "the refusal used {peak} kB");
    assert!(i64::from(MAX_VALUE_BYTES) < GIGABYTE_VALUE);
}

/// The variable naming the file that [`child_opens_the_file`] opens.
const CHILD_FILE: &str = "CLAIMDESK_TEST_HOSTILE_FILE";

/// Runs [`child_opens_the_file`] in a new process of this test binary, which must find the file
/// refused both ways, and returns the peak resident memory (VmHWM, kB) it reported.
fn peak_memory_of_a_refusal(path: &Path) -> u64 {
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hostile_databases::child_opens_the_file",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_FILE, path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("open: refused"), "{stdout}");
    assert!(stdout.contains("open_untrusted: refused"), "{stdout}");
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("peak-kb="))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no figure from the child: {stdout}"))
}

/// Not a test of its own: the child process of [`peak_memory_of_a_refusal`]. It opens the file
/// named by [`CHILD_FILE`] both ways and prints how each went, how long it took, and its peak
/// memory; with no file named it does nothing.
#[test]
#[ignore = "run by a_file_with_a_one_gigabyte_value_is_refused_quickly_in_little_memory"]
fn child_opens_the_file() {
    let Some(path) = std::env::var_os(CHILD_FILE) else {
        return;
    };
    for (way, open) in [
        (
            "open_untrusted",
            Store::open_untrusted as fn(&Path) -> claimdesk_core::Result<Store>,
        ),
        ("open", Store::open),
    ] {
        let started = Instant::now();
        let outcome = match open(Path::new(&path)) {
            Ok(_) => "opened".to_owned(),
            Err(err) => format!("refused ({err})"),
        };
        println!("{way}: {outcome} in {:?}", started.elapsed());
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .map(|v| v.trim().trim_end_matches("kB").trim().to_owned())
        .unwrap_or_else(|| "0".to_owned());
    println!("peak-kb={peak}");
}

#[test]
fn a_large_sound_file_of_ours_opens_to_read_and_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = large_file_of_ours(dir.path(), "sound.sqlite");
    let started = Instant::now();
    let store = Store::open_untrusted(&path).unwrap();
    eprintln!(
        "open_untrusted of a large sound file: {:?}",
        started.elapsed()
    );
    assert_eq!(store.list_articles().unwrap().len(), 2);
    drop(store);
    let started = Instant::now();
    let store = Store::open(&path).unwrap();
    eprintln!("open of a large sound file: {:?}", started.elapsed());
    assert_eq!(store.list_articles().unwrap().len(), 2);
    drop(store);
    let started = Instant::now();
    let report = check_database(&path).unwrap();
    eprintln!("check of a large sound file: {:?}", started.elapsed());
    assert!(report.is_healthy(), "{report:?}");
    assert_eq!(report.articles, Some(2));
}

#[test]
fn a_blank_sqlite_file_becomes_ours() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.sqlite");
    raw(&path, "PRAGMA page_size = 4096; VACUUM;");
    assert!(std::fs::metadata(&path).unwrap().len() > 0);
    let mut store = Store::open(&path).unwrap();
    paste(
        &mut store,
        "A first article in a file made by another tool.",
    );
    assert_eq!(store.list_articles().unwrap().len(), 1);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_of_ours_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = our_file(dir.path(), "read-only.sqlite");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.list_articles().unwrap().len(), 2);
    drop(store);
    let store = Store::open_untrusted(&path).unwrap();
    assert_eq!(store.list_articles().unwrap().len(), 2);
}
