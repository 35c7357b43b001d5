//! Merge commands: teammates' files are chosen in the system's dialog (opened here) or dropped
//! on the merge dialog, then merged into the open database on a worker thread, with progress
//! through a channel; `cancel_merge` stops it after the article it is merging.

use std::path::PathBuf;

use claimdesk_core::job::Reporter;
use claimdesk_core::team::merge::{self, MergeProgress, MergeSummary};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;

/// Ask for teammates' database files to merge; empty if the analyst closed the dialog.
#[tauri::command]
pub async fn pick_merge_files(window: WebviewWindow) -> Vec<String> {
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Merge teammates' files into this one")
        .add_filter(
            "Claimdesk databases",
            &["sqlite", "sqlite3", "db", "claimdesk"],
        )
        .blocking_pick_files();
    let approved = window.state::<ApprovedPaths>();
    let hand_out = |path| approved.hand_out(Purpose::MergeSource, path);
    picked.into_iter().flatten().filter_map(hand_out).collect()
}

/// Merge `paths` (chosen in the dialog or dropped) into the open database; every file is checked
/// before anything is written.
#[tauri::command]
pub async fn merge_files(
    app: AppHandle,
    paths: Vec<PathBuf>,
    on_progress: Channel<MergeProgress>,
) -> Result<MergeSummary, IpcError> {
    let read = JobPaths::Read(Purpose::MergeSource, paths.clone());
    let work = move |app: &AppHandle, progress: &mut Reporter<'_, MergeProgress>| {
        let state = app.state::<AppState>();
        state.with_store(|s| merge::merge_files(s, &paths, progress))
    };
    run_job(app, JobKind::Merge, read, Some(on_progress), work).await
}
