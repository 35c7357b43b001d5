//! A database file the app cannot use: a readable screen that says why and what to do, never a
//! blank window, and the file exactly as it was.

use std::path::Path;

use crate::harness::{launch, TestHome};

async fn assert_refused(home: &TestHome, db: &Path, expected: &str, shot: &str) {
    let before = std::fs::read(db).ok();
    let mut app = launch(home, db).await;
    let message = app.text_of("[data-testid=startup-error-message]").await;
    assert!(message.contains(expected), "{message}");
    let screen = app.text_of("[data-testid=startup-error]").await;
    assert!(screen.contains("What you can do"), "{screen}");
    app.screenshot(shot).await;
    app.close().await;
    assert_eq!(
        std::fs::read(db).ok(),
        before,
        "{} was modified",
        db.display()
    );
}

#[tokio::test]
async fn files_that_are_not_usable_databases_get_a_readable_screen_and_stay_unchanged() {
    let home = TestHome::new();

    let text = home.path().join("notes.sqlite");
    std::fs::write(&text, "meeting notes, not a database\n").unwrap();
    assert_refused(&home, &text, "not a Claimdesk database", "error-not-sqlite").await;

    let newer = home.path().join("newer.sqlite");
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x); PRAGMA application_id = 1131168875; PRAGMA user_version = 42;",
        )
        .unwrap();
    }
    assert_refused(&home, &newer, "newer version of Claimdesk", "error-newer").await;

    let truncated = home.path().join("truncated.sqlite");
    {
        let conn = rusqlite::Connection::open(&truncated).unwrap();
        conn.execute_batch("CREATE TABLE t (x TEXT);").unwrap();
        for _ in 0..50 {
            conn.execute("INSERT INTO t VALUES (?1)", [&"x".repeat(4000)])
                .unwrap();
        }
    }
    let bytes = std::fs::read(&truncated).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    assert_refused(&home, &truncated, "truncated", "error-truncated").await;

    let blocker = home.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    assert_refused(
        &home,
        &blocker.join("db.sqlite"),
        "cannot open",
        "error-unwritable",
    )
    .await;
}
