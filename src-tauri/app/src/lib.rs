//! The Claimdesk desktop app: Tauri glue only. It picks the database file, opens it through the
//! core, creates the window with navigation locked to the app's own pages, and registers the
//! commands. Everything that touches data lives in `claimdesk-core`.

pub mod approved_paths;
#[cfg(feature = "bindings")]
pub mod bindings;
pub mod commands;
pub mod file_drop;
mod import_store;
pub mod ipc_error;
pub mod jobs;
pub mod state;
pub mod sync_connection;

use tauri::webview::NewWindowResponse;
use tauri::{Manager, Url, WebviewWindowBuilder};

use crate::approved_paths::ApprovedPaths;
use crate::jobs::Jobs;
use crate::state::{choose_db_path, AppState, DB_ENV};
use crate::sync_connection::SyncConnection;

/// Start the app; returns when the last window closes.
pub fn run() -> Result<(), tauri::Error> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    tauri::Builder::default()
        // File dialogs are opened from Rust; the webview is granted none of the plugin's commands.
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let args: Vec<String> = std::env::args().collect();
            let db_path = choose_db_path(&args, std::env::var(DB_ENV).ok(), &data_dir);
            if let Some(parent) = db_path.parent().filter(|_| db_path.starts_with(&data_dir)) {
                std::fs::create_dir_all(parent)?;
            }
            let preferences = app.path().app_config_dir()?.join("preferences.json");
            app.manage(AppState::open(db_path, preferences));
            app.manage(ApprovedPaths::default());
            app.manage(Jobs::default());
            app.manage(SyncConnection::default());
            create_main_window(app)?;
            commands::database::show_database_in_title(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup::get_startup,
            commands::startup::set_preferences,
            commands::articles::list_articles,
            commands::articles::get_article,
            commands::articles::create_sample_article,
            commands::annotations::create_annotation,
            commands::annotations::update_annotation,
            commands::annotations::delete_annotation,
            commands::annotations::list_article_annotations,
            commands::annotations::undo_annotation,
            commands::annotations::redo_annotation,
            commands::annotations::get_undo_state,
            commands::annotations::list_speakers,
            commands::annotations::ensure_annotator,
            commands::annotations::list_annotators,
            commands::labels::list_labels,
            commands::labels::create_label,
            commands::labels::update_label,
            commands::labels::retire_label,
            commands::corpus::list_library,
            commands::corpus::list_annotation_table,
            commands::corpus::search,
            commands::corpus::list_facets,
            commands::labels::get_verdict_scale,
            commands::labels::set_verdict_scale,
            commands::import::pick_import_files,
            commands::import::pick_import_folder,
            commands::import::import_paths,
            commands::import::import_pasted_article,
            commands::import::get_article_source,
            commands::suggestions::list_suggestions,
            commands::suggestions::dismiss_suggestion,
            commands::suggestions::parse_figure,
            commands::suggestions::extend_to_quote,
            commands::suggestions::suggest_speaker,
            commands::export::pick_export_path,
            commands::export::count_export,
            commands::export::export_annotations,
            commands::jobs::cancel_job,
            commands::annotation_import::pick_annotation_file,
            commands::annotation_import::import_annotation_file,
            commands::database::pick_database_file,
            commands::database::open_database,
            commands::database::list_recent_databases,
            commands::database::get_data_version,
            commands::review::list_article_analysts,
            commands::review::review_sheet,
            commands::review::review_annotation,
            commands::review::get_consensus,
            commands::review::list_conflicts,
            commands::review::resolve_conflict,
            commands::review::get_agreement,
            commands::review::pick_agreement_csv_path,
            commands::review::export_agreement,
            commands::merge::pick_merge_files,
            commands::merge::merge_files,
            commands::team_sync::team_status,
            commands::team_sync::join_team,
            commands::team_sync::sync_now,
            commands::team_sync::list_sync_conflicts,
            commands::team_sync::resolve_sync_conflict,
            commands::team_sync::assign_articles,
            commands::team_sync::set_assignment_done,
            commands::team_sync::article_assignees,
            commands::team_sync::team_progress,
        ])
        .run(tauri::generate_context!("tauri.conf.json"))
}

/// The window from the config, with navigation away from the app and new windows refused: an
/// article's link must never turn the workbench into someone else's page.
fn create_main_window(app: &tauri::App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let window = WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(|url| {
            let allowed = is_app_url(url);
            if !allowed {
                log::warn!("blocked navigation to {url}");
            }
            allowed
        })
        .on_new_window(|url, _| {
            log::warn!("blocked a new window for {url}");
            NewWindowResponse::Deny
        })
        .build()?;
    file_drop::forward_drops(&window);
    Ok(())
}

/// The app's own pages: `tauri://localhost` on Linux and macOS, `http(s)://tauri.localhost` on
/// Windows.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_are_navigable() {
        let ok = [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
        ];
        let blocked = [
            "https://example.org/",
            "http://localhost:8080/",
            "file:///etc/passwd",
            "tauri://evil/",
            "javascript:alert(1)",
            "data:text/html,hi",
        ];
        for url in ok {
            assert!(is_app_url(&Url::parse(url).unwrap()), "{url}");
        }
        for url in blocked {
            assert!(!is_app_url(&Url::parse(url).unwrap()), "{url}");
        }
    }
}
