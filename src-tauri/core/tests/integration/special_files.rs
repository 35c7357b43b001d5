//! Named pipes, sockets and devices given to an import: refused at once from their metadata,
//! never opened (opening a named pipe for reading blocks until something writes to it). Each
//! import runs on a thread watched with a timeout, so a regression fails instead of hanging.

#![cfg(unix)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use claimdesk_core::import::{
    import_file, import_paths, ImportOptions, ImportSummary, ItemOutcome,
};

use crate::support::temp_store;

/// Longer than any refusal takes, short enough to fail a hung test quickly.
const AT_ONCE: Duration = Duration::from_secs(10);

fn make_fifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo failed");
}

/// Import `paths` on a thread; the summary, or a failure if it took longer than [`AT_ONCE`].
fn import_watched(paths: Vec<PathBuf>) -> ImportSummary {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let (_dir, mut store) = temp_store();
        let summary = import_paths(&mut store, &paths, &ImportOptions::default(), &mut |_| {
            ControlFlow::Continue(())
        });
        let _ = sender.send(summary.unwrap());
    });
    receiver
        .recv_timeout(AT_ONCE)
        .expect("the import hung on a special file")
}

fn reason_for<'a>(summary: &'a ImportSummary, suffix: &str) -> &'a str {
    let item = summary
        .items
        .iter()
        .find(|i| i.source.ends_with(suffix))
        .unwrap_or_else(|| panic!("no item for {suffix}: {:#?}", summary.items));
    match &item.outcome {
        ItemOutcome::Failed { reason } | ItemOutcome::Skipped { reason } => reason,
        other => panic!("{suffix} was not refused: {other:?}"),
    }
}

#[test]
fn refuses_a_fifo_named_alone_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.html");
    make_fifo(&fifo);
    let summary = import_watched(vec![fifo]);
    assert_eq!(summary.failed, 1);
    let reason = reason_for(&summary, "pipe.html");
    assert!(
        reason.contains("not a regular file (a named pipe)"),
        "{reason}"
    );
}

#[test]
fn refuses_a_fifo_in_a_folder_and_imports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    make_fifo(&dir.path().join("pipe.txt"));
    make_fifo(&dir.path().join("corpus.jsonl"));
    std::fs::write(dir.path().join("story.txt"), "A story.").unwrap();
    let summary = import_watched(vec![dir.path().to_owned()]);
    assert_eq!(summary.imported, 1);
    for name in ["pipe.txt", "corpus.jsonl"] {
        let reason = reason_for(&summary, name);
        assert!(reason.contains("not a regular file"), "{reason}");
    }
}

#[test]
fn refuses_a_link_to_a_fifo_and_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    make_fifo(&fifo);
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&fifo, &link).unwrap();
    let summary = import_watched(vec![link, PathBuf::from("/dev/zero")]);
    assert_eq!(summary.failed, 2);
    let reason = reason_for(&summary, "link.txt");
    assert!(
        reason.contains("not a regular file (a named pipe)"),
        "{reason}"
    );
    let reason = reason_for(&summary, "/dev/zero");
    assert!(reason.contains("not a regular file (a device)"), "{reason}");
}

#[test]
fn import_file_refuses_a_fifo_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    make_fifo(&fifo);
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let (_dir, mut store) = temp_store();
        let result = import_file(&mut store, &fifo, &ImportOptions::default());
        let _ = sender.send(result.map_err(|e| e.to_string()));
    });
    let err = receiver
        .recv_timeout(AT_ONCE)
        .expect("import_file hung on a named pipe")
        .unwrap_err();
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
}
