//! Review commands: the analysts of an article side by side, decisions and comments, the
//! consensus, merge conflicts to settle, and the agreement table with its CSV export.

use std::path::PathBuf;

use claimdesk_core::analysis::agreement::{export_agreement_csv, AgreementQuery, AgreementReport};
use claimdesk_core::db::queries::conflicts::{ConflictResolution, MergeConflict};
use claimdesk_core::db::queries::review::{AnalystColumn, ConsensusSpan, ReviewQuery};
use claimdesk_core::db::queries::review_decisions::{NewReview, ReviewDecision};
use claimdesk_core::interchange::ExportProgress;
use claimdesk_core::job::Reporter;
use claimdesk_core::model::ids::{AnnotatorId, ArticleId, ConflictId};
use claimdesk_core::model::Annotator;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;

/// The analysts who annotated an article.
#[tauri::command]
pub async fn list_article_analysts(
    state: State<'_, AppState>,
    article_id: ArticleId,
) -> Result<Vec<Annotator>, IpcError> {
    state.with_store(|s| s.list_article_analysts(&article_id))
}

/// The chosen analysts' annotations on an article, one column each.
#[tauri::command]
pub async fn review_sheet(
    state: State<'_, AppState>,
    article_id: ArticleId,
    query: ReviewQuery,
) -> Result<Vec<AnalystColumn>, IpcError> {
    state.with_store(|s| s.review_sheet(&article_id, &query))
}

/// Accept, reject, set back to pending, or comment on an annotation.
#[tauri::command]
pub async fn review_annotation(
    state: State<'_, AppState>,
    reviewer: AnnotatorId,
    review: NewReview,
) -> Result<ReviewDecision, IpcError> {
    state.with_store(|s| s.review_annotation(&reviewer, review))
}

/// The accepted spans of an article, one per label and span.
#[tauri::command]
pub async fn get_consensus(
    state: State<'_, AppState>,
    article_id: ArticleId,
) -> Result<Vec<ConsensusSpan>, IpcError> {
    state.with_store(|s| s.consensus(&article_id))
}

/// Merge conflicts, oldest first: open ones only when `open_only`, on one article if given.
#[tauri::command]
pub async fn list_conflicts(
    state: State<'_, AppState>,
    open_only: bool,
    article_id: Option<ArticleId>,
) -> Result<Vec<MergeConflict>, IpcError> {
    state.with_store(|s| s.list_conflicts(open_only, article_id.as_ref()))
}

/// Keep this file's version of a conflicting annotation, or take the merged file's.
#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    resolver: AnnotatorId,
    id: ConflictId,
    resolution: ConflictResolution,
) -> Result<MergeConflict, IpcError> {
    state.with_store(|s| s.resolve_conflict(&resolver, &id, resolution))
}

/// Agreement figures between the analysts the query chooses.
#[tauri::command]
pub async fn get_agreement(
    state: State<'_, AppState>,
    query: AgreementQuery,
) -> Result<AgreementReport, IpcError> {
    state.with_store(|s| s.agreement(&query))
}

/// Ask where to save the agreement table; none if the analyst closed the dialog.
#[tauri::command]
pub async fn pick_agreement_csv_path(window: WebviewWindow) -> Option<String> {
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Export the agreement table")
        .set_file_name("agreement.csv")
        .add_filter("CSV", &["csv"])
        .blocking_save_file();
    let approved = window.state::<ApprovedPaths>();
    picked.and_then(|path| approved.hand_out(Purpose::AgreementTarget, path))
}

/// Compute the agreement table and write it as CSV to `path` (chosen in the save dialog).
#[tauri::command]
pub async fn export_agreement(
    app: AppHandle,
    query: AgreementQuery,
    path: PathBuf,
) -> Result<u32, IpcError> {
    let write = JobPaths::Write(Purpose::AgreementTarget, path.clone());
    // One table, written at once: nothing to report or cancel, but the job's slot and paths.
    let work = move |app: &AppHandle, _: &mut Reporter<'_, ExportProgress>| {
        app.state::<AppState>().with_store(|s| {
            let report = s.agreement(&query)?;
            export_agreement_csv(&report, &path)?;
            Ok(u32::try_from(report.rows.len()).unwrap_or(u32::MAX))
        })
    };
    run_job(app, JobKind::AgreementExport, write, None, work).await
}
