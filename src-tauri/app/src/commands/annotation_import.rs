//! Imports of doccano and Label Studio annotation files. The file is chosen in the system's open
//! dialog, opened here on the Rust side; the import then reads only the path that dialog
//! returned. It runs as a job (`jobs::run_job`), stopped between two documents by `cancel_job`.

use std::path::PathBuf;

use claimdesk_core::interchange::{
    self, AnnotationImportOptions, AnnotationImportSummary, ExportProgress,
};
use claimdesk_core::job::Reporter;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;

/// Ask for a doccano (JSONL) or Label Studio (JSON) file; none if the dialog was closed.
#[tauri::command]
pub async fn pick_annotation_file(window: WebviewWindow) -> Option<String> {
    let approved = window.state::<ApprovedPaths>();
    let mut dialog = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Import annotations from doccano or Label Studio")
        .add_filter("doccano (JSONL) or Label Studio (JSON)", &["jsonl", "json"]);
    if let Some(folder) = approved.last_folder(Purpose::AnnotationFile) {
        dialog = dialog.set_directory(folder);
    }
    let picked = dialog.blocking_pick_file()?;
    approved.hand_out(Purpose::AnnotationFile, picked)
}

/// Import the doccano or Label Studio file the open dialog returned.
#[tauri::command]
pub async fn import_annotation_file(
    app: AppHandle,
    path: PathBuf,
    options: AnnotationImportOptions,
    on_progress: Channel<ExportProgress>,
) -> Result<AnnotationImportSummary, IpcError> {
    let read = JobPaths::Read(Purpose::AnnotationFile, vec![path.clone()]);
    let work = move |app: &AppHandle, progress: &mut Reporter<'_, ExportProgress>| {
        let state = app.state::<AppState>();
        state.with_store(|s| interchange::import_annotations(s, &path, &options, progress))
    };
    run_job(
        app,
        JobKind::AnnotationImport,
        read,
        Some(on_progress),
        work,
    )
    .await
}
