//! Builds the Tauri context. Our own commands are declared here so that each needs an explicit
//! permission in `src-tauri/capabilities/`: the webview gets those and nothing more.

/// Every command the app registers; keep in step with `lib.rs` and the capability file.
const COMMANDS: &[&str] = &[
    "get_startup",
    "set_preferences",
    "create_sample_article",
    "list_articles",
    "get_article",
    "create_annotation",
    "update_annotation",
    "delete_annotation",
    "list_article_annotations",
    "undo_annotation",
    "redo_annotation",
    "get_undo_state",
    "list_speakers",
    "list_labels",
    "create_label",
    "update_label",
    "retire_label",
    "get_verdict_scale",
    "set_verdict_scale",
    "ensure_annotator",
    "list_annotators",
    "list_library",
    "list_annotation_table",
    "search",
    "list_facets",
    "pick_import_files",
    "pick_import_folder",
    "import_paths",
    "cancel_job",
    "import_pasted_article",
    "get_article_source",
    "list_suggestions",
    "dismiss_suggestion",
    "parse_figure",
    "extend_to_quote",
    "suggest_speaker",
    "pick_export_path",
    "count_export",
    "export_annotations",
    "pick_annotation_file",
    "import_annotation_file",
    "pick_database_file",
    "open_database",
    "list_recent_databases",
    "get_data_version",
    "list_article_analysts",
    "review_sheet",
    "review_annotation",
    "get_consensus",
    "list_conflicts",
    "resolve_conflict",
    "get_agreement",
    "pick_agreement_csv_path",
    "export_agreement",
    "pick_merge_files",
    "merge_files",
    "team_status",
    "join_team",
    "sync_now",
    "list_sync_conflicts",
    "resolve_sync_conflict",
    "assign_articles",
    "set_assignment_done",
    "article_assignees",
    "team_progress",
];

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(err) = tauri_build::try_build(attributes) {
        eprintln!("tauri build failed: {err:#}");
        std::process::exit(1);
    }
}
