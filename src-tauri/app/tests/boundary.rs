//! The webview's reach, checked from the files that define it against explicit allowlists: the
//! capability files grant exactly the commands the app registers (no plugin permission, no
//! remote URL, the main window only), the CSP is exactly the reviewed one, and the security
//! settings hold no key that nobody reviewed. A change to any of them fails here first, so that
//! widening the boundary is always a deliberate edit of this file too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn config() -> Value {
    serde_json::from_str(&repo_file("tauri.conf.json")).unwrap()
}

/// Quoted names in build.rs's COMMANDS list.
fn declared_commands() -> BTreeSet<String> {
    let build = repo_file("src-tauri/app/build.rs");
    let list = build
        .split("const COMMANDS")
        .nth(1)
        .unwrap()
        .split("];")
        .next()
        .unwrap();
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Names passed to `generate_handler!` in lib.rs.
fn registered_commands() -> BTreeSet<String> {
    let lib = repo_file("src-tauri/app/src/lib.rs");
    let handler = lib
        .split("generate_handler![")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    handler
        .split(',')
        .filter_map(|path| path.trim().rsplit("::").next())
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every file under src-tauri/capabilities/, however deep: build.rs loads them all
/// (`capabilities/**/*`), so every one must pass the checks below.
fn capability_files() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![repo_root().join("src-tauri/capabilities")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// A capability file's permissions, checked one file at a time: the main window only, local
/// pages only, plain identifiers of our own commands (a `plugin:` prefix such as `dialog:` or
/// `core:` would grant a plugin's commands to the page).
fn checked_capability(path: &Path) -> BTreeSet<String> {
    let name = path.display();
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        path.extension().and_then(|e| e.to_str()),
        Some("json"),
        "{name}: capabilities are JSON here, so that this test reads them all"
    );
    let capability: Value = serde_json::from_str(&text).unwrap();
    let keys: BTreeSet<&str> = capability
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let reviewed = [
        "$schema",
        "identifier",
        "description",
        "local",
        "windows",
        "permissions",
    ];
    assert_eq!(
        keys,
        reviewed.into_iter().collect(),
        "{name}: unreviewed keys (remote? webviews? platforms?)"
    );
    assert_eq!(capability["local"], json!(true), "{name}");
    assert_eq!(capability["windows"], json!(["main"]), "{name}");
    assert!(only_schema_urls(&capability), "{name}: a remote URL");
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("permissions are plain identifiers, without scopes")
        })
        .collect();
    for permission in &permissions {
        assert!(
            !permission.contains(':'),
            "{name}: {permission} is a plugin's permission"
        );
        assert!(permission.starts_with("allow-"), "{name}: {permission}");
    }
    permissions.into_iter().map(str::to_owned).collect()
}

/// The only URL a capability may hold is its `$schema`, which is a path here anyway.
fn only_schema_urls(capability: &Value) -> bool {
    let mut without = capability.clone();
    without.as_object_mut().unwrap().remove("$schema");
    let text = without.to_string();
    !text.contains("http://") && !text.contains("https://")
}

#[test]
fn the_capabilities_grant_exactly_the_registered_commands_and_nothing_else() {
    let declared = declared_commands();
    assert_eq!(declared, registered_commands());
    let files = capability_files();
    assert!(!files.is_empty(), "no capability file");
    let mut granted = BTreeSet::new();
    for file in &files {
        granted.extend(checked_capability(file));
    }
    let expected: BTreeSet<String> = declared
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(granted, expected);
    // The dialog plugin is registered for Rust-side dialogs; the page gets none of its commands.
    assert!(granted.iter().all(|p| !p.starts_with("dialog:")));
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["main.json"],
        "a new capability file: review it, then list it here"
    );
}

#[test]
fn no_custom_permission_set_widens_the_commands() {
    // tauri-build writes one file per command under permissions/autogenerated/; a hand-written
    // permission set next to it could bundle plugin permissions under an innocent name.
    let Ok(entries) = std::fs::read_dir(repo_root().join("permissions")) else {
        return;
    };
    let names: Vec<String> = entries
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n == "autogenerated"), "{names:?}");
}

/// The reviewed CSP, directive by directive.
const EXPECTED_CSP: &[(&str, &[&str])] = &[
    ("default-src", &["'self'"]),
    ("script-src", &["'self'"]),
    ("style-src", &["'self'"]),
    // data: for images only: the UI draws no remote image, and an article's remote image would
    // tell its author the analyst's address.
    ("img-src", &["'self'", "data:"]),
    ("font-src", &["'self'"]),
    // The IPC channel (the custom protocol, and its HTTP form where the protocol is missing).
    ("connect-src", &["ipc:", "http://ipc.localhost"]),
    ("media-src", &["'none'"]),
    ("object-src", &["'none'"]),
    ("frame-src", &["'none'"]),
    ("worker-src", &["'none'"]),
    ("base-uri", &["'none'"]),
    ("form-action", &["'none'"]),
];

