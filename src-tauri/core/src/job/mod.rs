//! The one shape of a long job (import, merge, export, annotation import, and every later one):
//! the job takes a [`Progress`] and calls it after each unit of work (an article, a record); the
//! answer says whether to go on. A job stops only between units, so what it finished stays
//! finished and nothing is left half written.
//!
//! Callers that show progress to a person (the window, the CLI's progress line) hand the job a
//! [`Reporter`]: it passes reports on at most [`PROGRESS_INTERVAL`] apart (the final one always)
//! and answers "stop" once its [`CancelToken`] is cancelled, from any thread. Tests may pass a
//! plain closure instead.

mod throttle;

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use throttle::Throttle;

/// Shortest time between two reports a [`Reporter`] passes on: at most ten a second, so a folder
/// of thousands of small files does not flood the window or the terminal with updates nobody
/// can read.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// What a long job reports after each unit of work.
pub trait Progress<P> {
    /// Take one report; `Break` asks the job to stop before its next unit.
    fn report(&mut self, progress: &P) -> ControlFlow<()>;
}

impl<P, F: FnMut(&P) -> ControlFlow<()>> Progress<P> for F {
    fn report(&mut self, progress: &P) -> ControlFlow<()> {
        self(progress)
    }
}

/// A progress report that knows whether it is a job's last one, which is never held back.
pub trait JobReport {
    /// Whether this report closes the job (or a step a person waits to see finish).
    fn is_final(&self) -> bool;
}

/// A request to stop, shared between the job and whoever may cancel it (a button, Ctrl-C).
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A token nobody has cancelled yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Ask the job to stop after the unit it is working on.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Release);
    }

    /// Whether the job was asked to stop.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The [`Progress`] the window and the CLI give a job: throttled reports to `send`, and "stop"
/// once `cancel` is cancelled.
pub struct Reporter<'a, P> {
    cancel: CancelToken,
    send: Box<dyn FnMut(&P) + 'a>,
    throttle: Throttle,
}

impl<'a, P> Reporter<'a, P> {
    /// Reports go to `send`, at most one per [`PROGRESS_INTERVAL`] (final ones always).
    pub fn new(cancel: CancelToken, send: impl FnMut(&P) + 'a) -> Self {
        Reporter {
            cancel,
            send: Box::new(send),
            throttle: Throttle::new(PROGRESS_INTERVAL),
        }
    }

    /// The token that stops this job.
    pub fn cancel_token(&self) -> &CancelToken {
        &self.cancel
    }
}

impl<P: JobReport> Progress<P> for Reporter<'_, P> {
    fn report(&mut self, progress: &P) -> ControlFlow<()> {
        if self.throttle.due(Instant::now(), progress.is_final()) {
            (self.send)(progress);
        }
        if self.cancel.is_cancelled() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Step {
        done: u32,
        total: u32,
    }

    impl JobReport for Step {
        fn is_final(&self) -> bool {
            self.done >= self.total
        }
    }

    #[test]
    fn a_reporter_passes_the_first_and_the_final_report_and_stops_once_cancelled() {
        let cancel = CancelToken::new();
        let mut sent = Vec::new();
        let mut reporter = Reporter::new(cancel.clone(), |s: &Step| sent.push(s.done));
        let step = |done| Step { done, total: 3 };
        assert_eq!(reporter.report(&step(1)), ControlFlow::Continue(()));
        assert_eq!(reporter.report(&step(2)), ControlFlow::Continue(()));
        cancel.cancel();
        assert_eq!(reporter.report(&step(3)), ControlFlow::Break(()));
        drop(reporter);
        assert_eq!(sent, [1, 3], "the throttled middle report is held back");
    }

    #[test]
    fn a_closure_is_a_progress_too() {
        let mut seen = 0;
        let mut stop_after_two = |_: &Step| {
            seen += 1;
            if seen >= 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let progress: &mut dyn Progress<Step> = &mut stop_after_two;
        let step = Step { done: 0, total: 1 };
        assert_eq!(progress.report(&step), ControlFlow::Continue(()));
        assert_eq!(progress.report(&step), ControlFlow::Break(()));
    }
}
