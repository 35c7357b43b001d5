//! Starting and stopping the real app for a test, and a few helpers for driving it.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

/// How long the app may take to show its first screen.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A temporary home for one test: the database path and XDG folders the app will use.
pub struct TestHome {
    dir: tempfile::TempDir,
    /// The database file the app opens.
    pub db: PathBuf,
}

impl TestHome {
    pub fn new() -> TestHome {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("claimdesk-test.sqlite");
        TestHome { dir, db }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Skip the first-run question: the analyst's name is already in the preferences.
    pub fn with_analyst(self, name: &str) -> TestHome {
        let dir = self.dir.path().join("config/org.claimdesk.workbench");
        std::fs::create_dir_all(&dir).expect("config dir");
        let prefs = json!({ "analyst_name": name, "snap_to_words": true });
        std::fs::write(dir.join("preferences.json"), prefs.to_string()).expect("preferences");
        self
    }
}

/// A running app with a WebDriver session on its window.
pub struct App {
    driver: Child,
    stopped: bool,
    pub client: Client,
}

/// Start the app on `db`, with XDG folders inside `home`; wait until its first screen is up.
pub async fn launch(home: &TestHome, db: &Path) -> App {
    let (port, native_port) = free_ports();
    let xdg = |name: &str| {
        let dir = home.path().join(name);
        std::fs::create_dir_all(&dir).expect("xdg dir");
        dir
    };
    let driver = Command::new(tauri_driver())
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("CLAIMDESK_DB", db)
        .env("XDG_DATA_HOME", xdg("data"))
        .env("XDG_CONFIG_HOME", xdg("config"))
        .env("XDG_CACHE_HOME", xdg("cache"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tauri-driver must be installed: run `make test-e2e`, which installs it");
    let mut app = App {
        driver,
        stopped: false,
        client: connect(port).await,
    };
    app.wait_for(
        "[data-testid=app-ready], [data-testid=startup-error], [data-testid=analyst-name]",
    )
    .await;
    app.driver_alive();
    app
}

impl App {
    /// Wait for an element matching `css`.
    pub async fn wait_for(&mut self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(START_TIMEOUT)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(err) => {
                // What the window showed instead is the first thing to look at.
                self.screenshot("failed-wait").await;
                panic!("no element {css}: {err} (see test-output/e2e/failed-wait.png)")
            }
        }
    }

    /// Poll a script until it returns something other than null (or give up after a while).
    pub async fn wait_until(&self, script: &str) -> Value {
        match self.poll(script, START_TIMEOUT).await {
            Some(value) => value,
            None => {
                self.screenshot("failed-wait").await;
                panic!("condition never held: {script}");
            }
        }
    }

    /// Poll a script for at most `limit`; None if it only ever returned null.
    pub async fn poll(&self, script: &str, limit: Duration) -> Option<Value> {
        let deadline = Instant::now() + limit;
        loop {
            let value = self.script(script, vec![]).await;
            if !value.is_null() {
                return Some(value);
            }
            if Instant::now() > deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Open the first article listed in the library, once its row has loaded.
    pub async fn open_first_article(&mut self) {
        self.wait_for("[data-testid=article-item] .title")
            .await
            .click()
            .await
            .expect("click");
        self.wait_for("[data-testid=workbench] [data-testid=reader-text] .block")
            .await;
    }

    /// How many annotations the side panel lists.
    pub async fn annotation_rows(&self) -> usize {
        self.client
            .find_all(Locator::Css("[data-testid=annotation-row]"))
            .await
            .expect("find rows")
            .len()
    }

    /// Wait until the side panel lists `expected` annotations (5 s at most).
    pub async fn wait_annotation_rows(&self, expected: usize) {
        for _ in 0..100 {
            if self.annotation_rows().await == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let seen = self.annotation_rows().await;
        self.screenshot("failed-rows").await;
        panic!("expected {expected} annotation rows, saw {seen}");
    }

    /// Click the element matching `css` once it is there.
    pub async fn click(&mut self, css: &str) {
        let element = self.wait_for(css).await;
        element.click().await.expect("click");
    }

    /// The text of the first element matching `css`.
    pub async fn text_of(&mut self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("element text")
    }

    /// Run a script in the page and return its result.
    pub async fn script(&self, source: &str, args: Vec<Value>) -> Value {
        self.client.execute(source, args).await.expect("script ran")
    }

    /// Type keys at the page, as a person with nothing focused would.
    pub async fn press(&self, keys: &str) {
        self.press_in("body", keys).await;
    }

    /// Type keys into the element matching `css`.
    pub async fn press_in(&self, css: &str, keys: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .expect("element to type into");
        element.send_keys(keys).await.expect("keys sent");
    }

    /// Select the first occurrence of `needle` in the reader, as a mouse drag would.
    pub async fn select_text(&self, needle: &str) {
        let found = self
            .script(
                "const needle = arguments[0];
                 for (const block of document.querySelectorAll('[data-testid=reader-text] .block')) {
                   const node = block.firstChild; const at = node.data.indexOf(needle);
                   if (at >= 0) { getSelection().setBaseAndExtent(node, at, node, at + needle.length); return true; }
                 }
                 return false;",
                vec![json!(needle)],
            )
            .await;
        assert_eq!(found, json!(true), "{needle} is not in the reader");
    }

    /// Save a screenshot under `test-output/e2e/` after the page has painted.
    pub async fn screenshot(&self, name: &str) {
        let painted = "const done = arguments[arguments.length - 1];
                       requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        let _ = self.client.execute_async(painted, vec![]).await;
        let png = self.client.screenshot().await.expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-output/e2e");
        std::fs::create_dir_all(&dir).expect("output dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Close the window and stop the driver (SIGTERM, so it also stops WebKitWebDriver).
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn driver_alive(&mut self) {
        if let Ok(Some(status)) = self.driver.try_wait() {
            panic!("tauri-driver exited early: {status}");
        }
    }

    fn stop_driver(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.stop_driver();
    }
}

async fn connect(port: u16) -> Client {
    let mut caps = Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert(
        "tauri:options".into(),
        json!({ "application": env!("CARGO_BIN_EXE_claimdesk") }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + START_TIMEOUT;
    loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(err) if Instant::now() > deadline => panic!("no WebDriver session: {err}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Wait until the page's text for `css` contains `needle` (white space collapsed); that text.
pub async fn wait_text(app: &App, css: &str, needle: &str) -> String {
    let script = format!(
        "const e = document.querySelector({css:?}); const t = e ? e.textContent.replace(/\\s+/g, ' ') : ''; return t.includes({needle:?}) ? t : null;"
    );
    app.wait_until(&script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Two distinct free ports: both are held until both are known, since a port just released can
/// be handed out again at once (tauri-driver then waits forever on itself).
fn free_ports() -> (u16, u16) {
    let bind = || TcpListener::bind("127.0.0.1:0").expect("a free port");
    let (first, second) = (bind(), bind());
    let port = |l: &TcpListener| l.local_addr().expect("a bound port").port();
    (port(&first), port(&second))
}

/// tauri-driver from PATH, or from cargo's bin folder where `cargo install` puts it.
fn tauri_driver() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|d| d.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// Read one column of one row from the database the app wrote, as a test oracle.
pub fn query_db<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open db");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}
