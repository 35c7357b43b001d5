//! Exporting from the real window: the dialog opened by key from the library and the annotation
//! table, the format and profile chosen by key, the count, the system's save dialog answered by
//! typing a path into it (see `native_dialog`), progress and cancel, the summary; then the file
//! on disk read back and compared with the database.

use std::collections::HashMap;
use std::path::Path;

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::export_fixture::{database_rows, seed, seed_many, HOSTILE};
use crate::harness::{launch, query_db, App, TestHome};
use crate::native_dialog;

/// The context every Web Annotation names first.
const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The spreadsheet profile's rule for a text cell (OWASP): a leading `'` before what a
/// spreadsheet would run as a formula.
fn defused(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Python's `text[start:end]`.
fn code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Open the export dialog with `e` and choose the format by its digit.
async fn open_dialog(app: &mut App, digit: &str) {
    app.press("e").await;
    app.wait_for("[data-testid=export-choices] input:checked")
        .await;
    app.press_in("[data-testid=export-choices] input:checked", digit)
        .await;
}

/// Wait until the count is in, then Save as... with Ctrl+Enter; the save dialog answers `path`.
async fn save_as(app: &mut App, path: &Path, replacing: bool) {
    app.wait_until("const c = document.querySelector('[data-testid=export-count]'); return c && /will be exported/.test(c.textContent) ? true : null")
        .await;
    let chord = format!("{}{}", Key::Control, Key::Enter);
    app.press_in("[data-testid=export-choices] input:checked", &chord)
        .await;
    if replacing {
        native_dialog::save_as_replacing("Export annotations", path).await;
    } else {
        native_dialog::save_as("Export annotations", path).await;
    }
}

/// The summary's figures by name ("Annotations" -> "4").
async fn summary_facts(app: &mut App) -> Value {
    app.wait_for("[data-testid=export-facts]").await;
    app.script(
        "return Object.fromEntries([...document.querySelectorAll('[data-testid=export-facts] div')]
            .map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]))",
        vec![],
    )
    .await
}

/// One CSV row against the database's record: every column (text cells defused, numbers as
/// they are), the hostile note shown as text, and the quote at its code-point offsets.
fn check_csv_row(cell: &dyn Fn(&str) -> String, db: &HashMap<&'static str, String>, text: &str) {
    for (name, value) in db {
        let want = match *name {
            "start" | "end" | "value" => value.clone(),
            _ => defused(value),
        };
        assert_eq!(cell(name), want, "column {name} of {}", db["annotation_id"]);
    }
    if db["note"] == HOSTILE {
        assert_eq!(cell("note"), format!("'{HOSTILE}"), "shown, not run");
    }
    let start: usize = cell("start").parse().unwrap();
    let end: usize = cell("end").parse().unwrap();
    assert_eq!(code_points(text, start, end), db["exact"], "code points");
}

/// The file a spreadsheet-profile CSV export wrote, read back with the csv crate.
fn check_spreadsheet_csv(path: &Path, db_path: &Path) {
    let bytes = std::fs::read(path).expect("the export was written where the dialog said");
    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a UTF-8 BOM for Excel");
    assert!(body.windows(2).any(|w| w == b"\r\n"), "rows end with CRLF");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().unwrap().clone();
    let expected = database_rows(db_path);
    let mut seen = 0;
    for record in reader.records() {
        let record = record.expect("RFC 4180");
        let cell = |name: &str| {
            let at = headers.iter().position(|h| h == name).unwrap();
            record.get(at).unwrap().to_owned()
        };
        let db = &expected[&cell("annotation_id")];
        let sql = format!(
            "SELECT text FROM articles WHERE id = '{}'",
            db["article_id"]
        );
        let text: String = query_db(db_path, &sql);
        check_csv_row(&cell, db, &text);
        seen += 1;
    }
    assert_eq!(seen, expected.len(), "one row per annotation");
}

#[tokio::test]
async fn a_csv_export_for_spreadsheets_is_defused_rfc_4180_and_equals_the_database() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home);
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    open_dialog(&mut app, "1").await;
    app.wait_until("return /^4 annotations in 2 articles/.test(document.querySelector('[data-testid=export-count]').textContent.trim()) || null")
        .await;
    let filters = app.text_of("[data-testid=export-filters]").await;
    assert_eq!(filters, "All annotations: no filter is set.");
    app.screenshot("export-dialog").await;
    let path = home.path().join("claims.csv");
    save_as(&mut app, &path, false).await;
    let facts = summary_facts(&mut app).await;
    assert_eq!(
        (&facts["Annotations"], &facts["Articles"]),
        (&json!("4"), &json!("2"))
    );
    let shown = app.text_of("[data-testid=export-path]").await;
    assert_eq!(shown, path.display().to_string());
    app.screenshot("export-summary").await;
    app.close().await;
    check_spreadsheet_csv(&path, &home.db);
}

#[tokio::test]
async fn a_cancelled_export_leaves_the_old_file_untouched_and_nothing_beside_it() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed_many(&home, 20, 1000, 11);
    let folder = home.path().join("exports");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("claims.csv");
    std::fs::write(&path, "the old export\n").unwrap();
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    open_dialog(&mut app, "1").await;
    save_as(&mut app, &path, true).await;
    app.wait_until("const c = document.querySelector('[data-testid=export-progress-count]'); return c && /^[1-9][0-9,]* of 240,000/.test(c.textContent) ? true : null")
        .await;
    app.screenshot("export-progress").await;
    app.press_in("[data-testid=export-cancel]", &Key::Escape.to_string())
        .await;
    let line = app.text_of("[data-testid=export-summary] h2").await;
    assert_eq!(
        line, "Export cancelled",
        "the export finished before the cancel"
    );
    app.screenshot("export-cancelled").await;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "the old export\n");
    let left: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["claims.csv"], "no temporary file stays behind");
    app.close().await;
}

/// One annotation of a W3C export against the database: the model's MUSTs (a context, an
/// IRI id, type Annotation, a target, typed bodies) and the selectors' quote and offsets.
fn check_w3c_item(item: &Value, db: &HashMap<String, HashMap<&'static str, String>>) {
    assert_eq!(item["@context"][0], ANNO_CONTEXT, "{item}");
    assert_eq!(item["type"], "Annotation");
    let id = item["id"].as_str().unwrap();
    let row = &db[id.strip_prefix("urn:uuid:").expect("a urn:uuid id")];
    assert_eq!(row["label"], "claim");
    let target = &item["target"];
    assert_eq!(
        target["source"]["id"],
        format!("urn:uuid:{}", row["article_id"])
    );
    let selectors = target["selector"].as_array().unwrap();
    let of_type = |t: &str| selectors.iter().find(|s| s["type"] == t).unwrap();
    assert_eq!(of_type("TextQuoteSelector")["exact"], row["exact"].as_str());
    let position = of_type("TextPositionSelector");
    assert_eq!(position["start"].to_string(), row["start"]);
    assert_eq!(position["end"].to_string(), row["end"]);
    let bodies = item["body"].as_array().unwrap();
    let typed = |b: &Value| b["type"] == "TextualBody" && b["value"].is_string();
    assert!(bodies.iter().all(typed), "{item}");
    let verdict = |b: &&Value| b["purpose"] == "assessing" && b["value"] == row["verdict"].as_str();
    assert!(bodies.iter().any(|b| verdict(&b)), "{item}");
    assert!(item["motivation"]
        .as_array()
        .unwrap()
        .contains(&json!("assessing")));
    assert!(item["created"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn a_w3c_export_from_the_filtered_table_has_every_required_field() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home);
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    app.press(&format!("{}2", Key::Control)).await;
    app.wait_for("[data-testid=table-row] .col").await;
    app.script(
        "[...document.querySelectorAll('[data-testid=filter-label]')].find((b) => b.textContent.trim() === 'claim').click()",
        vec![],
    )
    .await;
    open_dialog(&mut app, "3").await;
    app.wait_until("return /^2 annotations in 2 articles/.test(document.querySelector('[data-testid=export-count]').textContent.trim()) || null")
        .await;
    assert_eq!(
        app.text_of("[data-testid=export-filters]").await,
        "Label: claim"
    );
    app.press_in("[data-testid=export-choices] input:checked", "f")
        .await;
    app.wait_for("[data-testid=export-choices] [data-testid=filter-bar]")
        .await;
    app.screenshot("export-dialog-filters").await;
    let path = home.path().join("claims.jsonld");
    save_as(&mut app, &path, false).await;
    summary_facts(&mut app).await;
    app.close().await;

    let collection: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(collection["@context"][0], ANNO_CONTEXT);
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 2);
    let items = collection["first"]["items"]
        .as_array()
        .expect("an embedded first page");
    assert_eq!(items.len(), 2);
    let db = database_rows(&home.db);
    for item in items {
        check_w3c_item(item, &db);
    }
}
