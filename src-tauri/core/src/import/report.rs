//! What a bulk import tells its caller: progress while it runs, a summary at the end. Both cross
//! into the UI as JSON (their TypeScript twins are generated) and the CLI prints the summary with
//! `--json`.

use std::time::{Duration, Instant};

use serde::Serialize;
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::ids::ArticleId;

/// Where a bulk import stands; sent before each file (and corpus row) and once at the end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ImportProgress {
    /// Files finished.
    pub files_done: u32,
    /// Files found to import.
    pub files_total: u32,
    /// The file (and row) being read; absent once the import has finished.
    pub current: Option<String>,
    /// Articles stored so far.
    pub imported: u32,
    /// Sources whose text was already stored.
    pub duplicates: u32,
    /// Files passed over (not an article format).
    pub skipped: u32,
    /// Sources refused or unreadable.
    pub failed: u32,
    /// Bytes of the files read so far.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes_done: u64,
    /// Bytes of all the files found.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes_total: u64,
    /// Time since the import started, in milliseconds.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub elapsed_ms: u64,
    /// Estimated time left, in milliseconds, from the bytes read so far.
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub remaining_ms: Option<u64>,
}

impl crate::job::JobReport for ImportProgress {
    /// The report sent once the import has finished names no file.
    fn is_final(&self) -> bool {
        self.current.is_none()
    }
}

/// The outcome of a bulk import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ImportSummary {
    /// Articles stored.
    pub imported: u32,
    /// Sources whose text was already stored.
    pub duplicates: u32,
    /// Files passed over.
    pub skipped: u32,
    /// Sources refused or unreadable.
    pub failed: u32,
    /// Whether the import was cancelled before the end; what was stored before stays.
    pub cancelled: bool,
    /// How long it took, in milliseconds.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub elapsed_ms: u64,
    /// Each source in the order read, with its outcome.
    pub items: Vec<ImportItem>,
}

/// One source (a file, or a corpus row) and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ImportItem {
    /// The file path, with the row for corpora ("corpus.csv, row 12").
    pub source: String,
    /// What happened.
    #[serde(flatten)]
    pub outcome: ItemOutcome,
}

/// What became of one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ItemOutcome {
    /// A new article was stored.
    Imported {
        /// Its id.
        article_id: ArticleId,
        /// Its title.
        title: String,
        /// Whether undecodable bytes were replaced (a lossy import).
        lossy: bool,
    },
    /// The same text is already stored.
    Duplicate {
        /// The article that has it.
        existing: ArticleId,
    },
    /// Not an article source (another file type in a folder, a link not followed).
    Skipped {
        /// Why.
        reason: String,
    },
    /// Refused or unreadable; the message says why and what to do.
    Failed {
        /// Why.
        reason: String,
    },
}

/// Counts and timing kept while an import runs.
pub(crate) struct Tally {
    started: Instant,
    pub summary: ImportSummary,
    pub progress: ImportProgress,
}

impl Tally {
    pub fn new(files_total: usize, bytes_total: u64) -> Self {
        Tally {
            started: Instant::now(),
            summary: ImportSummary::default(),
            progress: ImportProgress {
                files_total: u32::try_from(files_total).unwrap_or(u32::MAX),
                bytes_total,
                ..ImportProgress::default()
            },
        }
    }

    /// Record one source's outcome.
    pub fn record(&mut self, source: String, outcome: ItemOutcome) {
        let count = match outcome {
            ItemOutcome::Imported { .. } => &mut self.summary.imported,
            ItemOutcome::Duplicate { .. } => &mut self.summary.duplicates,
            ItemOutcome::Skipped { .. } => &mut self.summary.skipped,
            ItemOutcome::Failed { .. } => &mut self.summary.failed,
        };
        *count += 1;
        self.summary.items.push(ImportItem { source, outcome });
    }

    /// Progress as of now, reading `current`.
    pub fn snapshot(&mut self, current: Option<String>) -> &ImportProgress {
        let elapsed = self.started.elapsed();
        let p = &mut self.progress;
        p.current = current;
        p.imported = self.summary.imported;
        p.duplicates = self.summary.duplicates;
        p.skipped = self.summary.skipped;
        p.failed = self.summary.failed;
        p.elapsed_ms = millis(elapsed);
        p.remaining_ms = (p.bytes_done > 0).then(|| {
            let left = p.bytes_total.saturating_sub(p.bytes_done) as f64;
            (elapsed.as_secs_f64() * 1000.0 * left / p.bytes_done as f64) as u64
        });
        &self.progress
    }

    /// The summary, timed.
    pub fn finish(mut self, cancelled: bool) -> ImportSummary {
        self.summary.cancelled = cancelled;
        self.summary.elapsed_ms = millis(self.started.elapsed());
        self.summary
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
