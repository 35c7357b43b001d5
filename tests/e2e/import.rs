//! Importing in the real window. Files reach the import dialog the way an analyst chooses them:
//! in the system's file dialog (answered with xdotool, see `native_dialog`), which is also what
//! approves them for the import command (a drop the page made up itself is refused, see
//! `security/paths.rs`). Everything after it (the dialog, its options, progress, cancel, the
//! summary, opening the article) is the analyst's path, through the same command.

use std::path::Path;

use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::canary::Canary;
use crate::harness::{launch, query_db, App, TestHome};
use crate::native_dialog;

const HOSTILE_FIXTURE: &str = "src-tauri/core/tests/fixtures/html/hostile_page";

/// Open the import dialog (unless it is open) and choose `paths` in the system's dialogs: a
/// folder with *Choose folder…*, files with *Choose files…*.
async fn choose_sources(app: &mut App, paths: &[&Path]) {
    app.wait_for("[data-testid=app-ready]").await;
    let open = app
        .script(
            "return !!document.querySelector('[data-testid=import-sources]')",
            vec![],
        )
        .await;
    if open != json!(true) {
        app.press("i").await;
        app.wait_for("[data-testid=import-sources]").await;
    }
    for path in paths {
        let (button, title) = if path.is_dir() {
            (
                "[data-testid=import-pick-folder]",
                "Import a folder of articles",
            )
        } else {
            ("[data-testid=import-pick-files]", "Import articles")
        };
        native_dialog::choose_each(app, button, title, "[data-testid=import-paths]", &[path]).await;
    }
}

/// Start the import and wait for its summary; returns the summary's one-line account.
async fn run_import(app: &mut App) -> String {
    app.wait_for("[data-testid=import-start]")
        .await
        .click()
        .await
        .unwrap();
    app.text_of("[data-testid=import-summary-line]").await
}

