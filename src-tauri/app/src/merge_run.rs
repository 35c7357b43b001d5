//! The one merge that may run at a time, and whether the analyst asked it to stop. Like an
//! import, a merge holds the store for its whole run (each article is its own transaction), so
//! a second one is refused with a message rather than queued. Cancelling is read by the core's
//! progress callback after each article; what was merged stays, and merging again finishes.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use claimdesk_core::team::merge::MergeProgress;

use crate::ipc_error::{ErrorKind, IpcError};

/// Shortest time between two progress reports sent to the window.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Whether a merge runs, and whether it should stop.
#[derive(Debug, Default)]
pub struct MergeRun {
    running: AtomicBool,
    cancel: AtomicBool,
}

impl MergeRun {
    /// Mark a merge as started; refused while another runs.
    pub fn start(&self) -> Result<RunningMerge<'_>, IpcError> {
        if self
            .running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(IpcError {
                kind: ErrorKind::InvalidInput,
                message: "A merge is already running: wait for it to finish or cancel it first."
                    .to_owned(),
            });
        }
        self.cancel.store(false, Ordering::Release);
        Ok(RunningMerge {
            run: self,
            last_sent: None,
        })
    }

    /// Ask the running merge to stop after the article it is merging; false if none runs.
    pub fn cancel(&self) -> bool {
        let running = self.running.load(Ordering::Acquire);
        if running {
            self.cancel.store(true, Ordering::Release);
        }
        running
    }
}

/// A merge in progress; dropping it marks the merge as finished.
pub struct RunningMerge<'a> {
    run: &'a MergeRun,
    last_sent: Option<Instant>,
}

impl RunningMerge<'_> {
    /// The core's progress callback: pass the report on (throttled; a file's last article
    /// always) and say whether to go on.
    pub fn report(
        &mut self,
        progress: &MergeProgress,
        send: impl FnOnce(&MergeProgress),
    ) -> ControlFlow<()> {
        let last = progress.articles_done >= progress.articles_total;
        let now = Instant::now();
        if last || self.last_sent.is_none_or(|t| now - t >= PROGRESS_INTERVAL) {
            self.last_sent = Some(now);
            send(progress);
        }
        if self.run.cancel.load(Ordering::Acquire) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

impl Drop for RunningMerge<'_> {
    fn drop(&mut self) {
        self.run.running.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(done: u32) -> MergeProgress {
        MergeProgress {
            file: "alice.sqlite".to_owned(),
            articles_done: done,
            articles_total: 3,
        }
    }

    #[test]
    fn a_second_merge_is_refused_while_one_runs_and_cancel_stops_it() {
        let run = MergeRun::default();
        assert!(!run.cancel(), "nothing to cancel");
        let mut running = run.start().unwrap();
        assert!(run.start().is_err());
        assert_eq!(
            running.report(&progress(1), |_| ()),
            ControlFlow::Continue(())
        );
        assert!(run.cancel());
        let mut sent = 0;
        assert_eq!(
            running.report(&progress(3), |_| sent += 1),
            ControlFlow::Break(())
        );
        assert_eq!(sent, 1, "a file's last report always goes");
        drop(running);
        let mut next = run.start().unwrap();
        assert_eq!(next.report(&progress(1), |_| ()), ControlFlow::Continue(()));
    }
}
