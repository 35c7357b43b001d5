//! Ctrl-C (SIGINT) during a job stops it between two units, as the window's Cancel button does:
//! what was stored stays and the database is intact, a cancelled export leaves its file as it
//! was, the summary says "cancelled", and the exit status is 130. Running the same command again
//! finishes the work.
//!
//! The signal is sent when the files show the job under way: the first article stored (of 600,
//! so the job is far from its end), a pipe nobody reads holding the export's first rows (it
//! cannot finish before the test reads it), or a lock the test holds keeping an export from its
//! first record. A held export is let go only once the CLI has said on its terminal that it
//! heard Ctrl-C, so its token is cancelled before it can run on.

use std::os::fd::AsRawFd;
use std::process::{Child, ChildStdout, Stdio};

use crate::terminal::Terminal;
use crate::{
    annotated_database, assert_healthy, catches_sigint, cli, command, count_rows,
    folder_of_articles, interrupt, json_of, temporary_files, text, wait_while_running,
};

/// The exit status of a job stopped by Ctrl-C.
const CANCELLED: i32 = 130;

/// What the CLI says on a terminal once Ctrl-C has cancelled the job's token.
const HEARD: &str = "stopping after the current item";

fn spawn(mut command: std::process::Command) -> Child {
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts")
}

#[test]
fn ctrl_c_stops_an_import_between_articles_and_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let folder = folder_of_articles(dir.path(), 600);
    let db = dir.path().join("news.sqlite");
    let folder = folder.to_str().unwrap();
    let mut import = spawn(command(&db, &["import", folder]));
    wait_while_running(&mut import, |_| {
        count_rows(&db, "articles").is_some_and(|n| n >= 1)
    });
    interrupt(&import);
    let out = import.wait_with_output().unwrap();

    assert_eq!(out.status.code(), Some(CANCELLED), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("Import cancelled"), "{summary}");
    let imported: i64 = summary
        .lines()
        .find_map(|line| line.split_once(" imported, "))
        .and_then(|(count, _)| count.parse().ok())
        .unwrap_or_else(|| panic!("no summary line: {summary}"));
    assert!((1..600).contains(&imported), "{imported} of 600 imported");
    assert_eq!(
        count_rows(&db, "articles"),
        Some(imported),
        "whole articles"
    );
    assert_healthy(&db);

    let again = cli(&db, &["import", folder]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(count_rows(&db, "articles"), Some(600));
}

#[test]
fn ctrl_c_stops_a_merge_between_articles_and_merging_again_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("alice.sqlite");
    annotated_database(&source, 600, 1);
    let target = dir.path().join("team.sqlite");
    let args = [
        "--json",
        "merge",
        source.to_str().unwrap(),
        "--into",
        target.to_str().unwrap(),
    ];
    let mut merge = spawn(command(&target, &args));
    wait_while_running(&mut merge, |_| {
        count_rows(&target, "articles").is_some_and(|n| n >= 1)
    });
    interrupt(&merge);
    let out = merge.wait_with_output().unwrap();

    assert_eq!(out.status.code(), Some(CANCELLED), "{}", text(&out.stderr));
    let summary = json_of(&out);
    assert_eq!(summary["cancelled"], true);
    let added = summary["files"][0]["articles_added"].as_i64().unwrap();
    assert!((1..600).contains(&added), "{added} of 600 merged");
    assert_eq!(count_rows(&target, "articles"), Some(added));
    assert_eq!(
        count_rows(&target, "annotations"),
        Some(added),
        "each merged article came with its claim"
    );
    assert_healthy(&target);

    let again = cli(&target, &args);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(json_of(&again)["cancelled"], false);
    assert_eq!(count_rows(&target, "articles"), Some(600));
}

