//! The webview's reach, checked from the files that define it: the capability grants exactly
//! the commands the app registers (and nothing from any plugin), and the CSP loads nothing remote.

use std::collections::BTreeSet;
use std::path::Path;

fn repo_file(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
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

#[test]
fn the_capability_grants_exactly_the_registered_commands() {
    let declared = declared_commands();
    assert_eq!(declared, registered_commands());
    let capability: serde_json::Value =
        serde_json::from_str(&repo_file("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .expect("permissions are plain identifiers")
                .to_owned()
        })
        .collect();
    let expected: BTreeSet<String> = declared
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(granted, expected);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let capability_files =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities"))
            .unwrap()
            .count();
    assert_eq!(
        capability_files, 1,
        "every capability file must be reviewed here"
    );
}

#[test]
fn the_csp_allows_only_the_app_itself() {
    let config: serde_json::Value = serde_json::from_str(&repo_file("tauri.conf.json")).unwrap();
    let csp = config["app"]["security"]["csp"].as_str().unwrap();
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().unwrap_or(""), parts.collect())
        })
        .collect();
    let sources = |name: &str| -> Vec<&str> {
        directives
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    };
    assert_eq!(sources("default-src"), ["'self'"]);
    assert_eq!(sources("script-src"), ["'self'"]);
    assert_eq!(sources("connect-src"), ["ipc:", "http://ipc.localhost"]);
    for (_, list) in &directives {
        for source in list {
            let remote = source.starts_with("http") && *source != "http://ipc.localhost";
            assert!(
                !remote && !source.contains('*') && !source.contains("unsafe"),
                "{source}"
            );
        }
    }
    assert!(config["app"]["withGlobalTauri"] == false);
}
