//! Faults under the real window: the disk fills up, the disk turns read-only under the open file,
//! and the app is killed (SIGKILL) right after it showed a change as saved. Each time the
//! analyst is told what happened and what to do, the unsaved change stays on screen as a draft,
//! and the file holds exactly what was shown as saved and passes `integrity_check`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use claimdesk_core::import::import_text_file;
use claimdesk_core::Store;
use fantoccini::key::Key;

use crate::harness::{launch, App, TestHome};
use crate::volume::Volume;

const ARTICLE: &str = "Campagne 📣\n\nRT a dépensé 274 000 dollars en tweets sponsorisés, selon le rapport.\nЗаявление: «это ложь», dit le porte-parole.\n";

fn seed(home: &TestHome, db: &Path) {
    let file = home.path().join("article.txt");
    std::fs::write(&file, ARTICLE).unwrap();
    let mut store = Store::open(db).unwrap();
    import_text_file(&mut store, &file).unwrap();
}

/// The live annotations' quotes in text order, after checking the whole file.
fn saved_quotes(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(verdict, "ok", "integrity_check on {}", db.display());
    let mut stmt = conn
        .prepare("SELECT exact FROM annotations WHERE deleted_at IS NULL ORDER BY start")
        .unwrap();
    let quotes = stmt.query_map([], |r| r.get(0)).unwrap();
    quotes.map(Result::unwrap).collect()
}

/// The app on a database in `volume`, with one figure tagged and shown as saved.
async fn start_with_one_figure(volume: &Volume) -> (TestHome, PathBuf, App) {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let db = volume.path().join("claims.sqlite");
    seed(&home, &db);
    let mut app = launch(&home, &db).await;
    app.open_first_article().await;
    tag(&app, "274 000 dollars", "f").await;
    app.wait_annotation_rows(1).await;
    (home, db, app)
}

async fn tag(app: &App, quote: &str, key: &str) {
    app.select_text(quote).await;
    app.press(key).await;
}

/// Wait for the failed draft and return its text.
async fn failed_draft(app: &mut App) -> String {
    app.wait_for("[data-testid=draft-retry]").await;
    app.text_of("[data-testid=draft]").await
}

async fn retry_draft(app: &mut App) {
    app.click("[data-testid=draft-retry]").await;
}

#[tokio::test]
async fn a_full_disk_keeps_the_draft_and_the_edit_until_space_is_freed() {
    let volume = Volume::tmpfs(2 << 20);
    let (_home, db, mut app) = start_with_one_figure(&volume).await;

    let filler = volume.fill();
    tag(&app, "tweets sponsorisés", "c").await;
    let draft = failed_draft(&mut app).await;
    assert!(
        draft.contains("disk holding the database is full"),
        "{draft}"
    );
    assert!(draft.contains("Free some space"), "{draft}");
    assert_eq!(app.annotation_rows().await, 1);

    // An attribute edit refused for the same reason keeps what was typed in the editor.
    app.press("j").await;
    app.press(&Key::Enter.to_string()).await;
    let note = app.wait_for("[data-testid=attr-note]").await;
    note.send_keys("Chiffre du rapport annuel").await.unwrap();
    app.press_in(
        "[data-testid=attr-note]",
        &format!("{}{}", Key::Control, Key::Enter),
    )
    .await;
    let refused = app.text_of("[data-testid=editor-error]").await;
    assert!(refused.contains("full"), "{refused}");
    app.screenshot("fault-disk-full").await;

    std::fs::remove_file(filler).unwrap();
    app.click("[data-testid=attr-save]").await;
    app.wait_for("[data-testid=annotation-row].selected").await;
    retry_draft(&mut app).await;
    app.wait_annotation_rows(2).await;
    app.close().await;

    assert_eq!(saved_quotes(&db), ["274 000 dollars", "tweets sponsorisés"]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let saved_note: String = conn
        .query_row(
            "SELECT note FROM annotations WHERE note IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(saved_note, "Chiffre du rapport annuel");
}

#[tokio::test]
async fn a_disk_turning_read_only_keeps_the_draft_and_what_was_saved() {
    let volume = Volume::ext4(16 << 20);
    let (home, db, mut app) = start_with_one_figure(&volume).await;

    volume.fail_disk();
    tag(&app, "это ложь", "q").await;
    let draft = failed_draft(&mut app).await;
    assert!(
        draft.contains("disk holding the database reported an error"),
        "{draft}"
    );
    assert!(draft.contains("Check the disk"), "{draft}");
    assert_eq!(app.annotation_rows().await, 1);
    // Retrying on a disk that is still read-only fails the same way and keeps the draft.
    retry_draft(&mut app).await;
    let again = failed_draft(&mut app).await;
    assert!(again.contains("reported an error"), "{again}");
    app.screenshot("fault-disk-read-only").await;
    app.close().await;

    // The file as the disk holds it: copied off the read-only volume, it opens and has the
    // first annotation and not the refused one.
    let copy = copy_database(&db, home.path());
    assert_eq!(saved_quotes(&copy), ["274 000 dollars"]);
}

/// Copy a database with its WAL, as an analyst would rescue it from a read-only disk.
fn copy_database(db: &Path, to: &Path) -> PathBuf {
    let target = to.join("rescued.sqlite");
    std::fs::copy(db, &target).unwrap();
    let wal = db.with_extension("sqlite-wal");
    if wal.exists() {
        std::fs::copy(&wal, target.with_extension("sqlite-wal")).unwrap();
    }
    target
}

#[tokio::test]
async fn a_change_shown_as_saved_survives_a_kill_right_after() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home, &home.db);
    let quotes = ["274 000 dollars", "tweets sponsorisés", "это ложь"];
    for (round, quote) in quotes.iter().enumerate() {
        let mut app = launch(&home, &home.db).await;
        app.open_first_article().await;
        app.wait_annotation_rows(round).await;
        tag(&app, quote, "c").await;
        app.wait_annotation_rows(round + 1).await;
        // The row is shown only once the command has committed; kill the app at once.
        kill_app(&home.db);
        drop(app);
        let saved = saved_quotes(&home.db);
        assert_eq!(
            saved.len(),
            round + 1,
            "after kill {}: {saved:?}",
            round + 1
        );
        assert!(saved.iter().any(|q| q == quote), "{quote} lost: {saved:?}");
    }
    // And the app opens the killed file with every highlight back.
    let mut app = launch(&home, &home.db).await;
    app.open_first_article().await;
    app.wait_annotation_rows(quotes.len()).await;
    app.close().await;
}

/// SIGKILL the app process running on `db` (found by its environment: tauri-driver and
/// WebKitWebDriver start it with CLAIMDESK_DB set).
fn kill_app(db: &Path) {
    let wanted = format!("CLAIMDESK_DB={}", db.display());
    let exe = Path::new(env!("CARGO_BIN_EXE_claimdesk"));
    let pid = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| {
            let is_app = std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == exe);
            let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            is_app && env.split(|b| *b == 0).any(|v| v == wanted.as_bytes())
        })
        .expect("the app's process");
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Wait until it is gone, so the checks read the file as the kill left it.
    for _ in 0..100 {
        if !Path::new(&format!("/proc/{pid}/exe")).exists() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the app (pid {pid}) outlived SIGKILL");
}
