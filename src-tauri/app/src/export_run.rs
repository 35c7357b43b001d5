//! The one export or annotation import that may run at a time. Both hold the store for their
//! whole run, so a second one would only queue behind the first: it is refused instead, with a
//! message. Cancelling is a flag the core's progress callback reads between records; a cancelled
//! export leaves its target as it was. Which files they may touch is `approved_paths`' business.

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use claimdesk_core::interchange::ExportProgress;

use crate::import_run::{Throttle, PROGRESS_INTERVAL};
use crate::ipc_error::{ErrorKind, IpcError};

/// Whether an export or annotation import runs, and whether it should stop.
#[derive(Debug, Default)]
pub struct ExportRun {
    running: AtomicBool,
    cancel: AtomicBool,
}

impl ExportRun {
    /// Mark an export or annotation import as started; refused while another runs.
    pub fn start(&self) -> Result<RunningExport<'_>, IpcError> {
        if self
            .running
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return Err(IpcError {
                kind: ErrorKind::InvalidInput,
                message: "An export or annotation import is already running: wait for it to \
                          finish or cancel it first."
                    .to_owned(),
            });
        }
        self.cancel.store(false, Ordering::Release);
        Ok(RunningExport {
            run: self,
            throttle: Throttle::new(PROGRESS_INTERVAL),
        })
    }

    /// Ask the running export or import to stop; false if none runs.
    pub fn cancel(&self) -> bool {
        let running = self.running.load(Ordering::Acquire);
        if running {
            self.cancel.store(true, Ordering::Release);
        }
        running
    }
}

/// An export or annotation import in progress; dropping it marks it as finished.
pub struct RunningExport<'a> {
    run: &'a ExportRun,
    throttle: Throttle,
}

impl RunningExport<'_> {
    /// The core's progress callback: pass the report on (at most ten a second; the last one
    /// always) and say whether to go on.
    pub fn report(
        &mut self,
        progress: ExportProgress,
        send: impl FnOnce(ExportProgress),
    ) -> ControlFlow<()> {
        let last = progress.done >= progress.total;
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

impl Drop for RunningExport<'_> {
    fn drop(&mut self) {
        self.run.running.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(done: u64, total: u64) -> ExportProgress {
        ExportProgress { done, total }
    }

    #[test]
    fn a_second_run_is_refused_while_one_runs() {
        let run = ExportRun::default();
        let first = run.start().unwrap();
        let refused = run.start().err().unwrap();
        assert!(refused.message.contains("already running"), "{refused:?}");
        drop(first);
        assert!(run.start().is_ok(), "a finished run frees the slot");
    }

    #[test]
    fn cancel_stops_the_running_export_and_the_last_report_always_goes() {
        let run = ExportRun::default();
        assert!(!run.cancel(), "nothing to cancel");
        let mut running = run.start().unwrap();
        let mut sent = Vec::new();
        let flow = running.report(at(0, 1000), |p| sent.push(p.done));
        assert_eq!(flow, ControlFlow::Continue(()));
        let flow = running.report(at(250, 1000), |p| sent.push(p.done));
        assert_eq!(flow, ControlFlow::Continue(()));
        let _ = running.report(at(1000, 1000), |p| sent.push(p.done));
        assert_eq!(
            sent,
            [0, 1000],
            "the throttled report is dropped, the last is not"
        );
        assert!(run.cancel());
        let flow = running.report(at(500, 1000), |_| ());
        assert_eq!(flow, ControlFlow::Break(()));
        drop(running);
        let mut next = run.start().unwrap();
        assert_eq!(next.report(at(0, 10), |_| ()), ControlFlow::Continue(()));
    }
}
