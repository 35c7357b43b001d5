//! The one job runner: every long job (import, merge, export, annotation import, agreement
//! export, and every later one) starts here. `run_job` checks the job's paths against
//! `approved_paths` before anything is read or written, takes the job's slot in the registry of
//! running jobs (a second job of the same slot is refused with a message, never queued behind the
//! store), runs the work on a worker thread with a core `Reporter` whose reports go to the
//! window's channel at most ten a second, and frees the slot when the work ends, however it
//! ends. [`Jobs::cancel`] (the `cancel_job` command) cancels the slot's token; the core job stops between two units of work.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use claimdesk_core::job::{CancelToken, JobReport, Reporter};
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::{ErrorKind, IpcError};

/// The kinds of long job the window can start and cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// Articles from files, folders and corpora.
    Import,
    /// Teammates' database files into the open one.
    Merge,
    /// Annotations to a file.
    Export,
    /// doccano or Label Studio annotations into the open database.
    AnnotationImport,
    /// The agreement table to a CSV file.
    AgreementExport,
    /// Joining the team server, or one sync round with it.
    Sync,
}

impl JobKind {
    /// Jobs of one slot exclude each other: an export and an annotation import both hold the
    /// store from start to end, so the second would only wait behind the first.
    fn slot(self) -> JobKind {
        match self {
            JobKind::AnnotationImport => JobKind::Export,
            other => other,
        }
    }

    /// The job as the analyst names it, in messages.
    fn noun(self) -> &'static str {
        match self {
            JobKind::Import => "import",
            JobKind::Merge => "merge",
            JobKind::Export => "export",
            JobKind::AnnotationImport => "annotation import",
            JobKind::AgreementExport => "agreement export",
            JobKind::Sync => "sync",
        }
    }
}

/// Which paths a job will touch, and for what; checked before the job starts.
/// (A copy of the few paths, so that the work can own the originals.)
pub enum JobPaths {
    /// Files to read, each chosen in the purpose's dialog or dropped on the window.
    Read(Purpose, Vec<PathBuf>),
    /// A file to write, the one the purpose's save dialog returned; used up by this job.
    Write(Purpose, PathBuf),
    /// No file but the open database (a sync).
    None,
}

impl JobPaths {
    /// Refuse the job unless every path was handed out for its purpose.
    pub fn check(&self, approved: &ApprovedPaths) -> Result<(), IpcError> {
        match self {
            JobPaths::Read(purpose, paths) => approved.check_all(*purpose, paths),
            JobPaths::Write(purpose, path) => approved.take_target(*purpose, path),
            JobPaths::None => Ok(()),
        }
    }
}

/// The registry of running jobs: one cancel token per busy slot.
#[derive(Debug, Default)]
pub struct Jobs {
    running: Mutex<HashMap<JobKind, CancelToken>>,
}

impl Jobs {
    fn running(&self) -> MutexGuard<'_, HashMap<JobKind, CancelToken>> {
        // The map stays consistent whatever panicked while holding it: every change is one
        // insert or remove.
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Take `kind`'s slot; refused while another job holds it.
    pub fn start(&self, kind: JobKind) -> Result<RunningJob<'_>, IpcError> {
        let mut running = self.running();
        if running.contains_key(&kind.slot()) {
            return Err(already_running(kind));
        }
        let token = CancelToken::new();
        running.insert(kind.slot(), token.clone());
        Ok(RunningJob {
            jobs: self,
            kind,
            token,
        })
    }

    /// Ask the job in `kind`'s slot to stop after its current unit; false if none runs.
    pub fn cancel(&self, kind: JobKind) -> bool {
        let running = self.running();
        let token = running.get(&kind.slot());
        token.inspect(|token| token.cancel()).is_some()
    }
}

fn already_running(kind: JobKind) -> IpcError {
    let what = match kind.slot() {
        JobKind::Import => "An import",
        JobKind::Merge => "A merge",
        JobKind::Export | JobKind::AnnotationImport => "An export or annotation import",
        JobKind::AgreementExport => "An agreement export",
        JobKind::Sync => "A sync with the team server",
    };
    IpcError {
        kind: ErrorKind::InvalidInput,
        message: format!("{what} is already running: wait for it to finish or cancel it first."),
    }
}

/// A job holding its slot; dropping it frees the slot.
pub struct RunningJob<'a> {
    jobs: &'a Jobs,
    kind: JobKind,
    token: CancelToken,
}

impl RunningJob<'_> {
    /// The token `cancel_job` cancels.
    pub fn token(&self) -> CancelToken {
        self.token.clone()
    }
}

impl Drop for RunningJob<'_> {
    fn drop(&mut self) {
        self.jobs.running().remove(&self.kind.slot());
    }
}

/// Run `work` as a job of `kind`: its paths checked first, its slot held while it runs, its
/// reports sent to `on_progress` (if the window listens) through a throttled core `Reporter`.
pub async fn run_job<P, S, W>(
    app: AppHandle,
    kind: JobKind,
    paths: JobPaths,
    on_progress: Option<Channel<P>>,
    work: W,
) -> Result<S, IpcError>
where
    P: JobReport + Serialize + Clone + Send + 'static,
    S: Send + 'static,
    W: FnOnce(&AppHandle, &mut Reporter<'_, P>) -> Result<S, IpcError> + Send + 'static,
{
    paths.check(&app.state::<ApprovedPaths>())?;
    let worker = tauri::async_runtime::spawn_blocking(move || {
        let jobs = app.state::<Jobs>();
        let running = jobs.start(kind)?;
        let send = |progress: &P| send_progress(on_progress.as_ref(), kind, progress);
        let mut reporter = Reporter::new(running.token(), send);
        work(&app, &mut reporter)
    });
    worker.await.map_err(|err| {
        IpcError::internal(format!("The {} stopped unexpectedly ({err}).", kind.noun()))
    })?
}

fn send_progress<P: Serialize + Clone>(channel: Option<&Channel<P>>, kind: JobKind, progress: &P) {
    if let Some(Err(err)) = channel.map(|c| c.send(progress.clone())) {
        log::warn!(
            "could not send {} progress to the window: {err}",
            kind.noun()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_job_of_one_slot_is_refused_while_the_first_runs() {
        let jobs = Jobs::default();
        let export = jobs.start(JobKind::Export).unwrap();
        let refused = jobs.start(JobKind::AnnotationImport).err().unwrap();
        assert!(refused.message.contains("already running"), "{refused:?}");
        assert!(
            refused.message.contains("An export or annotation import"),
            "{refused:?}"
        );
        assert!(jobs.start(JobKind::Import).is_ok(), "other slots are free");
        drop(export);
        assert!(jobs.start(JobKind::AnnotationImport).is_ok(), "freed");
    }

    #[test]
    fn cancel_reaches_the_running_job_and_not_the_next_one() {
        let jobs = Jobs::default();
        assert!(!jobs.cancel(JobKind::Merge), "nothing to cancel");
        let merge = jobs.start(JobKind::Merge).unwrap();
        let token = merge.token();
        assert!(jobs.cancel(JobKind::Merge));
        assert!(token.is_cancelled());
        drop(merge);
        let next = jobs.start(JobKind::Merge).unwrap();
        assert!(!next.token().is_cancelled());
    }

    #[test]
    fn cancelling_an_annotation_import_cancels_the_job_in_its_slot() {
        let jobs = Jobs::default();
        let import = jobs.start(JobKind::AnnotationImport).unwrap();
        assert!(jobs.cancel(JobKind::AnnotationImport));
        assert!(import.token().is_cancelled());
    }
}
