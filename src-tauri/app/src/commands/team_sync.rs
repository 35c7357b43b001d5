//! Team-server commands: the header's status, joining the open file to a project, one sync
//! round (the window runs one every few seconds and on demand), the conflicts the server found
//! and their settlement, assignments and the team's progress.
//!
//! A sync round is a long job on a worker thread with its own connection to the file (kept
//! across rounds, `SyncConnection`): the `postgres` client must never run inside the async
//! runtime, and the analyst keeps tagging through the window's connection meanwhile.

use claimdesk_core::db::queries::assignments::{AnalystProgress, AssignReport, AssignRequest};
use claimdesk_core::db::queries::sync_conflicts::{SyncConflict, SyncResolution};
use claimdesk_core::job::Reporter;
use claimdesk_core::model::ids::{AnnotatorId, ArticleId};
use claimdesk_core::team::credentials::Credentials;
use claimdesk_core::team::sync::for_file::{join_file, sync_file, Joined, TeamStatus};
use claimdesk_core::team::sync::{SyncProgress, SyncReport};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;
use crate::sync_connection::SyncConnection;

fn credentials(app: &AppHandle) -> Result<Credentials, IpcError> {
    let folder = app
        .path()
        .app_config_dir()
        .map_err(|e| IpcError::internal(format!("no configuration folder: {e}")))?;
    Ok(Credentials::new(&folder))
}

/// Where the open file stands with its team.
#[tauri::command]
pub async fn team_status(state: State<'_, AppState>) -> Result<TeamStatus, IpcError> {
    state.with_store(|s| s.team_status())
}

/// Join the open file to `project` on the server at `url`, writing as `analyst`.
#[tauri::command]
pub async fn join_team(
    app: AppHandle,
    url: String,
    project: String,
    password: String,
    analyst: AnnotatorId,
) -> Result<Joined, IpcError> {
    let work = move |app: &AppHandle, _: &mut Reporter<'_, SyncProgress>| {
        let path = app.state::<AppState>().db_path();
        let credentials = credentials(app)?;
        app.state::<SyncConnection>().with(&path, |store| {
            join_file(store, &url, &password, &project, &analyst, &credentials)
        })
    };
    run_job(app, JobKind::Sync, JobPaths::None, None, work).await
}

/// One sync round: send what waits, receive what is new.
#[tauri::command]
pub async fn sync_now(
    app: AppHandle,
    on_progress: Channel<SyncProgress>,
) -> Result<SyncReport, IpcError> {
    let work = |app: &AppHandle, progress: &mut Reporter<'_, SyncProgress>| {
        let path = app.state::<AppState>().db_path();
        let credentials = credentials(app)?;
        app.state::<SyncConnection>().with(&path, |store| {
            sync_file(store, &credentials, None, progress)
        })
    };
    run_job(app, JobKind::Sync, JobPaths::None, Some(on_progress), work).await
}

/// Conflicts the server found, not settled yet.
#[tauri::command]
pub async fn list_sync_conflicts(
    state: State<'_, AppState>,
) -> Result<Vec<SyncConflict>, IpcError> {
    state.with_store(|s| s.list_sync_conflicts())
}

/// Keep what the server kept, or take the change that came second.
#[tauri::command]
pub async fn resolve_sync_conflict(
    state: State<'_, AppState>,
    reviewer: AnnotatorId,
    id: String,
    resolution: SyncResolution,
) -> Result<(), IpcError> {
    state.with_store(|s| s.resolve_sync_conflict(&reviewer, &id, resolution))
}

/// Share articles among analysts.
#[tauri::command]
pub async fn assign_articles(
    state: State<'_, AppState>,
    lead: AnnotatorId,
    request: AssignRequest,
) -> Result<AssignReport, IpcError> {
    state.with_store(|s| s.assign_articles(&lead, &request))
}

/// Mark an assigned article done, or not done.
#[tauri::command]
pub async fn set_assignment_done(
    state: State<'_, AppState>,
    article: ArticleId,
    analyst: AnnotatorId,
    done: bool,
) -> Result<(), IpcError> {
    state.with_store(|s| s.set_assignment_done(&article, &analyst, done))
}

/// Who an article is assigned to, and who is done with it.
#[tauri::command]
pub async fn article_assignees(
    state: State<'_, AppState>,
    article: ArticleId,
) -> Result<Vec<(AnnotatorId, bool)>, IpcError> {
    state.with_store(|s| s.article_assignees(&article))
}

/// Each analyst's assigned, started and done articles, annotations and pending reviews.
#[tauri::command]
pub async fn team_progress(state: State<'_, AppState>) -> Result<Vec<AnalystProgress>, IpcError> {
    state.with_store(|s| s.team_progress())
}
