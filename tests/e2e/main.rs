//! End-to-end tests through the real app window: tauri-driver starts WebKitWebDriver, which
//! starts the app binary on a temporary database with temporary XDG folders. Run under a display
//! (`make test-e2e` uses Xvfb), one test at a time.

mod annotation_import;
mod articles;
mod bad_databases;
mod canary;
mod export;
mod export_fixture;
mod faults;
mod harness;
mod import;
mod native_dialog;
mod panel;
mod search;
mod security;
mod suggestions;
mod team;
mod team_sync;
mod volume;
mod workbench;
