//! The workbench in the real window: tag a claim, a quote and a figure from the keyboard on an
//! article with emoji, accents and Cyrillic imported from a CRLF file; restart; the highlights are
//! back and every stored quote equals the text sliced at its code-point offsets; undo and redo
//! across restarts; a save that fails keeps its draft.

use std::path::Path;

use claimdesk_core::import::import_text_file;
use claimdesk_core::Store;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

use crate::harness::{launch, App, TestHome};

const ARTICLE_CRLF: &str = "Éditorial du jour 📰\r\n\r\nSelon «Le Monde», RT a dépensé 274 000 dollars 💸 en tweets sponsorisés.\r\nПредставитель заявил: «это ложь», et la famille 👨‍👩‍👧 a tout lu.\r\n";

fn seed_article(home: &TestHome) {
    let file = home.path().join("article.txt");
    std::fs::write(&file, ARTICLE_CRLF).unwrap();
    let mut store = Store::open(&home.db).unwrap();
    import_text_file(&mut store, &file).unwrap();
}

/// Answer the first-run question and open the only article.
async fn start_on_article(app: &mut App, first_run: bool) {
    if first_run {
        app.wait_for("[data-testid=analyst-name]")
            .await
            .send_keys("Ana Lytic")
            .await
            .unwrap();
        app.wait_for("[data-testid=analyst-save]")
            .await
            .click()
            .await
            .unwrap();
    }
    app.open_first_article().await;
}

/// (label name, exact, start, end) of every live annotation, and whether the quote matches the
/// article text sliced at its code-point offsets.
fn stored(db: &Path) -> Vec<(String, String, bool)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let text: String = conn
        .query_row("SELECT text FROM articles", [], |r| r.get(0))
        .unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT l.name, a.exact, a.start, a.\"end\" FROM annotations a JOIN labels l ON l.id = a.label_id
             WHERE a.deleted_at IS NULL ORDER BY a.start",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })
        .unwrap();
    rows.map(|row| {
        let (label, exact, start, end): (String, String, i64, i64) = row.unwrap();
        let sliced: String = text
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        let matches = sliced == exact;
        (label, exact, matches)
    })
    .collect()
}

#[tokio::test]
async fn tag_by_keyboard_restart_and_find_every_quote_at_its_code_point_offsets() {
    let home = TestHome::new();
    seed_article(&home);
    let mut app = launch(&home, &home.db).await;
    start_on_article(&mut app, true).await;

    // A claim, selected entirely from the keyboard in caret mode: v, six words right to "RT",
    // then extend six words (to the start of "en"); snapping trims the trailing space.
    app.press("v").await;
    app.wait_for("[data-testid=caret-mode]").await;
    for _ in 0..6 {
        app.press(&Key::Right.to_string()).await;
    }
    let extend = format!("{}{}", Key::Shift, Key::Right);
    for _ in 0..6 {
        app.press(&extend).await;
    }
    app.press("c").await;
    app.wait_annotation_rows(1).await;

    app.select_text("«это ложь»").await;
    app.press("q").await;
    app.wait_annotation_rows(2).await;

    // Word snapping widens "74 000 doll" to the whole words.
    app.select_text("74 000 doll").await;
    app.press("f").await;
    app.wait_annotation_rows(3).await;
    app.screenshot("workbench-tagged").await;
    app.close().await;

    let after_first_run = stored(&home.db);
    let labels: Vec<&str> = after_first_run.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(labels, ["claim", "figure", "quote"]);
    assert_eq!(after_first_run[0].1, "RT a dépensé 274 000 dollars 💸");
    assert_eq!(after_first_run[1].1, "274 000 dollars");
    assert_eq!(after_first_run[2].1, "«это ложь»");
    assert!(
        after_first_run.iter().all(|(_, _, ok)| *ok),
        "{after_first_run:?}"
    );

    let mut app = launch(&home, &home.db).await;
    start_on_article(&mut app, false).await;
    app.wait_annotation_rows(3).await;
    let painted = app
        .script(
            "return [...CSS.highlights.keys()].filter(k => k.startsWith('cd-label-'))
                .reduce((n, k) => n + CSS.highlights.get(k).size, 0)",
            vec![],
        )
        .await;
    assert_eq!(painted, json!(3), "three highlights painted after restart");
    app.screenshot("workbench-after-restart").await;

    // Undo the figure, restart, redo it.
    app.press(&format!("{}z", Key::Control)).await;
    app.wait_annotation_rows(2).await;
    app.close().await;
    assert_eq!(stored(&home.db).len(), 2);

    let mut app = launch(&home, &home.db).await;
    start_on_article(&mut app, false).await;
    app.wait_annotation_rows(2).await;
    app.press(&format!("{}{}z", Key::Control, Key::Shift)).await;
    app.wait_annotation_rows(3).await;
    app.close().await;
    let after_redo = stored(&home.db);
    assert_eq!(after_redo, after_first_run);
}

#[tokio::test]
async fn a_save_that_fails_keeps_the_draft_until_retried() {
    let home = TestHome::new();
    seed_article(&home);
    let mut app = launch(&home, &home.db).await;
    start_on_article(&mut app, true).await;

    // Another program holds the write lock for longer than the app waits.
    let blocker = rusqlite::Connection::open(&home.db).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.select_text("tweets sponsorisés").await;
    app.press("c").await;
    let draft = app.text_of("[data-testid=draft]").await;
    app.wait_for("[data-testid=draft-retry]").await;
    let draft = app.text_of("[data-testid=draft]").await + &draft;
    assert!(
        draft.contains("Not saved") && draft.contains("busy"),
        "{draft}"
    );
    assert_eq!(app.annotation_rows().await, 0);
    app.screenshot("workbench-failed-save").await;

    blocker.execute_batch("COMMIT").unwrap();
    app.wait_for("[data-testid=draft-retry]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_annotation_rows(1).await;
    assert!(app
        .client
        .find(Locator::Css("[data-testid=draft]"))
        .await
        .is_err());
    app.close().await;
    let saved = stored(&home.db);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].1, "tweets sponsorisés");
}
