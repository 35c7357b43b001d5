//! The one command that stops a long job, whatever its kind (see `crate::jobs`).

use tauri::State;

use crate::jobs::{JobKind, Jobs};

/// Stop the running job of `job`'s kind after its current unit; false if none was running. Not
/// async, so it runs on the main thread even while the job's worker is busy.
#[tauri::command]
pub fn cancel_job(jobs: State<'_, Jobs>, job: JobKind) -> bool {
    jobs.cancel(job)
}
