//! Label commands.

use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{Label, LabelPatch, NewLabel};
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::AppState;

/// Every label, active first.
#[tauri::command]
pub async fn list_labels(state: State<'_, AppState>) -> Result<Vec<Label>, IpcError> {
    state.with_store(|s| s.list_labels())
}

/// Add a custom label.
#[tauri::command]
pub async fn create_label(state: State<'_, AppState>, label: NewLabel) -> Result<Label, IpcError> {
    state.with_store(|s| s.create_label(label))
}

/// Rename, recolour or re-key a label.
#[tauri::command]
pub async fn update_label(
    state: State<'_, AppState>,
    id: LabelId,
    patch: LabelPatch,
) -> Result<Label, IpcError> {
    state.with_store(|s| s.update_label(&id, patch))
}

/// Retire a custom label.
#[tauri::command]
pub async fn retire_label(state: State<'_, AppState>, id: LabelId) -> Result<Label, IpcError> {
    state.with_store(|s| s.retire_label(&id))
}

/// The team's verdict scale.
#[tauri::command]
pub async fn get_verdict_scale(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.with_store(|s| s.get_verdict_scale())
}

/// Replace the team's verdict scale.
#[tauri::command]
pub async fn set_verdict_scale(
    state: State<'_, AppState>,
    scale: Vec<String>,
) -> Result<Vec<String>, IpcError> {
    state.with_store(|s| s.set_verdict_scale(scale))
}
