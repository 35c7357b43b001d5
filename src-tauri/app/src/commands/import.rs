//! Import commands. Files and folders are chosen in the system's dialog, opened here on the Rust
//! side, so the webview needs no dialog or file-system permission; the page gets the chosen
//! paths back to show them with the import options. `import_paths` then imports them (or paths
//! dropped on the window, see `file_drop`) on a worker thread, sending progress through a
//! channel; `cancel_import` stops it between two articles. It imports only paths a dialog or a
//! drop approved (`approved_paths`).

use std::path::PathBuf;

use claimdesk_core::import::{self, ImportOptions, ImportOutcome, ImportProgress, ImportSummary};
use claimdesk_core::job::Reporter;
use claimdesk_core::model::ids::ArticleId;
use claimdesk_core::model::provenance::ArticleSource;
use claimdesk_core::model::PastedArticle;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::approved_paths::{ApprovedPaths, Purpose};
use crate::import_store::ImportStore;
use crate::ipc_error::IpcError;
use crate::jobs::{run_job, JobKind, JobPaths};
use crate::state::AppState;

/// The extensions the file dialog offers; a file named on its own is read as text whatever its
/// extension, so this is a convenience, not a rule.
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson", "csv", "tsv",
];

/// Ask for files to import; empty if the analyst closed the dialog.
#[tauri::command]
pub async fn pick_import_files(window: WebviewWindow) -> Vec<String> {
    let picked = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Import articles")
        .add_filter("Articles and corpora", ARTICLE_EXTENSIONS)
        .blocking_pick_files();
    let approved = window.state::<ApprovedPaths>();
    let hand_out = |path| approved.hand_out(Purpose::ImportSource, path);
    picked.into_iter().flatten().filter_map(hand_out).collect()
}

/// Ask for a folder to import (with its subfolders); none if the analyst closed the dialog. The
/// dialog opens beside the last folder chosen, or in the home folder: GTK's default, its list
/// of recent files, holds no folder to choose.
#[tauri::command]
pub async fn pick_import_folder(window: WebviewWindow) -> Option<String> {
    let approved = window.state::<ApprovedPaths>();
    let start = approved.last_folder(Purpose::ImportSource);
    let start = start.or_else(|| window.path().home_dir().ok());
    let mut dialog = window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title("Import a folder of articles");
    if let Some(folder) = start {
        dialog = dialog.set_directory(folder);
    }
    let picked = dialog.blocking_pick_folder();
    picked.and_then(|path| approved.hand_out(Purpose::ImportSource, path))
}

/// Import files, folders and corpora, reporting progress about ten times a second.
#[tauri::command]
pub async fn import_paths(
    app: AppHandle,
    paths: Vec<PathBuf>,
    options: ImportOptions,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportSummary, IpcError> {
    let read = JobPaths::Read(Purpose::ImportSource, paths.clone());
    let work = move |app: &AppHandle, progress: &mut Reporter<'_, ImportProgress>| {
        // A store that is not open fails here as in every command; after this, the store is
        // locked only while each article is stored, never while a file is read.
        let mut store = ImportStore::pin(app.state::<AppState>().inner())?;
        import::import_paths(&mut store, &paths, &options, progress).map_err(IpcError::from)
    };
    run_job(app, JobKind::Import, read, Some(on_progress), work).await
}

/// Store a pasted article, or say which article already has its text.
#[tauri::command]
pub async fn import_pasted_article(
    state: State<'_, AppState>,
    pasted: PastedArticle,
) -> Result<ImportOutcome, IpcError> {
    state.with_store(|s| import::import_pasted(s, pasted))
}

/// How an article was imported (format, encoding, replaced bytes); none for older articles.
#[tauri::command]
pub async fn get_article_source(
    state: State<'_, AppState>,
    id: ArticleId,
) -> Result<Option<ArticleSource>, IpcError> {
    state.with_store(|s| s.get_article_source(&id))
}