#[test]
fn the_csp_is_exactly_the_reviewed_one() {
    let config = config();
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    let directives: Vec<(String, Vec<String>)> = csp
        .split(';')
        .map(|d| {
            let mut parts = d.split_whitespace().map(str::to_owned);
            (parts.next().unwrap_or_default(), parts.collect())
        })
        .collect();
    let found: BTreeMap<String, Vec<String>> = directives.iter().cloned().collect();
    assert_eq!(
        found.len(),
        directives.len(),
        "a directive is repeated or empty: {csp}"
    );
    let expected: BTreeMap<String, Vec<String>> = EXPECTED_CSP
        .iter()
        .map(|(name, sources)| {
            (
                name.to_string(),
                sources.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    for sources in found.values() {
        for source in sources {
            let remote = source.starts_with("http") && source != "http://ipc.localhost";
            let loose = source.contains('*') || source.contains("unsafe") || source == "blob:";
            assert!(!remote && !loose, "{source}");
        }
    }
}

#[test]
fn the_security_settings_hold_only_reviewed_keys() {
    let config = config();
    let app = &config["app"];
    let keys = |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    // No devCsp, dangerousDisableAssetCspModification, assetProtocol, inline capabilities,
    // pattern or headers: each would need a review of its own.
    assert_eq!(
        keys(&app["security"]),
        ["csp", "freezePrototype"].map(String::from).into()
    );
    assert_eq!(app["security"]["freezePrototype"], json!(true));
    assert_eq!(
        keys(app),
        ["security", "windows", "withGlobalTauri"]
            .map(String::from)
            .into()
    );
    assert_eq!(app["withGlobalTauri"], json!(false));
    let windows = app["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0]["label"], json!("main"));
    // The window loads the bundled UI: no url (a remote page would get our IPC), no proxy.
    for key in ["url", "proxyUrl", "useHttpsScheme", "additionalBrowserArgs"] {
        assert!(windows[0].get(key).is_none(), "windows[0].{key}");
    }
    assert!(
        config.get("plugins").is_none_or(|p| p == &json!({})),
        "plugin settings: {}",
        config["plugins"]
    );
    assert_eq!(
        config["build"],
        json!({ "frontendDist": "ui/dist" }),
        "no devUrl or remote dist"
    );
}

/// Each `#[tauri::command]` function in the command files: (file, name, signature and body).
fn command_functions() -> Vec<(String, String, String)> {
    let dir = repo_root().join("src-tauri/app/src/commands");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for chunk in source.split("#[tauri::command]").skip(1) {
            // A command ends where the next item starts: a doc comment or attribute at column 0.
            let end = ["\n///", "\n#[", "\n//!"]
                .iter()
                .filter_map(|m| chunk.find(m))
                .min()
                .unwrap_or(chunk.len());
            let body = &chunk[..end];
            let name = body
                .split("fn ")
                .nth(1)
                .unwrap()
                .split(['(', '<'])
                .next()
                .unwrap();
            found.push((file.clone(), name.trim().to_owned(), body.to_owned()));
        }
    }
    assert!(found.len() > 40, "the command files were not read");
    found
}

/// The page names no path: every command that takes a path or paths from the page checks them
/// against the approved paths (`approved_paths.rs`) before it does anything else. A new command
/// that takes a path fails here until it checks it.
#[test]
fn every_command_that_takes_a_path_checks_that_the_analyst_chose_it() {
    let mut taking = Vec::new();
    for (file, name, body) in command_functions() {
        let signature = &body[..body.find('{').unwrap()];
        if !signature.contains("PathBuf") {
            continue;
        }
        // Checked by the command itself, or by the job runner before the job starts.
        let checked = [
            ".check(Purpose::",
            ".check_all(Purpose::",
            ".take_target(Purpose::",
            "JobPaths::Read(Purpose::",
            "JobPaths::Write(Purpose::",
        ]
        .iter()
        .any(|call| body.contains(call));
        assert!(
            checked,
            "{file}: {name} takes a path from the page without checking it"
        );
        taking.push(name);
    }
    taking.sort();
    assert_eq!(
        taking,
        [
            "export_agreement",
            "export_annotations",
            "import_annotation_file",
            "import_paths",
            "merge_files",
            "open_database"
        ],
        "the commands that take paths"
    );
}
