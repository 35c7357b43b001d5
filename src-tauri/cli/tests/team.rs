//! `merge`, `agreement` and `share` as a user runs them: real processes and files.

mod common;

use std::path::Path;
use std::process::Output;

use common::cli;
use serde_json::{json, Value};

const TEXT: &str = "RT a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».";

fn json_of(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A Label Studio task with `spans` (needle, label) on TEXT, in code points.
fn tasks(spans: &[(&str, &str)]) -> Value {
    let result: Vec<Value> = spans
        .iter()
        .enumerate()
        .map(|(i, (needle, label))| {
            let start = TEXT[..TEXT.find(needle).unwrap()].chars().count();
            let end = start + needle.chars().count();
            json!({"id": format!("r{i}"), "type": "labels", "from_name": "label",
                   "to_name": "text",
                   "value": {"start": start, "end": end, "text": needle, "labels": [label]}})
        })
        .collect();
    json!([{"data": {"text": TEXT, "title": "RT"}, "annotations": [{"result": result}]}])
}

/// An analyst's own database file, built by the CLI from a Label Studio file.
fn analyst_db(dir: &Path, name: &str, spans: &[(&str, &str)]) -> std::path::PathBuf {
    let db = dir.join(format!("{}.sqlite", name.to_lowercase()));
    let source = dir.join(format!("{name}.json"));
    std::fs::write(&source, tasks(spans).to_string()).unwrap();
    let out = cli(
        &db,
        &[
            "import-annotations",
            "--format",
            "label-studio",
            "--annotator",
            name,
            source.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

#[test]
fn merge_reports_what_it_did_and_a_second_merge_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ana = analyst_db(
        dir.path(),
        "Ana",
        &[("274 000 dollars", "claim"), ("Le Monde", "quote")],
    );
    let boris = analyst_db(dir.path(), "Boris", &[("dépensé 274 000 dollars", "claim")]);
    let team = dir.path().join("team.sqlite");
    let ana_before = std::fs::read(&ana).unwrap();
    let args = [
        "--json",
        "merge",
        ana.to_str().unwrap(),
        boris.to_str().unwrap(),
        "--into",
        team.to_str().unwrap(),
    ];
    let first = json_of(&cli(&team, &args));
    assert_eq!(first["files"][0]["file"], "ana.sqlite");
    assert_eq!(first["files"][0]["annotations_added"], 2);
    assert_eq!(first["files"][1]["annotations_added"], 1);
    assert_eq!(first["files"][1]["articles_matched"], 1);
    let second = json_of(&cli(&team, &args));
    for file in second["files"].as_array().unwrap() {
        assert_eq!(file["annotations_added"], 0);
        assert_eq!(file["conflicts_new"], 0);
        assert_eq!(file["history_added"], 0);
    }
    assert_eq!(second["files"][0]["annotations_unchanged"], 2);
    assert_eq!(
        std::fs::read(&ana).unwrap(),
        ana_before,
        "sources are never changed"
    );
    let list = json_of(&cli(&team, &["--json", "list"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["annotation_count"], 3);

    let text = cli(
        &team,
        &[
            "merge",
            ana.to_str().unwrap(),
            "--into",
            team.to_str().unwrap(),
        ],
    );
    let printed = String::from_utf8_lossy(&text.stdout);
    assert!(
        printed.contains("ana.sqlite: annotations 0 added, 0 updated, 2 unchanged"),
        "{printed}"
    );
}

#[test]
fn merge_refuses_a_crafted_file_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let ana = analyst_db(dir.path(), "Ana", &[("274 000 dollars", "claim")]);
    {
        let conn = rusqlite::Connection::open(&ana).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE;
             CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM articles; END;",
        )
        .unwrap();
    }
    let before = std::fs::read(&ana).unwrap();
    let team = dir.path().join("team.sqlite");
    let out = cli(
        &team,
        &[
            "merge",
            ana.to_str().unwrap(),
            "--into",
            team.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a trigger on \"annotations\""), "{err}");
    assert_eq!(std::fs::read(&ana).unwrap(), before);
}

#[test]
fn agreement_prints_a_table_and_writes_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.sqlite");
    for (name, spans) in [
        ("Ana", vec![("274 000 dollars", "claim")]),
        // The import keeps one copy of a span already in the file, so Boris's differs.
        ("Boris", vec![("274 000", "claim")]),
    ] {
        let source = dir.path().join(format!("{name}.json"));
        std::fs::write(&source, tasks(&spans).to_string()).unwrap();
        let out = cli(
            &db,
            &[
                "import-annotations",
                "--format",
                "label-studio",
                "--annotator",
                name,
                source.to_str().unwrap(),
            ],
        );
        assert!(out.status.success());
    }
    let report = json_of(&cli(&db, &["--json", "agreement", "--per-article"]));
    assert_eq!(report["articles"], 1);
    let corpus = &report["rows"][0];
    assert_eq!(corpus["article_id"], Value::Null);
    assert_eq!(
        (corpus["f1_exact"].as_f64(), corpus["f1_overlap"].as_f64()),
        (Some(0.0), Some(1.0))
    );
    let kappa = corpus["cohen_kappa"].as_f64().unwrap();
    assert!(kappa > 0.5 && kappa < 1.0, "{kappa}");
    let table = cli(&db, &["agreement", "--label", "claim", "--unit", "token"]);
    let printed = String::from_utf8_lossy(&table.stdout);
    assert!(printed.contains("units: tokens"), "{printed}");
    assert!(printed.contains("Ana / Boris"), "{printed}");
    let csv = dir.path().join("agreement.csv");
    let out = cli(&db, &["agreement", "--csv", csv.to_str().unwrap()]);
    assert!(out.status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("scope,article_id,article_title,label,analyst_a,analyst_b,"));
    assert_eq!(text.lines().count(), 3, "header, all labels, claim");
}

#[test]
fn share_marks_the_file_and_switches_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.sqlite");
    let shown = json_of(&cli(&db, &["--json", "share"]));
    assert_eq!(
        (
            shown["marked_shared"].as_bool(),
            shown["journal_mode"].as_str()
        ),
        (Some(false), Some("wal"))
    );
    let on = json_of(&cli(&db, &["--json", "share", "on"]));
    assert_eq!(
        (on["marked_shared"].as_bool(), on["journal_mode"].as_str()),
        (Some(true), Some("delete"))
    );
    let again = json_of(&cli(&db, &["--json", "share"]));
    assert_eq!(
        again["journal_mode"], "delete",
        "every later open keeps the rollback journal"
    );
}

#[test]
fn check_names_a_schema_object_claimdesk_does_not_create() {
    let dir = tempfile::tempdir().unwrap();
    let db = analyst_db(dir.path(), "Ana", &[("274 000 dollars", "claim")]);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE VIEW v AS SELECT 1;")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = cli(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("a view \"v\""), "{printed}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
