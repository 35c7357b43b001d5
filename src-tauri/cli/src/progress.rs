//! The CLI's one progress line, shared by import, merge, export and annotation import: a line on
//! standard error, redrawn in place by `indicatif`, fed by the core's own
//! [`Reporter`](claimdesk_core::job::Reporter) exactly as the window's progress dialog is (ten
//! reports a second at most, the final one always, "stop" once the job's token is cancelled).
//!
//! Each job picks its [`LineLayout`] (what the line names: files, articles, records) and its
//! progress type says how a report moves the line ([`OnTheLine`]). The line is never drawn when
//! standard error is not a terminal, nor when the caller asks for it hidden (`--json`, or an
//! export written to standard output), so scripts and pipes see only the summary. It is cleared
//! before the summary is printed, and when it is dropped on an error.

use std::io::IsTerminal;

use claimdesk_core::import::ImportProgress;
use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::job::{CancelToken, JobReport, Reporter};
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::team::sync::{SyncPhase, SyncProgress};
use indicatif::{HumanBytes, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// What a job's line shows, around the done/total count the job reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineLayout {
    /// Files done of files found, bytes read, time left, and the file being read.
    Import,
    /// The file being merged, and its articles done of its articles.
    Merge,
    /// Annotations written of annotations selected.
    Export,
    /// Documents of an annotation file read of documents in it.
    AnnotationImport,
    /// Ops sent, then rows received, of those waiting.
    Sync,
}

impl LineLayout {
    /// An `indicatif` template: `{prefix}` and `{msg}` are filled by [`OnTheLine::show`].
    fn template(self) -> &'static str {
        match self {
            LineLayout::Import => "Importing {pos}/{len} files, {wide_msg}",
            LineLayout::Merge => "Merging {prefix} [{bar:24}] {pos}/{len} articles",
            LineLayout::Export => "Exporting [{bar:32}] {pos}/{len} annotations",
            LineLayout::AnnotationImport => {
                "Importing annotations [{bar:32}] {pos}/{len} documents"
            }
            LineLayout::Sync => "Syncing: {prefix} [{bar:32}] {pos}/{len}",
        }
    }

    fn style(self) -> ProgressStyle {
        // The templates are constants checked by a test; the plain bar is only a fallback.
        ProgressStyle::with_template(self.template())
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ")
    }
}

/// How one progress report moves the line.
pub trait OnTheLine {
    /// Set the line's count, total and words from this report.
    fn show(&self, bar: &ProgressBar);
}

/// Every setter redraws (as often as indicatif allows): set the total only when it changes, and
/// the count last, so that one report draws the line once it is complete.
fn set_total(bar: &ProgressBar, total: u64) {
    if bar.length() != Some(total) {
        bar.set_length(total);
    }
}

impl OnTheLine for ImportProgress {
    fn show(&self, bar: &ProgressBar) {
        set_total(bar, u64::from(self.files_total));
        // The core's estimate, from the bytes read so far, as the window shows it.
        let left = self
            .remaining_ms
            .map(|ms| format!(", about {} s left", ms.div_ceil(1000)))
            .unwrap_or_default();
        let current = self.current.as_deref().unwrap_or_default();
        bar.set_message(format!(
            "{} of {}{left}  {current}",
            HumanBytes(self.bytes_done),
            HumanBytes(self.bytes_total)
        ));
        bar.set_position(u64::from(self.files_done));
    }
}

impl OnTheLine for MergeProgress {
    fn show(&self, bar: &ProgressBar) {
        if bar.prefix() != self.file {
            bar.set_prefix(self.file.clone());
        }
        set_total(bar, u64::from(self.articles_total));
        bar.set_position(u64::from(self.articles_done));
    }
}

impl OnTheLine for ExportProgress {
    fn show(&self, bar: &ProgressBar) {
        set_total(bar, self.total);
        bar.set_position(self.done);
    }
}

impl OnTheLine for SyncProgress {
    fn show(&self, bar: &ProgressBar) {
        let phase = match self.phase {
            SyncPhase::Push => "sending changes",
            SyncPhase::Pull => "receiving changes",
            SyncPhase::Done => "done",
        };
        if bar.prefix() != phase {
            bar.set_prefix(phase);
        }
        set_total(bar, self.total);
        bar.set_position(self.done);
    }
}

/// The progress line of one running job.
pub struct ProgressLine {
    bar: ProgressBar,
}

impl ProgressLine {
    /// A line laid out for `layout`, drawn on standard error only when `wanted` and standard
    /// error is a terminal; otherwise it takes reports and draws nothing.
    pub fn new(layout: LineLayout, wanted: bool) -> Self {
        let target = if wanted && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target).with_style(layout.style());
        ProgressLine { bar }
    }

    /// The core reporter to hand the job: its reports move this line, and it answers "stop"
    /// once `cancel` is cancelled (by Ctrl-C).
    pub fn reporter<P: JobReport + OnTheLine>(&self, cancel: CancelToken) -> Reporter<'_, P> {
        Reporter::new(cancel, |progress: &P| progress.show(&self.bar))
    }

    /// Take the line off the terminal, before the summary is printed.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for ProgressLine {
    /// A job that failed leaves no half-drawn line in front of its error message.
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use claimdesk_core::job::Progress;

    use super::*;

    #[test]
    fn every_layout_has_a_template_indicatif_accepts() {
        for layout in [
            LineLayout::Import,
            LineLayout::Merge,
            LineLayout::Export,
            LineLayout::AnnotationImport,
            LineLayout::Sync,
        ] {
            assert!(
                ProgressStyle::with_template(layout.template()).is_ok(),
                "{layout:?}"
            );
        }
    }

    #[test]
    fn reports_move_the_line_and_a_cancelled_token_stops_the_job() {
        let line = ProgressLine::new(LineLayout::Merge, false);
        let cancel = CancelToken::new();
        let mut reporter = line.reporter(cancel.clone());
        let step = |done| MergeProgress {
            file: "alice.sqlite".into(),
            articles_done: done,
            articles_total: 4,
        };
        assert_eq!(reporter.report(&step(1)), ControlFlow::Continue(()));
        assert_eq!(line.bar.position(), 1);
        assert_eq!(line.bar.length(), Some(4));
        assert_eq!(line.bar.prefix(), "alice.sqlite");
        cancel.cancel();
        assert_eq!(reporter.report(&step(4)), ControlFlow::Break(()));
        assert_eq!(line.bar.position(), 4, "the final report is always shown");
    }

    #[test]
    fn an_import_line_names_the_file_the_bytes_and_the_time_left() {
        let line = ProgressLine::new(LineLayout::Import, false);
        ImportProgress {
            files_done: 2,
            files_total: 5,
            current: Some("news/story.html".into()),
            bytes_done: 2048,
            bytes_total: 4096,
            remaining_ms: Some(1500),
            ..ImportProgress::default()
        }
        .show(&line.bar);
        assert_eq!(line.bar.position(), 2);
        assert_eq!(line.bar.length(), Some(5));
        let message = line.bar.message();
        assert!(message.contains("2.00 KiB of 4.00 KiB"), "{message}");
        assert!(message.contains("about 2 s left"), "{message}");
        assert!(message.ends_with("news/story.html"), "{message}");
    }
}
