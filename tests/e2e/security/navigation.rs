//! The window stays on the app's page whatever a page script or a click tries, opens no other
//! window, and refuses commands that the capability does not grant.

use std::time::Duration;

use serde_json::{json, Value};

use crate::canary::Canary;
use crate::harness::{launch, App, TestHome};

/// Still the same document on the app's own page: the URL, the app's shell, and a mark set on
/// the window object before the attempt (a reload or another page would have dropped it). The
/// canary decides: it answers 204, which leaves the page in place even when a load went out.
async fn still_home(app: &App, canary: &Canary, start: &str, attempt: &str) {
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        canary.requests(),
        Vec::<String>::new(),
        "{attempt}: the window reached out"
    );
    let url = app.client.current_url().await.expect("current url");
    assert_eq!(url.as_str(), start, "{attempt}: the window left the app");
    let state = app
        .script(
            "return [window.__home ?? null, !!document.querySelector('[data-testid=app-ready]')]",
            vec![],
        )
        .await;
    assert_eq!(state, json!([1, true]), "{attempt}: the page was replaced");
}

/// Page scripts that try to take the window elsewhere, by name.
fn scripted_attempts(o: &str) -> Vec<(&'static str, String)> {
    vec![
        ("location", format!("window.location = '{o}/location';")),
        (
            "location.replace",
            format!("location.replace('{o}/replace');"),
        ),
        (
            "top.location",
            format!("window.top.location.href = '{o}/top';"),
        ),
        ("window.open", format!("window.open('{o}/open', '_blank');")),
        (
            "meta refresh",
            format!(
                "const m = document.createElement('meta'); m.httpEquiv = 'refresh';
                 m.content = '0; url={o}/meta'; document.head.append(m);"
            ),
        ),
        (
            "form submit",
            format!(
                "const f = document.createElement('form'); f.action = '{o}/form'; f.method = 'post';
                 document.body.append(f); f.submit();"
            ),
        ),
        (
            "anchor click",
            format!(
                "const a = document.createElement('a'); a.href = '{o}/anchor';
                 document.body.append(a); a.click();"
            ),
        ),
        (
            "target=_blank anchor click",
            format!(
                "const a = document.createElement('a'); a.href = '{o}/scripted-blank';
                 a.target = '_blank'; document.body.append(a); a.click();"
            ),
        ),
    ]
}

/// A fixed element on top of the page, for WebDriver to click like a person (a user gesture,
/// which WebKit's pop-up blocking lets through to the app's own handlers).
const ADD_TARGET: &str = "const [tag, id, href] = arguments;
    const e = document.createElement(tag); e.id = id; e.textContent = id;
    if (tag === 'a') { e.href = href; if (id.includes('blank')) e.target = '_blank'; }
    else e.addEventListener('click', () => window.open(href));
    Object.assign(e.style, { position: 'fixed', top: '40%', left: '40%', zIndex: 99999,
        padding: '1rem', background: '#ff0' });
    document.body.append(e);";

async fn click_attempt(app: &App, tag: &str, id: &str, href: &str) {
    app.script(ADD_TARGET, vec![json!(tag), json!(id), json!(href)])
        .await;
    let element = app
        .client
        .find(fantoccini::Locator::Id(id))
        .await
        .expect("the target");
    element.click().await.expect("clicked");
}

