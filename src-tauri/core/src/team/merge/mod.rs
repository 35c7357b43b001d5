//! Merge teammates' database files into this one (`claimdesk-cli merge A B --into team`, and
//! the same from the app). Each source is untrusted: checked, opened read-only, never changed.
//!
//! - Analysts match by id, else by name; labels by id, else by active name (`catalog`).
//! - Articles match by the SHA-256 of their text, else are added with their id (`articles`).
//! - Annotations match by id. A new one is added with the file it came from (its analyst is its
//!   `annotator_id`); the same version is left; when one file's history shows it already went
//!   through the other's version, the newer one is kept; two different edits become a conflict
//!   for a reviewer, never an overwrite (`versions`). Tombstones merge like any version.
//! - Review decisions and history events are appended by id (`history`), except the history of
//!   an annotation left in conflict: with it, their version would look like one we went through.
//!
//! So merging the same file twice changes nothing. Each article is one transaction, all or
//! nothing, retried whole if the file is busy; a merge stopped half way is finished by running
//! it again.

mod articles;
mod catalog;
mod history;
mod source;
mod versions;

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::Store;
use crate::error::{Error, Result};
use crate::job::Progress;

use self::articles::{merge_article_raw, read_source_article, source_article_ids, ArticleOutcome};
use self::catalog::{merge_catalog_raw, read_catalog, IdMaps};
use self::source::{open_source, Source};

/// What merging one file did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct MergeFileSummary {
    /// The file's name.
    pub file: String,
    /// Analysts this file did not know yet.
    pub analysts_added: u32,
    /// Labels added (a label with the same name as an active one is matched instead).
    pub labels_added: u32,
    /// Articles added.
    pub articles_added: u32,
    /// Articles matched to one already here by their text.
    pub articles_matched: u32,
    /// Annotations added.
    pub annotations_added: u32,
    /// Annotations replaced by the source's newer version of them.
    pub annotations_updated: u32,
    /// Annotations already here in the same or a newer version.
    pub annotations_unchanged: u32,
    /// Annotations whose two versions differ: new conflicts to review.
    pub conflicts_new: u32,
    /// Conflicts found again, as recorded by an earlier merge (open or settled).
    pub conflicts_known: u32,
    /// Review decisions and comments added.
    pub decisions_added: u32,
    /// History events added.
    pub history_added: u32,
    /// What was left out, and why.
    pub skipped: Vec<String>,
}

/// What a merge did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct MergeSummary {
    /// One entry per source file, in the order given.
    pub files: Vec<MergeFileSummary>,
    /// Stopped before the end; what was merged stays, and merging again finishes the work.
    pub cancelled: bool,
    /// How long it took, in milliseconds.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub elapsed_ms: u64,
}

/// How far a merge has gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct MergeProgress {
    /// The file being merged.
    pub file: String,
    /// Articles of that file done.
    pub articles_done: u32,
    /// Articles in that file.
    pub articles_total: u32,
}

impl crate::job::JobReport for MergeProgress {
    /// A file's last article: the analyst sees each file finish.
    fn is_final(&self) -> bool {
        self.articles_done >= self.articles_total
    }
}

/// Merge `sources` into `store`, in order. Every source is checked before anything is written;
/// `progress` is called after each article and may stop the merge.
pub fn merge_files(
    store: &mut Store,
    sources: &[PathBuf],
    progress: &mut dyn Progress<MergeProgress>,
) -> Result<MergeSummary> {
    let started = Instant::now();
    let target = store.path().map(Path::to_owned);
    let opened = sources
        .iter()
        .map(|path| open_source(path, target.as_deref()))
        .collect::<Result<Vec<Source>>>()?;
    let mut summary = MergeSummary::default();
    for source in &opened {
        let file = merge_one(store, source, progress)?;
        summary.files.push(file.0);
        if file.1.is_break() {
            summary.cancelled = true;
            break;
        }
    }
    summary.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(summary)
}

fn merge_one(
    store: &mut Store,
    source: &Source,
    progress: &mut dyn Progress<MergeProgress>,
) -> Result<(MergeFileSummary, ControlFlow<()>)> {
    let mut summary = MergeFileSummary {
        file: source.name.clone(),
        ..MergeFileSummary::default()
    };
    let catalog = read_catalog(&source.store)?;
    let mut maps = IdMaps::default();
    let counts = store.write_retrying(|tx| {
        maps = IdMaps::default();
        merge_catalog_raw(tx, &catalog, &mut maps)
    })?;
    summary.analysts_added = counts.analysts_added;
    summary.labels_added = counts.labels_added;
    let ids = source_article_ids(&source.store)?;
    let total = u32::try_from(ids.len()).unwrap_or(u32::MAX);
    let mut conflicted = HashSet::new();
    for (done, id) in ids.iter().enumerate() {
        let article = read_source_article(&source.store, id)?;
        let merged = store.write_retrying(|tx| {
            merge_article_raw(tx, &source.store, &source.name, &article, &mut maps)
        });
        match merged {
            Ok(outcome) => {
                conflicted.extend(outcome.conflicted.iter().cloned());
                add(&mut summary, outcome);
            }
            // Data the file should not hold (a constraint it breaks): this article is left
            // out, whole, and the merge goes on.
            Err(err @ (Error::Sqlite(_) | Error::InvalidInput(_) | Error::Offset(_))) => {
                summary.skipped.push(format!("article {id}: {err}"));
            }
            Err(err) => return Err(err),
        }
        let step = MergeProgress {
            file: source.name.clone(),
            articles_done: u32::try_from(done + 1).unwrap_or(u32::MAX),
            articles_total: total,
        };
        if progress.report(&step).is_break() {
            return Ok((summary, ControlFlow::Break(())));
        }
    }
    summary.history_added = copy_history(store, source, &maps, &conflicted)?;
    Ok((summary, ControlFlow::Continue(())))
}

fn add(summary: &mut MergeFileSummary, outcome: ArticleOutcome) {
    let was_matched = !outcome.article_added && outcome.skipped.is_empty();
    summary.articles_added += u32::from(outcome.article_added);
    summary.articles_matched += u32::from(was_matched);
    summary.annotations_added += outcome.annotations_added;
    summary.annotations_updated += outcome.annotations_updated;
    summary.annotations_unchanged += outcome.annotations_unchanged;
    summary.conflicts_new += outcome.conflicts_new;
    summary.conflicts_known += outcome.conflicts_known;
    summary.decisions_added += outcome.decisions_added;
    summary.skipped.extend(outcome.skipped);
}

fn copy_history(
    store: &mut Store,
    source: &Source,
    maps: &IdMaps,
    conflicted: &HashSet<String>,
) -> Result<u32> {
    let mut added = 0;
    let mut after = 0;
    loop {
        let events = history::read_events_after(&source.store, after)?;
        let Some(last) = events.last() else {
            return Ok(added);
        };
        after = history::seq_of(last);
        added +=
            store.write_retrying(|tx| history::copy_events_raw(tx, &events, maps, conflicted))?;
    }
}
