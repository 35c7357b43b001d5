//! The page names no path. Script that got into the page calls, through the IPC internals,
//! every command that reads or writes a file, with paths the analyst never chose: a system
//! file, a private file in the home folder, a symlink to it, a `..` detour to it, a database
//! to create elsewhere and made-up save targets over a shell start-up file. Every call is
//! refused as `not_chosen` before anything is read or written: no article is created, no
//! database appears, and every file keeps its bytes. A drop the page makes up itself is refused
//! the same way, with the reason on screen, while a file chosen in the real dialog imports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimdesk_core::Store;
use fantoccini::key::Key;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::harness::{launch, query_db, App, TestHome};
use crate::native_dialog;

/// Call `command` from the page with `args`; a `"$channel"` value becomes a progress channel.
/// Returns `{ ok }`, `{ refused: { kind, message } }` or `{ timeout }`.
async fn call_from_page(app: &App, command: &str, args: Value) -> Value {
    let probe = "const [command, args, done] = arguments;
        const internals = window.__TAURI_INTERNALS__;
        for (const key of Object.keys(args)) {
            if (args[key] === '$channel') args[key] = '__CHANNEL__:' + internals.transformCallback(() => {});
        }
        const late = setTimeout(() => done({ timeout: command }), 10000);
        internals.invoke(command, args).then(
            (value) => { clearTimeout(late); done({ ok: value ?? null }); },
            (error) => { clearTimeout(late); done({ refused: error }); });";
    app.client
        .execute_async(probe, vec![json!(command), args])
        .await
        .expect("probe ran")
}

/// The bait: files a hostile page would like to read, overwrite or open as a database.
struct Bait {
    secret: PathBuf,
    link: PathBuf,
    detour: PathBuf,
    shell_rc: PathBuf,
    teammate: PathBuf,
    new_database: PathBuf,
}

impl Bait {
    fn plant(home: &Path) -> Bait {
        let secret = home.join("id_ed25519");
        std::fs::write(
            &secret,
            "-----BEGIN OPENSSH PRIVATE KEY-----\nnot for the page\n",
        )
        .unwrap();
        let link = home.join("notes.txt");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let shell_rc = home.join(".bashrc");
        std::fs::write(&shell_rc, "export EDITOR=vi\n").unwrap();
        let teammate = home.join("teammate.sqlite");
        drop(Store::open(&teammate).unwrap());
        Bait {
            detour: home.join("data").join("..").join("id_ed25519"),
            new_database: home.join("elsewhere.sqlite"),
            secret,
            link,
            shell_rc,
            teammate,
        }
    }

    /// SHA-256 of every bait file and of /etc/passwd.
    fn hashes(&self) -> BTreeMap<PathBuf, String> {
        [
            &self.secret,
            &self.shell_rc,
            &self.teammate,
            Path::new("/etc/passwd"),
        ]
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            (path.to_owned(), format!("{:x}", Sha256::digest(bytes)))
        })
        .collect()
    }

    /// Each command that touches a file, with each path the page must not get through.
    fn calls(&self) -> Vec<(&'static str, Value)> {
        let text = |p: &Path| p.display().to_string();
        let reads = [
            "/etc/passwd".to_owned(),
            text(&self.secret),
            text(&self.link),
            text(&self.detour),
            text(self.secret.parent().unwrap()),
        ];
        let mut calls = Vec::new();
        for path in &reads {
            calls.push((
                "import_paths",
                json!({ "paths": [path], "options": {}, "onProgress": "$channel" }),
            ));
            calls.push((
                "import_annotation_file",
                json!({ "path": path, "options": { "format": "doccano", "annotator": "x" }, "onProgress": "$channel" }),
            ));
        }
        for path in [
            "/etc/passwd".to_owned(),
            text(&self.teammate),
            text(&self.detour),
        ] {
            calls.push((
                "merge_files",
                json!({ "paths": [path], "onProgress": "$channel" }),
            ));
        }
        for path in [
            text(&self.new_database),
            text(&self.teammate),
            "/etc/passwd".to_owned(),
        ] {
            calls.push(("open_database", json!({ "path": path })));
        }
        let query = json!({ "unit": "character", "per_article": false });
        for path in [text(&self.shell_rc), text(&self.new_database)] {
            calls.push(("export_agreement", json!({ "query": query, "path": path })));
            calls.push((
                "export_annotations",
                json!({ "path": path, "request": { "format": "csv" }, "onProgress": "$channel" }),
            ));
        }
        calls
    }
}