#[tokio::test]
async fn the_window_never_leaves_the_app_nor_opens_another() {
    let canary = Canary::start();
    let o = canary.origin();
    let home = TestHome::new().with_analyst("Ana Lytic");
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=app-ready]").await;
    let start = app.client.current_url().await.unwrap().to_string();
    assert!(start.starts_with("tauri://localhost"), "{start}");
    let windows = app.client.windows().await.unwrap();
    app.script("window.__home = 1;", vec![]).await;
    for (attempt, script) in scripted_attempts(&o) {
        app.script(&script, vec![]).await;
        still_home(&app, &canary, &start, attempt).await;
    }
    // WebKit connects to a target=_blank link's host before the window's handlers are asked:
    // the UI cancels link clicks (ui/src/main.ts), and this is what proves it.
    click_attempt(&app, "a", "blank-link", &format!("{o}/blank")).await;
    still_home(&app, &canary, &start, "a target=_blank link clicked").await;
    click_attempt(&app, "a", "same-link", &format!("{o}/same")).await;
    still_home(&app, &canary, &start, "a link clicked").await;
    click_attempt(&app, "button", "open-button", &format!("{o}/gesture")).await;
    still_home(&app, &canary, &start, "window.open on a click").await;
    assert_eq!(
        app.client.windows().await.unwrap(),
        windows,
        "a window opened"
    );
    app.close().await;
    assert_eq!(
        canary.requests(),
        Vec::<String>::new(),
        "the window reached out"
    );
}

/// Invoke `command` from the page through the IPC internals; {ok}, {refused} or {timeout}.
async fn invoke(app: &App, command: &str, args: Value) -> Value {
    let probe = "const [command, args, done] = arguments;
        const late = setTimeout(() => done({ timeout: command }), 5000);
        window.__TAURI_INTERNALS__.invoke(command, args).then(
            (value) => { clearTimeout(late); done({ ok: value ?? null }); },
            (error) => { clearTimeout(late); done({ refused: String(error?.message ?? error) }); });";
    app.client
        .execute_async(probe, vec![json!(command), args])
        .await
        .expect("probe ran")
}

/// Plugin commands (registered or not) that the page must not reach: the dialog plugin the app
/// uses from Rust, file system, shell, opener and HTTP, and Tauri's core window, webview,
/// event, app and path commands.
fn outside_the_capability(path: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("plugin:dialog|open", json!({ "options": {} })),
        ("plugin:dialog|save", json!({ "options": {} })),
        ("plugin:dialog|message", json!({ "message": "pwned" })),
        ("plugin:fs|read_text_file", json!({ "path": path })),
        (
            "plugin:shell|open",
            json!({ "path": "http://127.0.0.1:9/" }),
        ),
        (
            "plugin:opener|open_url",
            json!({ "url": "http://127.0.0.1:9/" }),
        ),
        (
            "plugin:http|fetch",
            json!({ "clientConfig": { "url": "http://127.0.0.1:9/" } }),
        ),
        (
            "plugin:window|set_title",
            json!({ "label": "main", "value": "pwned" }),
        ),
        (
            "plugin:webview|create_webview_window",
            json!({ "options": { "label": "evil", "url": "http://127.0.0.1:9/" } }),
        ),
        (
            "plugin:event|emit",
            json!({ "event": "claimdesk:drop", "payload": null }),
        ),
        ("plugin:app|version", json!({})),
        ("plugin:path|resolve_directory", json!({ "directory": 1 })),
    ]
}

/// WebDriver reaches `__TAURI_INTERNALS__` as a page script would if one ran; so this proves
/// what the capability lets the webview call, not that page script cannot reach the internals
/// (the hostile-content tests prove that). A plugin command not granted must be refused before
/// it runs: a dialog that opened would leave the call waiting, and time out here.
#[tokio::test]
async fn commands_outside_the_capability_are_refused_from_the_page() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=app-ready]").await;
    let granted = invoke(&app, "list_labels", json!({})).await;
    assert!(
        granted["ok"].is_array(),
        "the probe itself works: {granted}"
    );
    let mut said = Vec::new();
    for (command, args) in outside_the_capability(&home.db.display().to_string()) {
        let answer = invoke(&app, command, args).await;
        let reason = answer["refused"].as_str().unwrap_or_default().to_owned();
        // "not allowed" is the capability's refusal (a bad argument would say otherwise).
        assert!(
            reason.contains("not allowed"),
            "{command} was not refused: {answer}"
        );
        said.push(format!("{command}: {reason}"));
    }
    // The refusals name the missing permission or plugin; printed for whoever reads the log.
    println!("{}", said.join("\n"));
    let title = app.script("return document.title", vec![]).await;
    assert_eq!(title, json!("Claimdesk"));
    app.close().await;
}