/// The rows of one summary section: (source, what the row says).
async fn summary_rows(app: &App, section: &str) -> Vec<String> {
    let rows = app
        .script(
            "return [...document.querySelectorAll(`[data-testid=import-summary-${arguments[0]}] li`)]
                .map((li) => li.textContent.replace(/\\s+/g, ' ').trim());",
            vec![json!(section)],
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

/// The hostile fixture with every remote address turned to the canary, and every `alert(` into
/// a marker that any script that ran would leave behind.
fn hostile_page(dir: &Path, canary: &Canary) -> (std::path::PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(HOSTILE_FIXTURE);
    let read = |ext: &str| std::fs::read_to_string(root.with_extension(ext)).unwrap();
    let arm = |s: String| {
        s.replace("https://tracker.example", &canary.origin())
            .replace("alert(", "window.__pwned=document.title=(")
    };
    let page = arm(read("html"));
    assert!(page.contains(&canary.origin()) && !page.contains("tracker.example"));
    let path = dir.join("hostile.html");
    std::fs::write(&path, page).unwrap();
    // The fixture's expected text ends with the file's newline; the stored text does not.
    (path, arm(read("txt")).trim_end().to_owned())
}

#[tokio::test]
async fn a_hostile_page_imports_as_its_visible_text_and_nothing_runs_or_loads() {
    let canary = Canary::start();
    let home = TestHome::new().with_analyst("Ana Lytic");
    let (page, expected) = hostile_page(home.path(), &canary);
    let mut app = launch(&home, &home.db).await;
    choose_sources(&mut app, &[&page]).await;
    let line = run_import(&mut app).await;
    assert!(line.starts_with("1 imported"), "{line}");
    app.wait_for("[data-testid=import-summary-imported] .open")
        .await
        .click()
        .await
        .unwrap();
    let title = app.text_of("[data-testid=reader-title]").await;
    assert_eq!(
        title,
        "Local election: observers report paid campaign accounts"
    );
    let shown = app
        .script(
            "return document.querySelector('[data-testid=reader-text]').textContent",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(expected), "only the visible article text");
    let stored: String = query_db(&home.db, "SELECT text FROM articles");
    assert_eq!(stored, expected);
    // Give anything that might have been scheduled (a refresh, a late image) time to fire.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let marks = app
        .script(
            "return { pwned: window.__pwned ?? null, title: document.title, at: location.href }",
            vec![],
        )
        .await;
    assert_eq!(marks["pwned"], Value::Null, "a script from the page ran");
    assert_eq!(marks["title"], json!("Claimdesk"));
    assert!(
        !marks["at"]
            .as_str()
            .unwrap_or_default()
            .contains("127.0.0.1"),
        "{marks}"
    );
    app.screenshot("import-hostile-article").await;
    app.close().await;
    assert_eq!(
        canary.requests(),
        Vec::<String>::new(),
        "the page reached out"
    );
}

/// A folder with one of each: text, Markdown, HTML, a CSV corpus (mapped columns), a copy of a
/// file, a binary file, a file in another encoding, and a file that is not an article.
fn news_folder(root: &Path) -> std::path::PathBuf {
    let folder = root.join("news");
    std::fs::create_dir_all(folder.join("nested")).unwrap();
    let council = "Council budget\n\nThe council approved 2.4 million euros on Tuesday.\n";
    let files: [(&str, &[u8]); 9] = [
        ("a-council.txt", council.as_bytes()),
        ("b-harbour.md", b"# Harbour works\n\nWork on the harbour begins in March.\n"),
        ("broken.txt", b"ABC\0\x01\x02\x03\xff\xfe"),
        ("c-page.html", b"<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1><p>The old bridge reopened on Monday.</p></article></body></html>"),
        ("corpus.csv", b"headline,body,site\nFerry fares,Ferry fares rise by 3 percent.,Harbour Times\nNew mayor,The new mayor takes office.,City Post\n"),
        ("latin1.txt", b"Caf\xe9 cr\xe8me\n\nLe caf\xe9 est servi.\n"),
        ("notes.pdf", b"%PDF-1.4"),
        ("nested/d-strike.txt", b"Strike called off\n\nThe strike was called off late on Sunday.\n"),
        ("nested/e-copy.txt", council.as_bytes()),
    ];
    for (name, bytes) in files {
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    folder
}

/// Every source of `news_folder` is listed in its section, failures and skips with the reason.
async fn expect_news_summary(app: &App) {
    let failed = summary_rows(app, "failed").await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed[0].contains("broken.txt looks like a binary file")
            && failed[0].contains("NUL byte at offset 3"),
        "{failed:?}"
    );
    assert!(
        failed[1].contains("latin1.txt") && failed[1].contains("first bad byte at offset 3"),
        "{failed:?}"
    );
    let skipped = summary_rows(app, "skipped").await;
    assert!(
        skipped[0].contains("notes.pdf") && skipped[0].contains("not a text"),
        "{skipped:?}"
    );
    let duplicate = summary_rows(app, "duplicate").await;
    assert!(duplicate[0].contains("nested/e-copy.txt"), "{duplicate:?}");
    let imported = summary_rows(app, "imported").await;
    for title in [
        "Council budget",
        "Harbour works",
        "Bridge reopens",
        "Ferry fares",
        "New mayor",
        "Strike called off",
    ] {
        assert!(
            imported.iter().any(|row| row.contains(title)),
            "{title} in {imported:?}"
        );
    }
}

#[tokio::test]
async fn a_folder_import_lists_what_was_imported_duplicated_skipped_and_refused() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let folder = news_folder(home.path());
    let mut app = launch(&home, &home.db).await;
    choose_sources(&mut app, &[&folder]).await;
    let columns = [("text", "body"), ("title", "headline"), ("outlet", "site")];
    for (field, column) in columns {
        let css = format!("[data-testid=import-column-{field}]");
        app.press_in(&css, column).await;
    }
    app.screenshot("import-dialog").await;
    let line = run_import(&mut app).await;
    app.screenshot("import-summary").await;
    assert!(
        line.starts_with("6 imported, 1 already in the library, 1 skipped, 2 failed"),
        "{line}"
    );
    expect_news_summary(&app).await;
    app.press_in("[data-testid=import-dialog]", &Key::Escape.to_string())
        .await;
    let listed =
        "return document.querySelectorAll('[data-testid=article-item]').length === 6 || null";
    app.wait_until(listed).await;
    app.close().await;
    let outlet: String = query_db(
        &home.db,
        "SELECT outlet FROM articles WHERE title = 'New mayor'",
    );
    assert_eq!(outlet, "City Post");
}

#[tokio::test]
async fn legacy_encodings_and_lossy_imports_are_the_analysts_choice() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let koi8 = home.path().join("koi8.txt");
    // "Привет, мир" in KOI8-R.
    std::fs::write(&koi8, b"\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2\n").unwrap();
    let latin1 = home.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 cr\xe8me\n").unwrap();
    let mut app = launch(&home, &home.db).await;
    choose_sources(&mut app, &[&koi8]).await;
    app.script(
        "const s = document.querySelector('[data-testid=import-encoding]');
         s.selectedIndex = [...s.options].findIndex((o) => o.textContent.includes('KOI8-R'));
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    assert!(run_import(&mut app).await.starts_with("1 imported"));
    app.press_in("[data-testid=import-dialog]", &Key::Escape.to_string())
        .await;
    choose_sources(&mut app, &[&latin1]).await;
    app.wait_for("[data-testid=import-lossy]")
        .await
        .click()
        .await
        .unwrap();
    assert!(run_import(&mut app).await.starts_with("1 imported"));
    let flag = app
        .text_of("[data-testid=import-summary-imported] .flag")
        .await;
    assert_eq!(flag, "imported with replacement characters");
    // Opened from the summary, the article says so above its text.
    app.wait_for("[data-testid=import-summary-imported] button.open")
        .await
        .click()
        .await
        .unwrap();
    let notice = app.text_of("[data-testid=source-notice]").await;
    assert!(notice.contains("replacement characters"), "{notice}");
    app.screenshot("import-lossy-notice").await;
    app.close().await;
    let cyrillic: String = query_db(&home.db, "SELECT text FROM articles WHERE text LIKE 'П%'");
    assert_eq!(cyrillic, "Привет, мир\n");
    let lossy: i64 = query_db(
        &home.db,
        "SELECT replacements FROM article_sources WHERE lossy",
    );
    assert_eq!(lossy, 2);
}

#[tokio::test]
async fn a_long_import_shows_progress_and_escape_cancels_it_keeping_what_was_stored() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let folder = home.path().join("bulk");
    std::fs::create_dir_all(&folder).unwrap();
    const FILES: usize = 4000;
    for n in 0..FILES {
        let text =
            format!("Report {n}\n\nParagraph {n} of the bulk corpus, unique to this file.\n");
        std::fs::write(folder.join(format!("{n:04}.txt")), text).unwrap();
    }
    let mut app = launch(&home, &home.db).await;
    choose_sources(&mut app, &[&folder]).await;
    app.wait_for("[data-testid=import-start]")
        .await
        .click()
        .await
        .unwrap();
    // As soon as there is an estimate, read the progress and cancel in one go: the import is fast.
    app.wait_for("[data-testid=import-time-left]").await;
    let shown = app
        .script(
            "const text = (id) => document.querySelector(`[data-testid=${id}]`).textContent.trim();
             return [text('import-count'), text('import-current')];",
            vec![],
        )
        .await;
    app.press_in("[data-testid=import-cancel]", &Key::Escape.to_string())
        .await;
    let count = shown[0].as_str().unwrap_or_default();
    assert!(count.contains(&format!("of {FILES} files")), "{count}");
    let current = shown[1].as_str().unwrap_or_default();
    assert!(current.starts_with("Reading bulk/"), "{current}");
    let heading = app.text_of("[data-testid=import-summary] h2").await;
    assert_eq!(heading, "Import cancelled");
    let line = app.text_of("[data-testid=import-summary-line]").await;
    let imported: usize = line
        .trim_start_matches("Cancelled: ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{line}"));
    assert!(imported > 0 && imported < FILES, "{line}");
    app.screenshot("import-cancelled").await;
    app.close().await;
    let stored: i64 = query_db(&home.db, "SELECT count(*) FROM articles");
    assert_eq!(
        stored as usize, imported,
        "what was stored before the cancel stays"
    );
}

#[tokio::test]
async fn pasting_a_text_already_in_the_library_is_reported_not_stored_again() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let mut app = launch(&home, &home.db).await;
    for _ in 0..2 {
        app.wait_for("[data-testid=new-article]")
            .await
            .click()
            .await
            .unwrap();
        app.wait_for("[data-testid=paste-text]")
            .await
            .send_keys("The harbour reopens in May.")
            .await
            .unwrap();
        app.wait_for("[data-testid=paste-save]")
            .await
            .click()
            .await
            .unwrap();
        app.wait_for("[data-testid=reader-title], [data-testid=paste-duplicate]")
            .await;
    }
    let said = app.text_of("[data-testid=paste-duplicate]").await;
    assert!(said.contains("already in the library"), "{said}");
    app.wait_for("[data-testid=paste-open-existing]")
        .await
        .click()
        .await
        .unwrap();
    let title = app.text_of("[data-testid=reader-title]").await;
    assert_eq!(title, "The harbour reopens in May.");
    app.close().await;
    let stored: i64 = query_db(&home.db, "SELECT count(*) FROM articles");
    assert_eq!(stored, 1);
}
