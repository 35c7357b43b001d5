//! Team work in the real window: two analysts' files merged through the merge dialog (files
//! reach it the way a drop does, since WebDriver cannot drive the system's dialog), review by
//! key with the reviewer and time recorded, the consensus, the agreement table and its CSV, a
//! second writer's change showing up, the window title, and a crafted file refused untouched.

use std::path::{Path, PathBuf};
use std::time::Duration;

use claimdesk_core::model::ids::{AnnotatorId, LabelId};
use claimdesk_core::model::{
    AnnotationPatch, Article, ArticleMeta, Attributes, NewAnnotation, PastedArticle,
};
use claimdesk_core::Store;
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::export_fixture::tagged_articles;
use crate::harness::{launch, query_db, wait_text, App, TestHome};
use crate::native_dialog;

const CLAIM: &str = "00000000-0000-7000-8000-000000000001";
const QUOTE: &str = "00000000-0000-7000-8000-000000000002";
const TEXT: &str =
    "Le ministère a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».";

fn paste(store: &mut Store, title: &str, text: &str) -> Article {
    let meta = ArticleMeta {
        title: title.to_owned(),
        ..ArticleMeta::default()
    };
    store
        .create_pasted_article(PastedArticle {
            text: text.to_owned(),
            meta,
        })
        .unwrap()
}

fn tag(
    store: &mut Store,
    who: &AnnotatorId,
    article: &Article,
    label: &str,
    needle: &str,
) -> String {
    let byte = article.text.find(needle).unwrap();
    let start = article.text[..byte].chars().count() as i64;
    let new = NewAnnotation {
        article_id: article.id.clone(),
        label_id: LabelId::from(label),
        start,
        end: start + needle.chars().count() as i64,
        attributes: Attributes::default(),
    };
    store.create_annotation(who, new).unwrap().id.to_string()
}

