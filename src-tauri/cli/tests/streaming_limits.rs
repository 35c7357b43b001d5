//! Streaming limits, measured on the real program: a 2 GB corpus row, a 2 GB JSON line, a huge
//! doccano line and huge Label Studio files are refused with the row and the limit named, and
//! the process that reads them never holds more than 100 MB. The huge files are sparse (a header,
//! then a hole of zeros the file system does not store), so they cost no disk.
#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The most a refusing import may hold, in bytes (the bound).
const MEMORY_BOUND: u64 = 100 * 1024 * 1024;
const TWO_GB: u64 = 2 << 30;

/// What the program said and the most memory it held.
struct Run {
    success: bool,
    stdout: String,
    peak_rss: u64,
}

/// Run the CLI with `--json` on `db` (its output beside it) and return its output and peak resident memory, read
/// from the kernel's accounting of this one child when it is reaped (`wait4`), so that the peak
/// cannot be missed between two samples.
#[expect(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its peak memory"
)]
fn run_measured(db: &Path, args: &[&str]) -> Run {
    let out = db.with_extension("out");
    let child = Command::new(env!("CARGO_BIN_EXE_claimdesk-cli"))
        .arg("--json")
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("CLAIMDESK_DB")
        .stdout(File::create(&out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet reaped; `status` and `usage` outlive the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    Run {
        success: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        stdout: std::fs::read_to_string(out).unwrap(),
        // Linux counts ru_maxrss in kilobytes.
        peak_rss: u64::try_from(usage.ru_maxrss).unwrap() * 1024,
    }
}

/// A file of `head`, a hole up to `size` bytes, then `tail`.
fn sparse(path: &Path, head: &[u8], size: u64, tail: &[u8]) {
    let mut file = File::create(path).unwrap();
    file.write_all(head).unwrap();
    file.set_len(size).unwrap();
    file.seek(SeekFrom::End(0)).unwrap();
    file.write_all(tail).unwrap();
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn assert_bounded(run: &Run) {
    // The figure, for the record (`--nocapture`).
    eprintln!("peak memory {:.1} MB", run.peak_rss as f64 / 1048576.0);
    assert!(
        run.peak_rss < MEMORY_BOUND,
        "peak memory {} MB",
        run.peak_rss >> 20
    );
}

/// The reason the import summary gives for the item whose source ends with `suffix`.
fn reason(summary: &serde_json::Value, suffix: &str) -> String {
    summary["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["source"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} in {summary}"))["reason"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_2_gb_single_row_csv_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("huge.csv");
    sparse(
        &corpus,
        b"title,text\nfine,A short first row\nhuge,",
        TWO_GB,
        b"",
    );
    let run = run_measured(
        &dir.path().join("db.sqlite"),
        &["import", corpus.to_str().unwrap()],
    );
    assert!(!run.success);
    let summary = json(&run);
    assert_eq!(
        (summary["imported"].as_u64(), summary["failed"].as_u64()),
        (Some(1), Some(1))
    );
    let why = reason(&summary, "huge.csv, row 2");
    assert!(
        why.contains("row 2 is longer than 50 MB, the largest article allowed"),
        "{why}"
    );
    assert!(why.contains("nor the rows after it were read"), "{why}");
    assert_bounded(&run);
}

#[test]
fn a_2_gb_single_line_jsonl_is_refused_in_bounded_memory_and_the_next_line_imports() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("huge.jsonl");
    let after = b"\n{\"text\": \"The line after the huge one\"}\n";
    sparse(&corpus, b"{\"text\": \"", TWO_GB, after);
    let run = run_measured(
        &dir.path().join("db.sqlite"),
        &["import", corpus.to_str().unwrap()],
    );
    let summary = json(&run);
    assert_eq!(
        (summary["imported"].as_u64(), summary["failed"].as_u64()),
        (Some(1), Some(1))
    );
    let why = reason(&summary, "huge.jsonl, line 1");
    assert!(
        why.contains("line 1 is longer than 50 MB, the largest article allowed"),
        "{why}"
    );
    assert_bounded(&run);
}

#[test]
fn a_huge_doccano_line_is_refused_in_bounded_memory_and_the_next_line_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("huge.jsonl");
    let after = b"\n{\"text\": \"EU rejects the call\", \"label\": [[0, 2, \"ORG\"]]}\n";
    sparse(&file, b"{\"text\": \"", 200 << 20, after);
    let db = dir.path().join("db.sqlite");
    let args = [
        "import-annotations",
        "--format",
        "doccano",
        file.to_str().unwrap(),
    ];
    let run = run_measured(&db, &args);
    let summary = json(&run);
    assert_eq!(summary["annotations_created"], 1, "{summary}");
    let problem = &summary["problems"][0];
    assert_eq!(problem["place"], "line 1");
    let why = problem["message"].as_str().unwrap();
    assert!(why.contains("line 1 is longer than 50 MB"), "{why}");
    assert_bounded(&run);
}

#[test]
fn a_2_gb_annotation_file_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    for (format, name) in [("label-studio", "huge.json"), ("doccano", "huge.jsonl")] {
        let file = dir.path().join(name);
        sparse(&file, b"[{\"data\": {\"text\": \"", TWO_GB, b"");
        let args = [
            "import-annotations",
            "--format",
            format,
            file.to_str().unwrap(),
        ];
        let run = run_measured(&db, &args);
        assert!(!run.success);
        let error = json(&run)["error"].as_str().unwrap_or_default().to_owned();
        assert!(
            error.contains("larger than 256 MB, the largest annotation file"),
            "{error}"
        );
        assert_bounded(&run);
        std::fs::remove_file(&file).unwrap();
    }
}

#[test]
fn a_label_studio_task_over_the_limit_is_refused_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tasks.json");
    let mut out = std::io::BufWriter::new(File::create(&file).unwrap());
    out.write_all(b"[{\"data\": {\"text\": \"fine\"}},\n {\"data\": {\"text\": \"")
        .unwrap();
    let block = vec![b'a'; 1 << 20];
    for _ in 0..60 {
        out.write_all(&block).unwrap();
    }
    out.write_all(b"\"}}]\n").unwrap();
    out.into_inner().unwrap().sync_all().unwrap();
    let db = dir.path().join("db.sqlite");
    let args = [
        "import-annotations",
        "--format",
        "label-studio",
        file.to_str().unwrap(),
    ];
    let run = run_measured(&db, &args);
    assert!(!run.success);
    let error = json(&run)["error"].as_str().unwrap_or_default().to_owned();
    assert!(
        error.contains("task 2 is longer than 50 MB, the largest article allowed"),
        "{error}"
    );
    assert_bounded(&run);
}
