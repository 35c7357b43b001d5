//! The one bulk import that may run at a time: whether it runs, whether the analyst asked it to
//! stop, and how often its progress reaches the window. The import itself holds the store for its
//! whole run (each article is still its own transaction), so a second one would only queue behind
//! it; it is refused instead, with a message. Cancelling is a flag the core's progress callback
//! reads before each file and corpus row, so it stops between articles, never inside one.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use claimdesk_core::import::ImportProgress;

use crate::ipc_error::{ErrorKind, IpcError};

/// Shortest time between two progress reports sent to the window: at most 10 a second, so a
/// folder of thousands of small files does not flood the page with updates nobody can read.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Whether an import runs, and whether it should stop.
#[derive(Debug, Default)]
pub struct ImportRun {
    running: AtomicBool,
    cancel: AtomicBool,
}

impl ImportRun {
    /// Mark an import as started; refused while another runs.
    pub fn start(&self) -> Result<RunningImport<'_>, IpcError> {
        if self
            .running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(IpcError {
                kind: ErrorKind::InvalidInput,
                message: "An import is already running: wait for it to finish or cancel it first."
                    .to_owned(),
            });
        }
        self.cancel.store(false, Ordering::Release);
        Ok(RunningImport {
            run: self,
            throttle: Throttle::new(PROGRESS_INTERVAL),
        })
    }

    /// Ask the running import to stop after the article it is reading; false if none runs.
    pub fn cancel(&self) -> bool {
        let running = self.running.load(Ordering::Acquire);
        if running {
            self.cancel.store(true, Ordering::Release);
        }
        running
    }
}

/// An import in progress; dropping it marks the import as finished.
pub struct RunningImport<'a> {
    run: &'a ImportRun,
    throttle: Throttle,
}

impl RunningImport<'_> {
    /// The core's progress callback: pass the report on (throttled; the last one always) and say
    /// whether to go on.
    pub fn report(
        &mut self,
        progress: &ImportProgress,
        send: impl FnOnce(&ImportProgress),
    ) -> ControlFlow<()> {
        let last = progress.current.is_none();
        if self.throttle.due(Instant::now(), last) {
            send(progress);
        }
        if self.run.cancel.load(Ordering::Acquire) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

impl Drop for RunningImport<'_> {
    fn drop(&mut self) {
        self.run.running.store(false, Ordering::Release);
    }
}

/// Lets a report through when `interval` has passed since the last one let through (the export
/// run uses it too).
#[derive(Debug)]
pub(crate) struct Throttle {
    interval: Duration,
    last: Option<Instant>,
}

impl Throttle {
    pub(crate) fn new(interval: Duration) -> Self {
        Throttle {
            interval,
            last: None,
        }
    }

    /// Whether to send a report now; `always` for the one that must not be dropped.
    pub(crate) fn due(&mut self, now: Instant, always: bool) -> bool {
        let due = always
            || self
                .last
                .is_none_or(|last| now.duration_since(last) >= self.interval);
        if due {
            self.last = Some(now);
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(current: Option<&str>) -> ImportProgress {
        ImportProgress {
            current: current.map(str::to_owned),
            ..ImportProgress::default()
        }
    }

    #[test]
    fn throttle_lets_the_first_report_through_then_one_per_interval() {
        let start = Instant::now();
        let mut throttle = Throttle::new(Duration::from_millis(100));
        let at = |ms| start + Duration::from_millis(ms);
        assert!(throttle.due(at(0), false));
        assert!(!throttle.due(at(40), false));
        assert!(!throttle.due(at(99), false));
        assert!(throttle.due(at(100), false));
        assert!(!throttle.due(at(150), false));
        assert!(throttle.due(at(151), true), "the last report always goes");
    }

    #[test]
    fn a_second_import_is_refused_while_one_runs() {
        let run = ImportRun::default();
        let first = run.start().unwrap();
        let refused = run.start().err().unwrap();
        assert!(refused.message.contains("already running"), "{refused:?}");
        drop(first);
        assert!(run.start().is_ok(), "finished imports free the slot");
    }

    #[test]
    fn cancel_stops_the_running_import_and_not_the_next_one() {
        let run = ImportRun::default();
        assert!(!run.cancel(), "nothing to cancel");
        let mut running = run.start().unwrap();
        let mut sent = 0;
        let flow = running.report(&progress(Some("a.txt")), |_| sent += 1);
        assert_eq!(flow, ControlFlow::Continue(()));
        assert!(run.cancel());
        let flow = running.report(&progress(Some("b.txt")), |_| sent += 1);
        assert_eq!(flow, ControlFlow::Break(()));
        let flow = running.report(&progress(None), |_| sent += 1);
        assert_eq!(flow, ControlFlow::Break(()));
        assert_eq!(
            sent, 2,
            "the first report and the last one, not the throttled one"
        );
        drop(running);
        let mut next = run.start().unwrap();
        let flow = next.report(&progress(Some("c.txt")), |_| ());
        assert_eq!(flow, ControlFlow::Continue(()));
    }
}
