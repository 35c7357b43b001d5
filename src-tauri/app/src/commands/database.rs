//! Which database file the window works on: pick one in the system's dialog (opened here, so
//! the webview needs no dialog permission), switch to it, list the recent ones, and the number
//! that tells the window another writer committed. The window title names the open file.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::ipc_error::IpcError;
use crate::state::{window_title, AppState, Startup};

/// The extensions the open dialog offers; any file can still be chosen and is checked anyway.
const DATABASE_EXTENSIONS: &[&str] = &["sqlite", "sqlite3", "db", "claimdesk"];

/// Ask for a database file to open; none if the analyst closed the dialog.
#[tauri::command]
pub async fn pick_database_file(window: WebviewWindow) -> Option<String> {
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Open a Claimdesk database")
        .add_filter("Claimdesk databases", DATABASE_EXTENSIONS)
        .blocking_pick_file();
    picked.and_then(chosen_path)
}

/// Switch the window to the database at `path`; a refused file leaves the current one open.
#[tauri::command]
pub async fn open_database(
    app: AppHandle,
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<Startup, IpcError> {
    let startup = state.switch_to(&path)?;
    show_database_in_title(&app);
    Ok(startup)
}

/// The database files opened lately, most recent first.
#[tauri::command]
pub async fn list_recent_databases(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    let recent = state.recent_databases();
    Ok(recent.iter().map(|p| p.display().to_string()).collect())
}

/// SQLite's `data_version`: it moves when another window or process commits to the file.
#[tauri::command]
pub async fn get_data_version(state: State<'_, AppState>) -> Result<i64, IpcError> {
    state.with_store(|s| s.data_version())
}

/// Put the open file's name in the main window's title.
pub fn show_database_in_title(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let title = window_title(&app.state::<AppState>().db_path());
    if let Err(err) = window.set_title(&title) {
        log::warn!("could not set the window title: {err}");
    }
}

/// A path chosen in a dialog, as text for the page; a non-file URI (not produced on desktop) is
/// dropped.
pub(crate) fn chosen_path(path: FilePath) -> Option<String> {
    let path = path.into_path().ok()?;
    Some(path.to_string_lossy().into_owned())
}
