//! Security in the real window (DESIGN.md section 6). Hostile text planted in every field the
//! UI shows, arriving in a database prepared outside the app, in a teammate's file merged
//! through the app, and typed into the attribute editor: nothing runs, nothing loads (a
//! loopback canary hears no request), nothing is deleted or written, and the payloads are on
//! screen as text. Then navigation away from the app and new windows, and commands outside the
//! capability. `import.rs` covers hostile HTML pages imported as articles.

mod hostile;
mod navigation;
mod paths;
mod views;

use std::path::Path;
use std::time::Duration;

use claimdesk_core::model::{AnnotationPatch, Attributes, PastedArticle};
use claimdesk_core::Store;
use fantoccini::key::Key;
use serde_json::json;

use crate::canary::Canary;
use crate::harness::{launch, query_db, App, TestHome};
use crate::native_dialog;
use hostile::{plant, snapshot, tag, Planted, Traps};

const CLAIM: &str = "00000000-0000-7000-8000-000000000001";
const QUOTE: &str = "00000000-0000-7000-8000-000000000002";
const PLAIN: &str = "Council budget\n\nThe council approved 2.4 million euros on Tuesday.\n";

/// A plain article tagged by `me` twice: the first tag is the one scripts would delete, the
/// second the one a teammate and `me` will both edit. Returns (me, victim, shared).
fn plain_database(db: &Path, me: &str) -> (String, String, String) {
    let mut store = Store::open(db).unwrap();
    let me = store.ensure_annotator(me).unwrap().id;
    let pasted = PastedArticle {
        text: PLAIN.into(),
        meta: Default::default(),
    };
    let article = store.create_pasted_article(pasted).unwrap();
    let victim = tag(
        &mut store,
        &me,
        &article,
        CLAIM,
        "2.4 million",
        Attributes::default(),
    );
    let shared = tag(
        &mut store,
        &me,
        &article,
        QUOTE,
        "Tuesday",
        Attributes::default(),
    );
    (me.to_string(), victim, shared)
}