fn note(store: &mut Store, who: &AnnotatorId, id: &str, text: &str) {
    let patch = AnnotationPatch {
        attributes: Some(Attributes {
            note: text.to_owned(),
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    store.update_annotation(who, &id.into(), patch).unwrap();
}

/// Alice tags the claim and the quote; Boris starts from a copy of her file, tags a longer
/// claim over hers, and both change the quote's note: one conflict.
fn teammates_files(dir: &Path) -> (PathBuf, PathBuf) {
    let (alice_path, boris_path) = (dir.join("alice.sqlite"), dir.join("boris.sqlite"));
    let mut alice = Store::open(&alice_path).unwrap();
    let me = alice.ensure_annotator("Alice").unwrap().id;
    let article = paste(&mut alice, "Ministry ads", TEXT);
    tag(&mut alice, &me, &article, CLAIM, "274 000 dollars");
    let quote = tag(&mut alice, &me, &article, QUOTE, "Le Monde");
    drop(alice);
    std::fs::copy(&alice_path, &boris_path).unwrap();
    let mut boris = Store::open(&boris_path).unwrap();
    let boris_id = boris.ensure_annotator("Boris").unwrap().id;
    tag(
        &mut boris,
        &boris_id,
        &article,
        CLAIM,
        "dépensé 274 000 dollars",
    );
    note(&mut boris, &boris_id, &quote, "Boris: a paraphrase");
    let mut alice = Store::open(&alice_path).unwrap();
    note(&mut alice, &me, &quote, "Alice: the exact words");
    (alice_path, boris_path)
}

/// Choose teammates' files in the merge dialog's system file dialog, one after the other.
async fn choose_to_merge(app: &mut App, paths: &[&Path]) {
    let title = "Merge teammates' files into this one";
    let list = "[data-testid=merge-dialog]";
    native_dialog::choose_each(app, "[data-testid=merge-choose]", title, list, paths).await;
}

async fn click(app: &mut App, css: &str) {
    app.wait_for(css).await.click().await.unwrap();
}

#[tokio::test]
async fn teammates_files_are_merged_reviewed_by_key_and_compared() {
    let home = TestHome::new().with_analyst("Rosa Reviewer");
    let (alice, boris) = teammates_files(home.path());
    let mut app = launch(&home, &home.db).await;
    app.press("\u{e009}m").await;
    app.wait_for("[data-testid=merge-dialog]").await;
    choose_to_merge(&mut app, &[&alice, &boris]).await;
    click(&mut app, "[data-testid=merge-start]").await;
    let line = wait_text(&app, "[data-testid=merge-summary-line]", "in conflict").await;
    assert!(
        line.contains("3 added") && line.contains("1 unchanged") && line.contains("1 in conflict"),
        "{line}"
    );
    app.wait_for("[data-testid=conflict]").await;
    app.screenshot("team-merge-summary").await;
    click(&mut app, "[data-testid=merge-close]").await;

    review_by_key(&mut app, &home.db).await;
    agreement_table_and_csv(&mut app, home.path()).await;
    app.close().await;
}

async fn review_by_key(app: &mut App, db: &Path) {
    app.press("\u{e009}4").await;
    let select = "[data-testid=review-article]";
    app.wait_until(&format!(
        "return document.querySelector('{select}')?.options.length > 1 || null;"
    ))
    .await;
    app.script(
        &format!("const s = document.querySelector('{select}'); s.value = s.options[1].value; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"),
        vec![],
    )
    .await;
    wait_text(app, "[data-testid=review-columns]", "Boris").await;
    let painted = app
        .wait_until("const n = (i) => CSS.highlights.get('cd-review-' + i)?.size ?? 0; return n(0) > 0 && n(1) > 0 ? [n(0), n(1)] : null;")
        .await;
    assert_eq!(
        painted,
        json!([2, 1]),
        "Alice's two spans and Boris's one, each in its colour"
    );
    // Text order: Boris's longer claim starts first, then Alice's claim inside it.
    app.press("a").await;
    wait_text(
        app,
        "[data-testid=review-columns]",
        "Accepted by Rosa Reviewer",
    )
    .await;
    app.press("r").await;
    wait_text(
        app,
        "[data-testid=review-columns]",
        "Rejected by Rosa Reviewer",
    )
    .await;
    app.press("c").await;
    app.wait_for("[data-testid=review-comment-input]").await;
    app.press_in(
        "[data-testid=review-comment-input]",
        "Check the quote\u{e007}",
    )
    .await;
    wait_text(app, "[data-testid=review-columns]", "Check the quote").await;
    app.screenshot("team-review").await;

    let decided = |exact: &str| {
        query_db::<String>(db, &format!(
            "SELECT a.review_state || '|' || r.name || '|' || (a.reviewed_at IS NOT NULL)
             FROM annotations a JOIN annotators r ON r.id = a.reviewer_id WHERE a.exact = '{exact}'"))
    };
    assert_eq!(
        decided("dépensé 274 000 dollars"),
        "accepted|Rosa Reviewer|1"
    );
    assert_eq!(decided("274 000 dollars"), "rejected|Rosa Reviewer|1");
    let comments: i64 = query_db(db, "SELECT count(*) FROM review_decisions WHERE decision IS NULL AND comment = 'Check the quote'");
    assert_eq!(comments, 1);

    app.press("v").await;
    let consensus = wait_text(app, "[data-testid=consensus]", "dépensé 274 000 dollars").await;
    assert!(
        consensus.contains("1 accepted span") && consensus.contains("Boris"),
        "{consensus}"
    );
    app.screenshot("team-consensus").await;
}

async fn agreement_table_and_csv(app: &mut App, dir: &Path) {
    app.press("\u{e009}5").await;
    let table = wait_text(app, "[data-testid=agreement-table]", "Alice · Boris").await;
    assert!(table.contains("All labels"), "{table}");
    let first: Value = app
        .script("const r = document.querySelector('[data-testid=agreement-row]'); return ['f1-exact','f1-overlap','kappa','alpha'].map((k) => r.querySelector(`[data-testid=${k}]`).textContent);", vec![])
        .await;
    // Alice has two spans, Boris one: no exact match; his claim overlaps hers, so one of her
    // two spans and his one are matched: F1 = 2 * (1/2 * 1) / (1/2 + 1).
    assert_eq!(
        (&first[0], &first[1]),
        (&json!("0.000"), &json!("0.667")),
        "{first}"
    );
    let numeric = |v: &Value| v.as_str().is_some_and(|s| s.parse::<f64>().is_ok());
    assert!(
        numeric(&first[2]) && numeric(&first[3]),
        "kappa and alpha shown: {first}"
    );
    app.screenshot("team-agreement").await;
    let csv = dir.join("agreement.csv");
    click(app, "[data-testid=agreement-export]").await;
    native_dialog::save_as("Export the agreement table", &csv).await;
    let saved = wait_text(app, "[data-testid=agreement-saved]", "agreement.csv").await;
    assert!(saved.starts_with("Wrote "), "{saved}");
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("scope,article_id,article_title,label,analyst_a,analyst_b"),
        "{written}"
    );
    assert!(
        written.contains("Alice") && written.contains("Boris"),
        "{written}"
    );
}

#[tokio::test]
async fn another_writers_article_shows_up_in_the_open_window() {
    let home = TestHome::new().with_analyst("Rosa Reviewer");
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=library-table]").await;
    let mut other = Store::open(&home.db).unwrap();
    paste(
        &mut other,
        "Written from another window",
        "A second writer adds this article.",
    );
    let seen = app
        .poll(
            "return document.body.textContent.includes('Written from another window') || null;",
            Duration::from_secs(6),
        )
        .await;
    assert!(
        seen.is_some(),
        "the library did not refresh within six seconds"
    );
    app.close().await;
}

fn window_names() -> String {
    let out = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_title_names_the_file_and_a_crafted_file_is_refused_untouched() {
    let home = TestHome::new().with_analyst("Rosa Reviewer");
    let crafted = home.path().join("crafted.sqlite");
    drop(Store::open(&crafted).unwrap());
    let conn = rusqlite::Connection::open(&crafted).unwrap();
    conn.execute_batch(
        "CREATE TRIGGER wipe AFTER INSERT ON annotations BEGIN DELETE FROM articles; END;",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&crafted).unwrap();
    let prefs = home
        .path()
        .join("config/org.claimdesk.workbench/preferences.json");
    let mut object: Value = serde_json::from_slice(&std::fs::read(&prefs).unwrap()).unwrap();
    object["recent_databases"] = json!([crafted.display().to_string()]);
    std::fs::write(&prefs, object.to_string()).unwrap();

    let mut app = launch(&home, &home.db).await;
    let titled = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        window_names().contains("claimdesk-test.sqlite")
    });
    assert!(
        titled,
        "no window titled with the database file: {}",
        window_names()
    );
    click(&mut app, "[data-testid=file-menu]").await;
    click(&mut app, "[data-testid=recent-database]").await;
    let message = wait_text(
        &app,
        "[data-testid=error-banner]",
        "did not open crafted.sqlite",
    )
    .await;
    assert!(
        message.contains("trigger") && message.contains("claimdesk-test.sqlite is still open"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&crafted).unwrap(),
        before,
        "the crafted file was changed"
    );
    assert!(window_names().contains("claimdesk-test.sqlite"));
    app.screenshot("team-refused-file").await;
    app.close().await;
}

#[tokio::test]
async fn a_long_merge_shows_progress_and_escape_cancels_it_keeping_what_was_merged() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    const ARTICLES: usize = 3000;
    let boris = home.path().join("boris-big.sqlite");
    tagged_articles(&boris, "Boris", ARTICLES, 1);
    let mut app = launch(&home, &home.db).await;
    app.press("\u{e009}m").await;
    app.wait_for("[data-testid=merge-dialog]").await;
    choose_to_merge(&mut app, &[&boris]).await;
    click(&mut app, "[data-testid=merge-start]").await;
    let count = wait_text(
        &app,
        "[data-testid=merge-progress-count]",
        " of 3,000 articles",
    )
    .await;
    app.screenshot("merge-progress").await;
    app.press_in("[data-testid=merge-cancel]", &Key::Escape.to_string())
        .await;
    let heading = wait_text(&app, "[data-testid=merge-summary] h2", "Merge").await;
    assert_eq!(heading.trim(), "Merge cancelled", "progress was {count:?}");
    let line = app.text_of("[data-testid=merge-summary-line]").await;
    assert!(line.contains("stopped early"), "{line}");
    app.screenshot("merge-cancelled").await;
    app.close().await;
    let merged: i64 = query_db(&home.db, "SELECT count(*) FROM articles");
    let added: usize = line
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(
        merged > 0 && (merged as usize) < ARTICLES,
        "{merged} merged"
    );
    assert_eq!(
        added, merged as usize,
        "every article merged before the cancel stays, with its claim"
    );
}