#[test]
fn ctrl_c_stops_an_annotation_import_between_documents() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spans.jsonl");
    let lines: String = (0..300)
        .map(|n| format!("{{\"text\": \"Claim {n} is false.\", \"label\": [[0, 9, \"claim\"]]}}\n"))
        .collect();
    std::fs::write(&file, lines).unwrap();
    let db = dir.path().join("spans.sqlite");
    let args = [
        "--json",
        "import-annotations",
        "--format",
        "doccano",
        file.to_str().unwrap(),
    ];
    let mut import = spawn(command(&db, &args));
    wait_while_running(&mut import, |_| {
        count_rows(&db, "articles").is_some_and(|n| n >= 1)
    });
    interrupt(&import);
    let out = import.wait_with_output().unwrap();

    assert_eq!(out.status.code(), Some(CANCELLED), "{}", text(&out.stderr));
    let summary = json_of(&out);
    assert_eq!(summary["cancelled"], true);
    let created = summary["articles_created"].as_i64().unwrap();
    assert!((1..300).contains(&created), "{created} of 300 documents");
    assert_eq!(count_rows(&db, "articles"), Some(created));
    assert_eq!(
        summary["annotations_created"].as_i64(),
        count_rows(&db, "annotations")
    );
    assert_healthy(&db);
}

#[test]
fn ctrl_c_during_an_export_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claims.sqlite");
    annotated_database(&db, 50, 10);
    // A shared file uses a rollback journal: a writer's lock then holds readers off, which lets
    // the test hold the export before its first record until Ctrl-C has been pressed.
    assert!(cli(&db, &["share", "on"]).status.success());
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("claims.csv");
    std::fs::write(&target, "the analyst's earlier export\n").unwrap();

    // The CLI waits for the lock (up to its 5 s busy timeout); the test lets go once the CLI
    // says on the terminal that it heard Ctrl-C, so the job's token is cancelled by then.
    let lock = rusqlite::Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let target_arg = target.to_str().unwrap();
    let mut export = Terminal::open().spawn(command(
        &db,
        &["export", "--format", "csv", "-o", target_arg],
    ));
    wait_while_running(&mut export.child, catches_sigint);
    interrupt(&export.child);
    let screen = export.screen();
    wait_while_running(&mut export.child, |_| screen.text().contains(HEARD));
    lock.execute_batch("COMMIT").unwrap();
    let (out, _) = export.finish();

    assert_eq!(out.status.code(), Some(CANCELLED), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    assert!(summary.contains("Export cancelled"), "{summary}");
    assert!(summary.contains("was left as it was"), "{summary}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "the analyst's earlier export\n"
    );
    assert_eq!(temporary_files(&out_dir), Vec::<std::path::PathBuf>::new());
    assert_healthy(&db);
}

#[test]
fn ctrl_c_stops_an_export_to_standard_output_between_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claims.sqlite");
    annotated_database(&db, 40, 50);
    let args = ["export", "--format", "csv", "--profile", "raw", "-o", "-"];
    let mut export = Terminal::open().spawn(command(&db, &args));
    // Nobody reads the export yet, so it cannot finish: it writes until the pipe is full and
    // waits there. Once the first rows are in the pipe, its job is past its first report.
    let pipe = export.child.stdout.take().unwrap();
    wait_while_running(&mut export.child, |child| {
        catches_sigint(child) && bytes_waiting(&pipe) > 0
    });
    interrupt(&export.child);
    let screen = export.screen();
    wait_while_running(&mut export.child, |_| screen.text().contains(HEARD));
    export.child.stdout = Some(pipe);
    let (out, drawn) = export.finish();

    assert_eq!(out.status.code(), Some(CANCELLED), "{drawn}");
    assert!(drawn.contains("Export cancelled"), "{drawn}");
    let rows = text(&out.stdout).matches(",claim,").count();
    assert!(
        (1..2000).contains(&rows),
        "{rows} of 2000 claims written before the export stopped"
    );
}

/// Bytes written into the pipe and not read yet.
fn bytes_waiting(pipe: &ChildStdout) -> libc::c_int {
    let mut queued: libc::c_int = 0;
    // SAFETY: FIONREAD on a pipe we own writes one int.
    let asked = unsafe { libc::ioctl(pipe.as_raw_fd(), libc::FIONREAD, &mut queued) };
    assert_eq!(asked, 0, "FIONREAD: {}", std::io::Error::last_os_error());
    queued
}

#[test]
fn every_job_command_says_in_its_help_what_ctrl_c_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.sqlite");
    for command in ["import", "merge", "export", "import-annotations"] {
        let help = cli(&db, &[command, "--help"]);
        let help = text(&help.stdout);
        assert!(
            help.contains("Ctrl-C stops the job") && help.contains("exit status is 130"),
            "{command} --help: {help}"
        );
    }
}