fn article_count(db: &Path) -> i64 {
    query_db::<i64>(db, "SELECT count(*) FROM articles")
}

#[tokio::test]
async fn commands_called_from_the_page_touch_only_files_the_analyst_chose() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let bait = Bait::plant(home.path());
    let before = bait.hashes();
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=app-ready]").await;
    let articles = article_count(&home.db);

    let calls = bait.calls();
    for (command, args) in &calls {
        let answer = call_from_page(&app, command, args.clone()).await;
        assert_eq!(
            answer["refused"]["kind"],
            json!("not_chosen"),
            "{command} {args} was not refused as not chosen: {answer}"
        );
    }
    println!("{} calls from the page refused", calls.len());
    made_up_drop_is_refused_on_screen(&mut app, &bait.secret).await;
    chosen_file_imports_and_its_detour_does_not(&mut app, home.path()).await;
    app.close().await;

    assert_eq!(bait.hashes(), before, "a file changed");
    assert!(!bait.new_database.exists(), "a database was created");
    assert_eq!(
        article_count(&home.db),
        articles + 1,
        "only the chosen file became an article"
    );
    let leaked: i64 = query_db(
        &home.db,
        "SELECT count(*) FROM articles WHERE text LIKE '%PRIVATE KEY%' OR text LIKE '%root:%'",
    );
    assert_eq!(leaked, 0, "a file the analyst did not choose was imported");
}

/// The page dispatches the window's drop event itself: the dialog lists the path, and the
/// import says why it will not read it.
async fn made_up_drop_is_refused_on_screen(app: &mut App, secret: &Path) {
    app.script(
        "window.dispatchEvent(new CustomEvent('claimdesk:drop', { detail: { kind: 'drop', paths: arguments[0] } }));",
        vec![json!([secret.display().to_string()])],
    )
    .await;
    app.wait_for("[data-testid=import-sources]").await;
    app.wait_for("[data-testid=import-start]")
        .await
        .click()
        .await
        .unwrap();
    let shown = app.text_of("[data-testid=import-error]").await;
    assert!(
        shown.contains("only uses files you chose"),
        "the refusal is shown: {shown}"
    );
    app.screenshot("security-made-up-drop").await;
    app.press_in("[data-testid=import-dialog]", &Key::Escape.to_string())
        .await;
}

/// The real dialog approves exactly the path it returned: that file imports, the same file
/// reached through `..` does not.
async fn chosen_file_imports_and_its_detour_does_not(app: &mut App, home: &Path) {
    let chosen = home.join("chosen.txt");
    std::fs::write(
        &chosen,
        "A chosen article.\n\nIt says 2 million euros were spent.\n",
    )
    .unwrap();
    app.press("i").await;
    app.wait_for("[data-testid=import-pick-files]")
        .await
        .click()
        .await
        .unwrap();
    native_dialog::open("Import articles", &chosen).await;
    app.wait_for("[data-testid=import-paths]").await;
    app.wait_for("[data-testid=import-start]")
        .await
        .click()
        .await
        .unwrap();
    let summary = app.text_of("[data-testid=import-summary-line]").await;
    assert!(summary.contains("1 imported"), "{summary}");
    app.press_in("[data-testid=import-dialog]", &Key::Escape.to_string())
        .await;
    let detour = home.join("data").join("..").join("chosen.txt");
    let answer = call_from_page(
        app,
        "import_paths",
        json!({ "paths": [detour.display().to_string()], "options": {}, "onProgress": "$channel" }),
    )
    .await;
    assert_eq!(answer["refused"]["kind"], json!("not_chosen"), "{answer}");
}
