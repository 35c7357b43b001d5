//! Annotation and analyst commands.

use claimdesk_core::db::queries::article_annotations::ArticleAnnotations;
use claimdesk_core::db::queries::undo::UndoState;
use claimdesk_core::model::ids::{AnnotationId, AnnotatorId, ArticleId};
use claimdesk_core::model::{Annotation, AnnotationPatch, Annotator, NewAnnotation};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Tag a span.
#[tauri::command]
pub async fn create_annotation(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    annotation: NewAnnotation,
) -> Result<Annotation, IpcError> {
    state.with_store(|s| s.create_annotation(&actor, annotation))
}

/// Change an annotation.
#[tauri::command]
pub async fn update_annotation(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    id: AnnotationId,
    patch: AnnotationPatch,
) -> Result<Annotation, IpcError> {
    state.with_store(|s| s.update_annotation(&actor, &id, patch))
}

/// Delete (tombstone) an annotation.
#[tauri::command]
pub async fn delete_annotation(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    id: AnnotationId,
) -> Result<Annotation, IpcError> {
    state.with_store(|s| s.delete_annotation(&actor, &id))
}

/// The analyst with this name, created if new to the file.
#[tauri::command]
pub async fn ensure_annotator(
    state: State<'_, AppState>,
    name: String,
) -> Result<Annotator, IpcError> {
    state.with_store(|s| s.ensure_annotator(&name))
}

/// Every analyst in the file.
#[tauri::command]
pub async fn list_annotators(state: State<'_, AppState>) -> Result<Vec<Annotator>, IpcError> {
    state.with_store(|s| s.list_annotators())
}

/// An article's annotations placed against its text (moved and orphaned ones flagged).
#[tauri::command]
pub async fn list_article_annotations(
    state: State<'_, AppState>,
    article_id: ArticleId,
) -> Result<ArticleAnnotations, IpcError> {
    state.with_store(|s| s.list_article_annotations(&article_id))
}

/// Undo the analyst's latest change on an article.
#[tauri::command]
pub async fn undo_annotation(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    article_id: ArticleId,
) -> Result<Option<Annotation>, IpcError> {
    state.with_store(|s| s.undo(&actor, &article_id))
}

/// Redo the analyst's latest undone change on an article.
#[tauri::command]
pub async fn redo_annotation(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    article_id: ArticleId,
) -> Result<Option<Annotation>, IpcError> {
    state.with_store(|s| s.redo(&actor, &article_id))
}

/// How many changes can be undone and redone.
#[tauri::command]
pub async fn get_undo_state(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    article_id: ArticleId,
) -> Result<UndoState, IpcError> {
    state.with_store(|s| s.undo_state(&actor, &article_id))
}

/// Speakers already named in this file, most used first.
#[tauri::command]
pub async fn list_speakers(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.with_store(|s| s.list_speakers())
}
