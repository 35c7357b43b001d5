//! Article commands.

use claimdesk_core::import::sample::sample_article;
use claimdesk_core::model::ids::ArticleId;
use claimdesk_core::model::{Article, ArticleSummary};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Every article, newest first.
#[tauri::command]
pub async fn list_articles(state: State<'_, AppState>) -> Result<Vec<ArticleSummary>, IpcError> {
    state.with_store(|s| s.list_articles())
}

/// One article with its text.
#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: ArticleId) -> Result<Article, IpcError> {
    state.with_store(|s| s.get_article(&id))
}

/// Add the made-up sample article offered on first run.
#[tauri::command]
pub async fn create_sample_article(state: State<'_, AppState>) -> Result<Article, IpcError> {
    state.with_store(|s| s.create_pasted_article(sample_article()))
}
