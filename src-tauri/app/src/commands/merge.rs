//! Merge commands: teammates' files are chosen in the system's dialog (opened here) or dropped
//! on the merge dialog, then merged into the open database on a worker thread, with progress
//! through a channel; `cancel_merge` stops it after the article it is merging.

use std::path::PathBuf;

use claimdesk_core::team::merge::{self, MergeProgress, MergeSummary};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::IpcError;
use crate::merge_run::MergeRun;
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
    app.state::<ApprovedPaths>()
        .check_all(Purpose::MergeSource, &paths)?;
    let job = tauri::async_runtime::spawn_blocking(move || {
        let run = app.state::<MergeRun>();
        let mut running = run.start()?;
        let mut progress = |p: &MergeProgress| {
            running.report(p, |p| {
                if let Err(err) = on_progress.send(p.clone()) {
                    log::warn!("could not send merge progress to the window: {err}");
                }
            })
        };
        let state = app.state::<AppState>();
        state.with_store(|s| merge::merge_files(s, &paths, &mut progress))
    });
    job.await
        .map_err(|err| IpcError::internal(format!("The merge stopped unexpectedly ({err}).")))?
}

/// Stop the running merge after the article it is merging; false if none was running.
#[tauri::command]
pub fn cancel_merge(run: State<'_, MergeRun>) -> bool {
    run.cancel()
}
