//! The one export or annotation import that may run at a time, and the files the analyst chose
//! for them in the system's dialogs. Both hold the store for their whole run, so a second one
//! would only queue behind the first: it is refused instead, with a message. Cancelling is a
//! flag the core's progress callback reads between records; a cancelled export leaves its
//! target as it was.
//!
//! The webview never names a file on its own: the export writes only to the path the save
//! dialog returned last, and the annotation import reads only the file the open dialog returned
//! last. A page that went wrong therefore cannot overwrite or read a file the analyst did not
//! choose.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use claimdesk_core::interchange::ExportProgress;

use crate::import_run::{Throttle, PROGRESS_INTERVAL};
use crate::ipc_error::{ErrorKind, IpcError};

/// Which dialog chose a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The save dialog of an export.
    ExportTarget,
    /// The open dialog of an annotation import.
    AnnotationFile,
}

/// Whether an export or annotation import runs, whether it should stop, and the chosen files.
#[derive(Debug, Default)]
pub struct ExportRun {
    running: AtomicBool,
    cancel: AtomicBool,
    export_target: Mutex<Option<PathBuf>>,
    annotation_file: Mutex<Option<PathBuf>>,
}

impl ExportRun {
    fn slot(&self, which: Chosen) -> &Mutex<Option<PathBuf>> {
        match which {
            Chosen::ExportTarget => &self.export_target,
            Chosen::AnnotationFile => &self.annotation_file,
        }
    }

    /// Remember the file a dialog returned.
    pub fn choose(&self, which: Chosen, path: PathBuf) {
        if let Ok(mut slot) = self.slot(which).lock() {
            *slot = Some(path);
        }
    }

    /// The folder of the file the dialog for `which` returned last, to open it there again.
    pub fn last_folder(&self, which: Chosen) -> Option<PathBuf> {
        let chosen = self.slot(which).lock().ok()?.clone()?;
        chosen.parent().map(Path::to_path_buf)
    }

    /// Refuse a path that the dialog for `which` did not return.
    pub fn check_chosen(&self, which: Chosen, path: &Path) -> Result<(), IpcError> {
        let chosen = self.slot(which).lock().ok().and_then(|slot| slot.clone());
        if chosen.as_deref() == Some(path) {
            return Ok(());
        }
        let ask = match which {
            Chosen::ExportTarget => "Choose where to save the export with Save as… first.",
            Chosen::AnnotationFile => "Choose the file to import in the file dialog first.",
        };
        Err(IpcError {
            kind: ErrorKind::InvalidInput,
            message: ask.to_owned(),
        })
    }

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
    fn only_the_path_the_dialog_returned_is_accepted() {
        let run = ExportRun::default();
        let target = PathBuf::from("/home/ana/claims.csv");
        let refused = run.check_chosen(Chosen::ExportTarget, &target).unwrap_err();
        assert!(refused.message.contains("Save as"), "{refused:?}");
        run.choose(Chosen::ExportTarget, target.clone());
        assert!(run.check_chosen(Chosen::ExportTarget, &target).is_ok());
        assert_eq!(
            run.last_folder(Chosen::ExportTarget),
            Some(PathBuf::from("/home/ana"))
        );
        assert_eq!(run.last_folder(Chosen::AnnotationFile), None);
        assert!(run
            .check_chosen(Chosen::ExportTarget, Path::new("/home/ana/.bashrc"))
            .is_err());
        assert!(
            run.check_chosen(Chosen::AnnotationFile, &target).is_err(),
            "a save target is not a file to read"
        );
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
