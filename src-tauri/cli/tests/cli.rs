//! The CLI as a user runs it: a real process, real files, exit status and output.

mod common;

use common::cli;
use std::path::Path;
use std::process::Output;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn import_list_and_check_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let story = dir.path().join("story.txt");
    std::fs::write(&story, "Заголовок 📰\r\nRT a dépensé 274 000 dollars.\r\n").unwrap();
    let out = cli(&db, &["import", story.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("imported"), "{}", stdout(&out));

    let again = cli(&db, &["--json", "import", story.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["duplicates"], 1);
    assert_eq!(report["items"][0]["outcome"], "duplicate");

    let list = cli(&db, &["list", "--json"]);
    let articles: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(articles.as_array().unwrap().len(), 1);
    assert_eq!(articles[0]["meta"]["title"], "Заголовок 📰");

    let check = cli(&db, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("1 articles"), "{}", stdout(&check));
}

#[test]
fn failed_files_are_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let good = dir.path().join("good.txt");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&good, "A good article").unwrap();
    std::fs::write(&bad, b"\xff\xfe\x00broken").unwrap();
    let out = cli(
        &db,
        &["import", bad.to_str().unwrap(), good.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("bad.txt"), "{}", stderr(&out));
    let list = cli(&db, &["list"]);
    assert!(stdout(&list).contains("A good article"));
}

#[test]
fn bad_database_files_fail_with_a_message_and_stay_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let not_db = dir.path().join("notes.sqlite");
    std::fs::write(&not_db, "plain notes\n").unwrap();
    for args in [&["list"][..], &["check"], &["import", "x.txt"]] {
        let out = cli(&not_db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("not a Claimdesk database"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(std::fs::read(&not_db).unwrap(), b"plain notes\n");

    let newer = dir.path().join("newer.sqlite");
    assert!(cli(&newer, &["list"]).status.success());
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let before = std::fs::read(&newer).unwrap();
    let out = cli(&newer, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("newer version"), "{}", stderr(&out));
    let check = cli(&newer, &["check", "--json"]);
    assert_eq!(check.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["schema_status"], "newer");
    assert_eq!(std::fs::read(&newer).unwrap(), before);

    let nowhere = dir.path().join("no/such/folder/db.sqlite");
    let out = cli(&nowhere, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("folder does not exist"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn search_finds_words_without_their_accents_and_applies_filters() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let fr = dir.path().join("fr.txt");
    let ru = dir.path().join("ru.txt");
    std::fs::write(&fr, "Dépenses\nRT a dépensé 274 000 dollars.").unwrap();
    std::fs::write(&ru, "Заявление\nПредставитель заявил: «это ложь».").unwrap();
    assert!(
        cli(&db, &["import", fr.to_str().unwrap(), ru.to_str().unwrap()])
            .status
            .success()
    );

    let out = cli(&db, &["search", "depense"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("[dépensé]"), "{}", stdout(&out));

    let json = cli(&db, &["--json", "search", "ложь"]);
    let found: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(found["articles"][0]["title"], "Заявление");

    let filtered = cli(&db, &["search", "ложь", "--label", "quote"]);
    assert!(
        stdout(&filtered).contains("Nothing found"),
        "{}",
        stdout(&filtered)
    );
    let unknown = cli(&db, &["search", "x", "--label", "nonsense"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown).contains("no label named"),
        "{}",
        stderr(&unknown)
    );

    let repair = cli(&db, &["check", "--repair"]);
    assert!(repair.status.success());
    assert!(
        stdout(&repair).contains("search index: consistent"),
        "{}",
        stdout(&repair)
    );
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_folder_imports_recursively_with_a_json_summary_of_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let inbox = dir.path().join("inbox");
    write(
        &inbox.join("pages/story.html"),
        "<html lang=en><title>Paid posts</title><nav>Menu</nav><article><h1>Paid posts</h1>\
         <p>The agency paid for 600 accounts.</p></article><section class=comments>Me too</section>",
    );
    write(&inbox.join("notes/a.md"), "# Notes\n\nA Markdown story.");
    write(&inbox.join("photo.jpg"), b"\xFF\xD8\xFF\xE0");
    write(&inbox.join("big.txt"), "x".repeat(2048));
    let out = cli(
        &db,
        &[
            "--json",
            "import",
            "--max-bytes",
            "1K",
            inbox.to_str().unwrap(),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "big.txt fails: {}",
        stderr(&out)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 2, "{summary:#}");
    assert_eq!(summary["skipped"], 1, "{summary:#}");
    assert_eq!(summary["failed"], 1, "{summary:#}");
    let failed = summary["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["outcome"] == "failed")
        .unwrap();
    assert!(failed["source"].as_str().unwrap().ends_with("big.txt"));
    assert!(failed["reason"].as_str().unwrap().contains("1 KB limit"));

    let list = cli(&db, &["list"]);
    assert!(stdout(&list).contains("Paid posts"), "{}", stdout(&list));
    let found = cli(&db, &["search", "Me too"]);
    assert!(
        stdout(&found).contains("Nothing found"),
        "comments stay out"
    );
}

#[test]
fn a_corpus_imports_with_a_column_map_and_a_legacy_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let corpus = dir.path().join("corpus.csv");
    write(
        &corpus,
        b"headline,body\n\"D\xe9penses\",\"Le minist\xe8re a d\xe9pens\xe9 40 000 \x80.\"\n",
    );
    let out = cli(
        &db,
        &[
            "import",
            "--encoding",
            "windows-1252",
            "--map",
            "text=body,title=headline",
            corpus.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Dépenses"), "{}", stdout(&out));
    assert!(stdout(&out).contains("1 imported, 0 duplicate, 0 skipped, 0 failed"));

    let bad_map = cli(
        &db,
        &["import", "--map", "body=text", corpus.to_str().unwrap()],
    );
    assert_eq!(bad_map.status.code(), Some(2));
    assert!(
        stderr(&bad_map).contains("unknown field"),
        "{}",
        stderr(&bad_map)
    );
}

#[test]
fn invalid_bytes_fail_with_the_offset_unless_lossy_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite");
    let page = dir.path().join("broken.txt");
    write(&page, b"Caf\xe9 society");
    let strict = cli(&db, &["import", page.to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("offset 3"), "{}", stderr(&strict));
    let lossy = cli(&db, &["import", "--lossy", page.to_str().unwrap()]);
    assert!(lossy.status.success(), "{}", stderr(&lossy));
    assert!(stdout(&lossy).contains("[lossy]"), "{}", stdout(&lossy));
}
