//! Which database file the window works on: pick one in the system's dialog (opened here, so
//! the webview needs no dialog permission), switch to it, list the recent ones, and the number
//! that tells the window another writer committed. The window title names the open file. Only a
//! file the dialog returned or the recent list handed out can be opened (`approved_paths`).

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
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
    let approved = window.state::<ApprovedPaths>();
    picked.and_then(|path| approved.hand_out(Purpose::Database, path))
}

/// Switch the window to the database at `path`; a refused file leaves the current one open.
#[tauri::command]
pub async fn open_database(
    app: AppHandle,
    state: State<'_, AppState>,
    approved: State<'_, ApprovedPaths>,
    path: PathBuf,
) -> Result<Startup, IpcError> {
    approved.check(Purpose::Database, &path)?;
    let startup = state.switch_to(&path)?;
    show_database_in_title(&app);
    Ok(startup)
}

/// The database files opened lately, most recent first; the list is the app's own, so each may
/// be opened again.
#[tauri::command]
pub async fn list_recent_databases(
    state: State<'_, AppState>,
    approved: State<'_, ApprovedPaths>,
) -> Result<Vec<String>, IpcError> {
    let recent = state.recent_databases();
    recent
        .iter()
        .for_each(|path| approved.grant(Purpose::Database, path));
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
