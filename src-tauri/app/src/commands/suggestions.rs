//! Suggestion commands: candidates for an open article, dismissals, and what prefills a tag the
//! analyst makes by hand (a selected figure, the quote around a selection, its speaker).
//! Offsets are code points, as everywhere across the boundary.

use claimdesk_core::analysis::suggestions::{ArticleSuggestions, FigurePrefill};
use claimdesk_core::db::queries::dismissed_suggestions::{DismissedSuggestion, NewDismissal};
use claimdesk_core::db::queries::suggestions::SpeakerPrefill;
use claimdesk_core::model::ids::{AnnotatorId, ArticleId};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// The figures and quotes to offer the analyst on an article.
#[tauri::command]
pub async fn list_suggestions(
    state: State<'_, AppState>,
    article_id: ArticleId,
    actor: AnnotatorId,
) -> Result<ArticleSuggestions, IpcError> {
    state.with_store(|s| s.list_suggestions(&article_id, &actor))
}

/// Dismiss a suggestion for the analyst; it is not offered to them again.
#[tauri::command]
pub async fn dismiss_suggestion(
    state: State<'_, AppState>,
    actor: AnnotatorId,
    dismissal: NewDismissal,
) -> Result<DismissedSuggestion, IpcError> {
    state.with_store(|s| s.dismiss_suggestion(&actor, dismissal))
}

/// The figure in a selection, read by the article's language, with its other readings.
#[tauri::command]
pub async fn parse_figure(
    state: State<'_, AppState>,
    article_id: ArticleId,
    start: i64,
    end: i64,
) -> Result<Option<FigurePrefill>, IpcError> {
    state.with_store(|s| s.prefill_figure(&article_id, start, end))
}

/// A selection extended to the whole quote it lies in, if any.
#[tauri::command]
pub async fn extend_to_quote(
    state: State<'_, AppState>,
    article_id: ArticleId,
    start: i64,
    end: i64,
) -> Result<Option<(i64, i64)>, IpcError> {
    state.with_store(|s| s.extend_to_quote_in_article(&article_id, start, end))
}

/// The speaker to prefill for the quote in a selection.
#[tauri::command]
pub async fn suggest_speaker(
    state: State<'_, AppState>,
    article_id: ArticleId,
    start: i64,
    end: i64,
) -> Result<SpeakerPrefill, IpcError> {
    state.with_store(|s| s.suggest_speaker(&article_id, start, end))
}
