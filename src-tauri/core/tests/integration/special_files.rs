//! Named pipes, sockets and devices wherever a path is read (an import, a database opened as
//! the analyst's own or as a teammate's, a merge source, an annotation file, `check`): refused at
//! once from their metadata, never opened (opening a named pipe for reading blocks until
//! something writes to it). Each call runs on a thread watched with a timeout, so a regression
//! fails instead of hanging.

#![cfg(unix)]

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use claimdesk_core::db::check::check_database;
use claimdesk_core::import::ImportProgress;
use claimdesk_core::import::{
    import_file, import_paths, ImportOptions, ImportSummary, ItemOutcome,
};
use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::interchange::{import_annotations, AnnotationImportOptions, ImportFormat};
use claimdesk_core::team::merge::merge_files;
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::Store;

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
        let summary = import_paths(
            &mut store,
            &paths,
            &ImportOptions::default(),
            &mut |_: &ImportProgress| ControlFlow::Continue(()),
        );
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

/// Run `f` on a thread; its error message, or a failure naming `what` if it took longer than
/// [`AT_ONCE`] or succeeded.
fn refusal_watched<T>(
    what: &str,
    f: impl FnOnce() -> claimdesk_core::Result<T> + Send + 'static,
) -> String {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(f().err().map(|e| e.to_string()));
    });
    receiver
        .recv_timeout(AT_ONCE)
        .unwrap_or_else(|_| panic!("{what} hung on a named pipe"))
        .unwrap_or_else(|| panic!("{what} accepted a named pipe"))
}

/// A named pipe in a fresh folder, and the folder that keeps it.
fn fifo_named(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(name);
    make_fifo(&fifo);
    (dir, fifo)
}

#[test]
fn opening_a_fifo_as_a_database_is_refused_at_once() {
    let (_dir, fifo) = fifo_named("team.sqlite");
    let path = fifo.clone();
    let err = refusal_watched("Store::open", move || Store::open(&path));
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
    let path = fifo.clone();
    let err = refusal_watched("Store::open_untrusted", move || {
        Store::open_untrusted(&path)
    });
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
    let err = refusal_watched("check", move || check_database(&fifo));
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
}

#[test]
fn a_fifo_as_a_databases_journal_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.sqlite");
    drop(Store::open(&path).unwrap());
    make_fifo(&dir.path().join("team.sqlite-journal"));
    let err = refusal_watched("Store::open_untrusted", move || {
        Store::open_untrusted(&path)
    });
    assert!(err.contains("team.sqlite-journal"), "{err}");
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
}

#[test]
fn merging_a_fifo_is_refused_at_once() {
    let (_dir, fifo) = fifo_named("teammate.sqlite");
    let err = refusal_watched("merge_files", move || {
        let (_dir, mut team) = temp_store();
        merge_files(&mut team, &[fifo], &mut |_: &MergeProgress| {
            ControlFlow::Continue(())
        })
    });
    assert!(err.contains("not a regular file (a named pipe)"), "{err}");
}

#[test]
fn importing_annotations_from_a_fifo_is_refused_at_once() {
    for (name, format) in [
        ("doccano.jsonl", ImportFormat::Doccano),
        ("label-studio.json", ImportFormat::LabelStudio),
    ] {
        let (_dir, fifo) = fifo_named(name);
        let err = refusal_watched("import_annotations", move || {
            let (_dir, mut store) = temp_store();
            let options = AnnotationImportOptions {
                format,
                annotator: "Importer".into(),
                offset_unit: None,
            };
            import_annotations(&mut store, &fifo, &options, &mut |_: &ExportProgress| {
                ControlFlow::Continue(())
            })
        });
        assert!(err.contains("not a regular file (a named pipe)"), "{err}");
    }
}

#[test]
fn a_new_database_is_still_created_and_a_folder_still_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    drop(Store::open(&path).unwrap());
    assert!(path.is_file());
    let err = Store::open(dir.path()).unwrap_err().to_string();
    assert!(err.contains("it is a folder, not a file"), "{err}");
}
