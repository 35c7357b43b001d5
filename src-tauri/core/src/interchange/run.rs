//! The export driver: one read transaction (so the count and the rows are one snapshot), the
//! records grouped by article for the format writer, progress reported as it goes and a cancel
//! honoured between records. Writing to a path goes through [`SafeFile`].

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::time::Instant;

use super::records::{
    article_text, count_records, count_records_and_articles, for_each_record, ExportRecord,
    Selection,
};
use super::{
    claim_review, csv_export, doccano, jsonl, label_studio, w3c, ExportFormat, ExportProgress,
    ExportRequest, ExportSize, ExportSummary,
};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::files::safe_write::SafeFile;
use crate::job::Progress;

/// Records between two progress reports: often enough for a progress bar, rare enough to cost
/// nothing.
const PROGRESS_EVERY: u64 = 250;

/// The annotations of one article, in text order, with the article's text when the format
/// needs it.
pub(crate) struct ArticleGroup {
    pub records: Vec<ExportRecord>,
    pub text: Option<String>,
}

/// A format writer.
pub(crate) trait Sink {
    /// Whether [`Sink::article`] needs the article text.
    fn needs_text(&self) -> bool {
        false
    }
    /// Before the first record; `total` records will follow.
    fn begin(&mut self, out: &mut dyn Write, total: u64) -> Result<()>;
    /// One article's records.
    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()>;
    /// After the last record.
    fn finish(&mut self, out: &mut dyn Write) -> Result<()>;
}

/// How many annotations `request` would export, for a dialog to show before it starts.
pub fn count_export(store: &Store, request: &ExportRequest) -> Result<u64> {
    count_records(&store.conn, &selection(request))
}

/// How many annotations `request` would export and how many articles they come from, read in
/// one query, for a dialog to show before the export starts.
pub fn measure_export(store: &Store, request: &ExportRequest) -> Result<ExportSize> {
    let (annotations, articles) = count_records_and_articles(&store.conn, &selection(request))?;
    Ok(ExportSize {
        annotations,
        articles,
    })
}

/// Export to `path`, replacing it only once the new file is complete and on disk. When
/// cancelled, the target is left as it was and nothing else remains.
pub fn export_to_path(
    store: &Store,
    request: &ExportRequest,
    path: &Path,
    progress: &mut dyn Progress<ExportProgress>,
) -> Result<ExportSummary> {
    let mut file = SafeFile::create(path)?;
    let summary = export_to_writer(store, request, &mut file, progress)?;
    if !summary.cancelled {
        file.commit()?;
    }
    Ok(summary)
}

/// Export to any writer (a file the caller owns, standard output, a buffer in a test). A
/// cancelled export may have written part of the output.
pub fn export_to_writer(
    store: &Store,
    request: &ExportRequest,
    out: &mut dyn Write,
    progress: &mut dyn Progress<ExportProgress>,
) -> Result<ExportSummary> {
    let started = Instant::now();
    let mut counting = CountingWriter {
        inner: out,
        bytes: 0,
    };
    let mut sink = sink_for(request);
    // A read transaction: rows written by the app meanwhile do not shift the count or the rows.
    let tx = store.conn.unchecked_transaction()?;
    let selection = selection(request);
    let total = count_records(&tx, &selection)?;
    let mut state = Walk {
        done: 0,
        total,
        articles: 0,
        group: Vec::new(),
    };
    // The first report, before anything is written: the total for a progress bar, and a chance
    // to cancel at once.
    let started_writing = progress
        .report(&ExportProgress { done: 0, total })
        .is_continue();
    let finished = started_writing && {
        sink.begin(&mut counting, total)?;
        for_each_record(&tx, &selection, |record| {
            state.push(record, &tx, sink.as_mut(), &mut counting, progress)
        })?
    };
    if finished {
        state.flush(&tx, sink.as_mut(), &mut counting)?;
        sink.finish(&mut counting)?;
        counting.flush().map_err(write_error)?;
        // The last report: everything done. Cancelling now changes nothing.
        let _ = progress.report(&ExportProgress {
            done: state.done,
            total,
        });
    }
    tx.finish()?;
    Ok(ExportSummary {
        format: request.format,
        annotations: state.done,
        articles: state.articles,
        bytes: counting.bytes,
        cancelled: !finished,
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    })
}

fn selection(request: &ExportRequest) -> Selection<'_> {
    Selection {
        filters: &request.filters,
        claims_with_verdict: request.format == ExportFormat::ClaimReview,
    }
}

fn sink_for(request: &ExportRequest) -> Box<dyn Sink> {
    let unit = request.offset_unit();
    match request.format {
        ExportFormat::Csv => Box::new(csv_export::CsvSink::new(request.profile)),
        ExportFormat::Jsonl => Box::new(jsonl::JsonlSink),
        ExportFormat::W3c => Box::new(w3c::W3cSink::default()),
        ExportFormat::ClaimReview => Box::new(claim_review::ClaimReviewSink::default()),
        ExportFormat::Doccano => Box::new(doccano::DoccanoSink { unit }),
        ExportFormat::LabelStudio => Box::new(label_studio::LabelStudioSink::new(unit)),
    }
}

/// The walk over the records: the current article's group and the counts.
struct Walk {
    done: u64,
    total: u64,
    articles: u64,
    group: Vec<ExportRecord>,
}

impl Walk {
    fn push(
        &mut self,
        record: ExportRecord,
        conn: &rusqlite::Connection,
        sink: &mut dyn Sink,
        out: &mut dyn Write,
        progress: &mut dyn Progress<ExportProgress>,
    ) -> Result<ControlFlow<()>> {
        if self
            .group
            .last()
            .is_some_and(|last| last.article.id != record.article.id)
        {
            self.flush(conn, sink, out)?;
        }
        self.group.push(record);
        self.done += 1;
        if self.done.is_multiple_of(PROGRESS_EVERY) {
            return Ok(progress.report(&ExportProgress {
                done: self.done,
                total: self.total,
            }));
        }
        Ok(ControlFlow::Continue(()))
    }

    fn flush(
        &mut self,
        conn: &rusqlite::Connection,
        sink: &mut dyn Sink,
        out: &mut dyn Write,
    ) -> Result<()> {
        let Some(first) = self.group.first() else {
            return Ok(());
        };
        let text = if sink.needs_text() {
            Some(article_text(conn, &first.article.id)?)
        } else {
            None
        };
        let group = ArticleGroup {
            records: std::mem::take(&mut self.group),
            text,
        };
        self.articles += 1;
        sink.article(out, &group)
    }
}

/// Counts what passes through, for the summary.
struct CountingWriter<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// An I/O error while writing the export.
pub(crate) fn write_error(err: std::io::Error) -> Error {
    Error::io("cannot write the export", err)
}

/// Write one JSON value, mapping errors.
pub(crate) fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(|e| write_error(e.into()))
}
