//! Bulk import: files, folders (walked recursively, in name order) and corpora in one run. Each
//! article is stored in its own transaction, so a crash or a cancel leaves whole articles only;
//! a file that fails is reported and the run goes on. The caller's progress callback runs before
//! each file and each corpus row and may cancel the run by returning `ControlFlow::Break`.
//! Sources are read and extracted with no hold on the store; the store is taken (through
//! [`StoreAccess`]) only to store each finished article, so a shared store stays free for other
//! work while a slow page is read. Named pipes, sockets and devices are refused from their
//! metadata, never opened.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use walkdir::WalkDir;

use super::commit::{commit_draft, Committed, Draft};
use super::corpus::{read_corpus, Row};
use super::decode::encoding_for_label;
use super::document::read_document;
use super::options::ImportOptions;
use super::report::{ImportProgress, ImportSummary, ItemOutcome, Tally};
use super::store_access::StoreAccess;
use crate::error::Result;
use crate::files::file_kind::special_file_reason;
use crate::job::Progress;
use crate::model::provenance::SourceFormat;

/// A file found to import.
struct Found {
    path: PathBuf,
    format: SourceFormat,
    bytes: u64,
}

/// Import files, folders and corpora. `store` is held only while each article is stored (pass
/// a `Store` you own, or `&Mutex<Store>` shared with other threads). Fails only when the options
/// themselves are wrong (an unknown encoding) or the store cannot be reached; every file's and
/// row's fate is in the summary.
pub fn import_paths<S: StoreAccess>(
    store: &mut S,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn Progress<ImportProgress>,
) -> Result<ImportSummary> {
    options.check_limits()?;
    let chosen = options
        .encoding
        .as_deref()
        .map(encoding_for_label)
        .transpose()?;
    // A store that cannot be reached fails the import before any file is read.
    store.with_store(|_| Ok(()))?;
    let mut passed_over = Vec::new();
    let found: Vec<Found> = paths
        .iter()
        .flat_map(|p| discover(p, &mut passed_over))
        .collect();
    let bytes_total = found.iter().map(|f| f.bytes).sum();
    let mut tally = Tally::new(found.len(), bytes_total);
    for (source, outcome) in passed_over {
        tally.record(source, outcome);
    }
    let mut bytes_before = 0;
    for file in &found {
        let current = file.path.display().to_string();
        if progress.report(tally.snapshot(Some(current))).is_break() {
            return Ok(tally.finish(true));
        }
        let flow = import_found(
            store,
            file,
            options,
            chosen,
            &mut tally,
            progress,
            bytes_before,
        );
        bytes_before += file.bytes;
        tally.progress.bytes_done = bytes_before;
        tally.progress.files_done += 1;
        if flow.is_break() {
            return Ok(tally.finish(true));
        }
    }
    // The last report: nothing current, everything done. Cancelling now changes nothing.
    let _ = progress.report(tally.snapshot(None));
    Ok(tally.finish(false))
}

fn import_found<S: StoreAccess>(
    store: &mut S,
    file: &Found,
    options: &ImportOptions,
    chosen: Option<&'static Encoding>,
    tally: &mut Tally,
    progress: &mut dyn Progress<ImportProgress>,
    bytes_before: u64,
) -> ControlFlow<()> {
    let source = file.path.display().to_string();
    if !file.format.is_corpus() {
        let outcome = store_draft(
            store,
            read_document(&file.path, file.format, options, chosen),
        );
        tally.record(source, outcome);
        return ControlFlow::Continue(());
    }
    let mut on_row = |row: Row| {
        let outcome = store_draft(store, row.draft);
        tally.record(row.label.clone(), outcome);
        tally.progress.bytes_done = bytes_before + row.bytes_read;
        progress.report(tally.snapshot(Some(row.label)))
    };
    match read_corpus(&file.path, options, chosen, &mut on_row) {
        Ok(flow) => flow,
        Err(err) => {
            tally.record(source, failed(err));
            ControlFlow::Continue(())
        }
    }
}

/// Store a draft and say what happened; errors become the item's reason. The store is taken
/// only for the commit, once the draft is read.
fn store_draft<S: StoreAccess>(store: &mut S, draft: Result<Draft>) -> ItemOutcome {
    match draft.and_then(|d| store.with_store(|s| commit_draft(s, d))) {
        Ok(Committed::Imported { id, title, lossy }) => ItemOutcome::Imported {
            article_id: id,
            title,
            lossy,
        },
        Ok(Committed::Duplicate(existing)) => ItemOutcome::Duplicate { existing },
        Err(err) => failed(err),
    }
}

fn failed(err: crate::Error) -> ItemOutcome {
    ItemOutcome::Failed {
        reason: err.to_string(),
    }
}

/// The files under `path`. A file named on its own is imported whatever its extension (as text
/// when unknown); in a folder, only known extensions are, others are reported as skipped and
/// hidden files (`.DS_Store`, `.git`) are passed over silently. Links are not followed in a
/// folder; a path named on its own is followed. Named pipes, sockets and devices are refused.
fn discover(path: &Path, passed_over: &mut Vec<(String, ItemOutcome)>) -> Vec<Found> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => walk_folder(path, passed_over),
        Ok(meta) if !meta.is_file() => {
            let reason = special_file_reason(path, meta.file_type());
            passed_over.push((path.display().to_string(), ItemOutcome::Failed { reason }));
            Vec::new()
        }
        Ok(meta) => vec![Found {
            path: path.to_owned(),
            format: SourceFormat::for_path(path).unwrap_or(SourceFormat::Text),
            bytes: meta.len(),
        }],
        Err(err) => {
            let reason = format!("cannot read {}: {err}", path.display());
            passed_over.push((path.display().to_string(), ItemOutcome::Failed { reason }));
            Vec::new()
        }
    }
}

fn walk_folder(folder: &Path, passed_over: &mut Vec<(String, ItemOutcome)>) -> Vec<Found> {
    let mut found = Vec::new();
    let walk = WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let source = err.path().unwrap_or(folder).display().to_string();
                let reason = format!("cannot read {source}: {err}");
                passed_over.push((source, ItemOutcome::Failed { reason }));
                continue;
            }
        };
        let source = entry.path().display().to_string();
        let kind = entry.file_type();
        if kind.is_symlink() {
            let reason = "a symbolic link; links are not followed".to_owned();
            passed_over.push((source, ItemOutcome::Skipped { reason }));
        } else if !kind.is_file() && !kind.is_dir() {
            let reason = special_file_reason(entry.path(), kind);
            passed_over.push((source, ItemOutcome::Skipped { reason }));
        } else if kind.is_file() {
            match SourceFormat::for_path(entry.path()) {
                Some(format) => found.push(Found {
                    bytes: entry.metadata().map_or(0, |m| m.len()),
                    path: entry.into_path(),
                    format,
                }),
                None => {
                    let reason = "not a text, Markdown, HTML, JSONL or CSV file".to_owned();
                    passed_over.push((source, ItemOutcome::Skipped { reason }));
                }
            }
        }
    }
    found
}
