//! What the UI asks first: which database is open, and whether it opened.

use claimdesk_core::files::preferences::Preferences;
use tauri::State;

use crate::ipc_error::IpcError;
use crate::state::{AppState, Startup};

/// The database in use, and the reason it could not be opened if so.
#[tauri::command]
pub async fn get_startup(state: State<'_, AppState>) -> Result<Startup, IpcError> {
    Ok(state.startup())
}

/// Save the analyst's settings on this machine.
#[tauri::command]
pub async fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, IpcError> {
    state.save_preferences(&preferences)?;
    Ok(preferences)
}