fn set_note(db: &Path, who: &str, id: &str, note: String) {
    let mut store = Store::open(db).unwrap();
    let who = store.ensure_annotator(who).unwrap().id;
    let patch = AnnotationPatch {
        attributes: Some(Attributes {
            note,
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    store.update_annotation(&who, &id.into(), patch).unwrap();
}

/// After every view was shown: give late loads and refreshes time to fire, then check that no
/// script set a marker and the window is still on the app's page.
async fn nothing_ran(app: &App) {
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let marks = app
        .script(
            "return { pwned: window.__pwned ?? null, title: document.title, at: location.href }",
            vec![],
        )
        .await;
    assert_eq!(marks["pwned"], json!(null), "a planted script ran: {marks}");
    assert_eq!(marks["title"], json!("Claimdesk"), "{marks}");
    let at = marks["at"].as_str().unwrap_or_default();
    assert!(
        at.starts_with("tauri://localhost"),
        "the window left the app: {marks}"
    );
}

/// After the window closed: the canary heard nothing and no script's command took effect.
fn nothing_reached_out(canary: &Canary, traps: &Traps, db: &Path) {
    assert_eq!(
        canary.requests(),
        Vec::<String>::new(),
        "the window reached out"
    );
    assert!(
        !traps.agreement_csv.exists(),
        "a script exported the agreement table"
    );
    assert!(!traps.export_csv.exists(), "a script exported annotations");
    let victim: Option<String> = query_db(
        db,
        &format!(
            "SELECT deleted_at FROM annotations WHERE id = '{}'",
            traps.victim
        ),
    );
    assert_eq!(victim, None, "a script deleted an annotation");
}

#[tokio::test]
async fn hostile_text_in_every_field_is_shown_as_text_and_nothing_runs_or_loads() {
    let canary = Canary::start();
    let origin = canary.origin();
    // The analyst's own name goes through the core's 100-character limit at start-up.
    let me = format!("<img src=\"{origin}/analyst\" onerror=\"window.__pwned=1\">");
    let home = TestHome::new().with_analyst(&me);
    let (me_id, victim, _) = plain_database(&home.db, &me);
    let traps = Traps::new(origin.clone(), &me_id, &victim, home.path());
    let planted = plant(&mut Store::open(&home.db).unwrap(), &home.db, &traps);
    let before = snapshot(&home.db, Some(&planted.claim_id));
    let exact = traps.payloads()[0].clone();

    let mut app = launch(&home, &home.db).await;
    views::library(&mut app, &planted, Some(&me)).await;
    views::search(&mut app, &planted, &origin).await;
    views::table(&mut app, &planted, &exact).await;
    views::label_manager(&mut app, &planted).await;
    views::article(&mut app, &planted).await;
    views::editor(&mut app, &planted).await;
    let typed = traps.typed_note();
    views::type_note(&mut app, &typed).await;
    reopened_note_is_text(&mut app, &planted, &typed).await;
    views::review(&mut app, &planted, &exact).await;
    views::agreement(&mut app, &planted).await;
    nothing_ran(&app).await;
    app.close().await;

    nothing_reached_out(&canary, &traps, &home.db);
    assert_eq!(snapshot(&home.db, Some(&planted.claim_id)), before);
    let stored: String = query_db(
        &home.db,
        &format!(
            "SELECT note FROM annotations WHERE id = '{}'",
            planted.claim_id
        ),
    );
    assert_eq!(stored, typed, "the typed note is stored as typed");
}

/// The note typed through the editor comes back into the editor as the same text.
async fn reopened_note_is_text(app: &mut App, planted: &Planted, typed: &str) {
    app.script(
        "const row = [...document.querySelectorAll('[data-testid=annotation-row]')]
            .find((r) => r.textContent.includes(arguments[0]));
         row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));",
        vec![json!(planted.speaker)],
    )
    .await;
    views::shows(
        app,
        "the editor, reopened",
        "[data-testid=attr-note]",
        typed,
    )
    .await;
    views::nothing_injected(app, "the editor, reopened").await;
    app.press_in("[data-testid=attr-note]", &Key::Escape.to_string())
        .await;
}

#[tokio::test]
async fn a_teammates_hostile_file_merged_in_the_window_is_shown_as_text() {
    let canary = Canary::start();
    let origin = canary.origin();
    let home = TestHome::new().with_analyst("Rosa Reviewer");
    let (me, victim, shared) = plain_database(&home.db, "Rosa Reviewer");
    // A file name cannot hold a slash, so this one only tries to run a script.
    let theirs = home
        .path()
        .join("<img src=x onerror=window.__pwned=1>.sqlite");
    std::fs::copy(&home.db, &theirs).unwrap();
    let traps = Traps::new(origin.clone(), &me, &victim, home.path());
    let planted = plant(&mut Store::open(&theirs).unwrap(), &theirs, &traps);
    let conflicting = format!("conflict {}", traps.payloads().join("\n"));
    set_note(&theirs, "Boris", &shared, conflicting.clone());
    set_note(&home.db, "Rosa Reviewer", &shared, "Our reading".into());

    let mut app = launch(&home, &home.db).await;
    merge(&mut app, &theirs, &conflicting).await;
    let merged = snapshot(&home.db, None);
    assert!(
        merged.iter().any(|row| row.contains(&planted.title)),
        "nothing merged"
    );
    let exact = traps.payloads()[0].clone();
    views::library(&mut app, &planted, None).await;
    views::table(&mut app, &planted, &exact).await;
    views::article(&mut app, &planted).await;
    views::editor(&mut app, &planted).await;
    app.press_in("[data-testid=attr-note]", &Key::Escape.to_string())
        .await;
    views::review(&mut app, &planted, &exact).await;
    views::agreement(&mut app, &planted).await;
    nothing_ran(&app).await;
    app.close().await;

    nothing_reached_out(&canary, &traps, &home.db);
    assert_eq!(
        snapshot(&home.db, None),
        merged,
        "the database changed after the merge"
    );
}

/// Merge `file` through the merge dialog (chosen in its file dialog, as team.rs does) and check
/// the summary and the conflict show the file's name and its note as text.
async fn merge(app: &mut App, file: &Path, conflicting: &str) {
    app.press(&format!("{}m", Key::Control)).await;
    app.wait_for("[data-testid=merge-dialog]").await;
    let title = "Merge teammates' files into this one";
    let list = "[data-testid=merge-dialog]";
    native_dialog::choose_each(app, "[data-testid=merge-choose]", title, list, &[file]).await;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let place = "the merge dialog";
    views::shows(app, place, "[data-testid=merge-files-list]", &name).await;
    app.wait_for("[data-testid=merge-start]")
        .await
        .click()
        .await
        .unwrap();
    views::shows(
        app,
        place,
        "[data-testid=merge-summary-line]",
        "1 in conflict",
    )
    .await;
    views::shows(
        app,
        place,
        "[data-testid=conflicts]",
        &format!("Theirs, from {name}"),
    )
    .await;
    views::shows(app, place, "[data-testid=conflicts]", conflicting).await;
    views::nothing_injected(app, place).await;
    app.screenshot("security-merge").await;
    // Escape closes it: long planted notes can push the Done button out of the dialog's view.
    app.script(
        "document.querySelector('[data-testid=merge-dialog]')
            .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));",
        vec![],
    )
    .await;
    app.wait_until("return document.querySelector('[data-testid=merge-dialog]') ? null : true")
        .await;
}
