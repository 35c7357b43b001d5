//! Corpus commands: the library, the annotation table, search and the filters' choices.

use claimdesk_core::db::queries::annotation_table::{AnnotationPage, AnnotationQuery};
use claimdesk_core::db::queries::library::{Facets, LibraryPage, LibraryQuery};
use claimdesk_core::db::queries::search::SearchResults;
use claimdesk_core::model::filters::Filters;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// One page of the library.
#[tauri::command]
pub async fn list_library(
    state: State<'_, AppState>,
    query: LibraryQuery,
) -> Result<LibraryPage, IpcError> {
    state.with_store(|s| s.list_library(&query))
}

/// One page of the annotation table.
#[tauri::command]
pub async fn list_annotation_table(
    state: State<'_, AppState>,
    query: AnnotationQuery,
) -> Result<AnnotationPage, IpcError> {
    state.with_store(|s| s.list_annotation_table(&query))
}

/// Search articles and annotations.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    text: String,
    filters: Filters,
    limit: u32,
) -> Result<SearchResults, IpcError> {
    state.with_store(|s| s.search(&text, &filters, limit))
}

/// Outlets, languages and tags present, for the filter bar.
#[tauri::command]
pub async fn list_facets(state: State<'_, AppState>) -> Result<Facets, IpcError> {
    state.with_store(|s| s.list_facets())
}
