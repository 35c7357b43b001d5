//! Importing a doccano file from the window: the article import dialog leads to it (`a`), the
//! file is chosen in the system's open dialog (answered by typing its path, see
//! `native_dialog`), the tool is recognised from the name, the spans are credited to the analyst
//! using the app, and the summary says what was stored; the database then holds the spans with
//! doccano's UTF-16 offsets carried over to code points.

use fantoccini::key::Key;
use serde_json::json;

use crate::harness::{launch, query_db, TestHome};
use crate::native_dialog;

#[tokio::test]
async fn a_doccano_file_chosen_in_the_open_dialog_is_imported_with_its_spans() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    // The emoji counts as two UTF-16 units in doccano's offsets and one code point here.
    let text = "😀 Le porte-parole a parlé de \"chiffres inventés\", puis de rien.";
    let line = json!({ "text": text, "title": "Porte-parole",
                       "label": [[6, 18, "claim"], [30, 49, "rumour"]] });
    let file = home.path().join("from-doccano.jsonl");
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=app-ready]").await;
    app.press("i").await;
    app.wait_for("[data-testid=import-sources]").await;
    app.press_in("[data-testid=import-pick-files]", "a").await;
    native_dialog::open("Import annotations from doccano or Label Studio", &file).await;
    app.wait_until("return /from-doccano\\.jsonl$/.test(document.querySelector('[data-testid=annotation-import-path]').title) || null")
        .await;
    app.screenshot("annotation-import").await;
    let chord = format!("{}{}", Key::Control, Key::Enter);
    app.press_in("[data-testid=annotation-import-annotator]", &chord)
        .await;
    app.wait_for("[data-testid=annotation-import-summary]")
        .await;
    let labels = app.text_of("[data-testid=annotation-import-labels]").await;
    assert_eq!(labels, "New labels: rumour");
    app.screenshot("annotation-import-summary").await;
    app.close().await;

    let stored: i64 = query_db(&home.db, "SELECT count(*) FROM annotations");
    assert_eq!(stored, 2);
    let quote: String = query_db(
        &home.db,
        "SELECT n.exact FROM annotations n JOIN labels l ON l.id = n.label_id WHERE l.name = 'rumour'",
    );
    assert_eq!(quote, "\"chiffres inventés\"");
    let analyst: String = query_db(
        &home.db,
        "SELECT DISTINCT p.name FROM annotations n JOIN annotators p ON p.id = n.annotator_id",
    );
    assert_eq!(analyst, "Ana Lytic");
}
