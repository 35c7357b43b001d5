//! Export commands. The target file is chosen in the system's save dialog, opened here on the
//! Rust side (the webview has no dialog or file-system permission); the export then writes only
//! to the path that dialog returned. It runs as a job (`jobs::run_job`): on a worker thread,
//! progress through a channel at most ten times a second, stopped between two records by
//! `cancel_job`.

use std::path::PathBuf;

use chrono::NaiveDate;
use claimdesk_core::interchange::{
    self, ExportFormat, ExportProgress, ExportRequest, ExportSize, ExportSummary,
};
use claimdesk_core::job::Reporter;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;

/// Ask where to save an export of `format`; none if the analyst closed the dialog.
#[tauri::command]
pub async fn pick_export_path(window: WebviewWindow, format: ExportFormat) -> Option<String> {
    let approved = window.state::<ApprovedPaths>();
    let today = chrono::Local::now().date_naive();
    let mut dialog = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Export annotations")
        .set_file_name(default_file_name(format, today))
        .add_filter(format_name(format), &[format.extension()]);
    if let Some(folder) = approved.last_folder(Purpose::ExportTarget) {
        dialog = dialog.set_directory(folder);
    }
    let picked = dialog.blocking_save_file()?;
    approved.hand_out(Purpose::ExportTarget, picked)
}

/// How many annotations, in how many articles, an export would write.
#[tauri::command]
pub async fn count_export(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportSize, IpcError> {
    state.with_store(|s| interchange::measure_export(s, &request))
}

/// Export to the path the save dialog returned, reporting progress about ten times a second.
#[tauri::command]
pub async fn export_annotations(
    app: AppHandle,
    path: PathBuf,
    request: ExportRequest,
    on_progress: Channel<ExportProgress>,
) -> Result<ExportSummary, IpcError> {
    let write = JobPaths::Write(Purpose::ExportTarget, path.clone());
    let work = move |app: &AppHandle, progress: &mut Reporter<'_, ExportProgress>| {
        let state = app.state::<AppState>();
        state.with_store(|s| interchange::export_to_path(s, &request, &path, progress))
    };
    run_job(app, JobKind::Export, write, Some(on_progress), work).await
}

/// What the save dialog offers: `claimdesk-annotations-2026-11-30.csv`, or the tool's name for
/// formats that share an extension with another.
pub fn default_file_name(format: ExportFormat, day: NaiveDate) -> String {
    let stem = match format {
        ExportFormat::Csv | ExportFormat::Jsonl | ExportFormat::W3c => "annotations",
        ExportFormat::ClaimReview => "claimreview",
        ExportFormat::Doccano => "doccano",
        ExportFormat::LabelStudio => "label-studio",
    };
    format!(
        "claimdesk-{stem}-{}.{}",
        day.format("%Y-%m-%d"),
        format.extension()
    )
}

/// The format's name in the save dialog's file type list.
fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "CSV",
        ExportFormat::Jsonl => "JSON Lines",
        ExportFormat::W3c => "W3C Web Annotation (JSON-LD)",
        ExportFormat::ClaimReview => "ClaimReview (JSON-LD)",
        ExportFormat::Doccano => "doccano (JSONL)",
        ExportFormat::LabelStudio => "Label Studio (JSON)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_name_has_the_day_and_the_formats_extension() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        let name = |f| default_file_name(f, day);
        assert_eq!(
            name(ExportFormat::Csv),
            "claimdesk-annotations-2026-03-07.csv"
        );
        assert_eq!(
            name(ExportFormat::W3c),
            "claimdesk-annotations-2026-03-07.jsonld"
        );
        assert_eq!(
            name(ExportFormat::Doccano),
            "claimdesk-doccano-2026-03-07.jsonl"
        );
        assert_eq!(
            name(ExportFormat::LabelStudio),
            "claimdesk-label-studio-2026-03-07.json"
        );
        for format in ExportFormat::ALL {
            assert!(name(format).ends_with(&format!(".{}", format.extension())));
        }
    }
}
