//! Every view that shows planted text, visited as an analyst would, each asserting that the text
//! is there literally (so the test proves the payloads were rendered, as text) and that nothing
//! a payload would have produced as HTML is in the page.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::{json, Value};

use super::hostile::{Planted, SEARCH_WORD};
use crate::harness::App;

const SHOW_TIMEOUT: Duration = Duration::from_secs(15);

/// Elements, attributes and rules that only parsed markup could have put in the page. The
/// app's own document has none of them (its script and stylesheet come from ./assets/).
const INJECTED: &str = r#"
const bad = [];
const say = (e) => bad.push(e.outerHTML.slice(0, 160));
const tags = 'img, svg, iframe, object, embed, video, audio, source, base, math, details, marquee,'
  + ' frame, frameset, meta[http-equiv], form[action], input[autofocus]';
document.querySelectorAll(tags).forEach(say);
const own = (e, name) => ['SCRIPT', 'LINK'].includes(e.tagName)
  && (e.getAttribute(name) ?? '').startsWith('./assets/');
for (const e of document.querySelectorAll('*')) {
  for (const a of e.attributes) {
    const url = ['src', 'href', 'action', 'formaction', 'data', 'poster', 'srcdoc', 'background'];
    if (a.name.startsWith('on') || (url.includes(a.name) && !own(e, a.name))
      || (a.name === 'style' && /url\(|expression/i.test(a.value))) say(e);
  }
}
for (const e of document.querySelectorAll('style, script')) {
  if (/url\(|@import|__pwned|__TAURI/.test(e.textContent)) say(e);
}
return bad;"#;

/// Assert the page holds no injected element, attribute or rule; `place` names the view.
pub async fn nothing_injected(app: &App, place: &str) {
    let found = app.script(INJECTED, vec![]).await;
    assert_eq!(
        found,
        json!([]),
        "markup from the data was parsed in {place}"
    );
}

/// Wait until the element's text (or, for form fields, value) contains `needle`.
pub async fn shows(app: &App, place: &str, css: &str, needle: &str) {
    let script = "const e = document.querySelector(arguments[0]);
        if (!e) return null;
        const seen = 'value' in e && e.tagName !== 'BUTTON' && e.tagName !== 'SELECT'
            ? e.value : e.textContent;
        return seen.includes(arguments[1]) ? true : seen;";
    let deadline = Instant::now() + SHOW_TIMEOUT;
    loop {
        let seen = app.script(script, vec![json!(css), json!(needle)]).await;
        if seen == json!(true) {
            return;
        }
        if Instant::now() > deadline {
            app.screenshot("security-not-shown").await;
            let cut = |s: &str| s.chars().take(200).collect::<String>();
            let seen = cut(&seen.to_string());
            let needle = cut(needle);
            panic!("{place}: {css} does not show {needle:?}… literally; it shows {seen}…");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn ctrl(app: &App, key: &str) {
    app.press(&format!("{}{key}", Key::Control)).await;
}

/// Library table, filter bar (labels, analysts, outlets, tags) and the header's analyst.
pub async fn library(app: &mut App, p: &Planted, me: Option<&str>) {
    ctrl(app, "1").await;
    app.wait_for("[data-testid=library-table]").await;
    let place = "the library";
    shows(app, place, "[data-testid=library-table]", &p.title).await;
    shows(app, place, "[data-testid=library-table]", &p.outlet).await;
    for needle in [&p.label, &p.analysts[0], &p.analysts[1], &p.outlet] {
        shows(app, place, "[data-testid=filter-bar]", needle).await;
    }
    for tag in &p.tags {
        shows(app, place, "[data-testid=filter-bar]", &format!("#{tag}")).await;
    }
    if let Some(me) = me {
        shows(app, place, "[data-testid=analyst]", me).await;
    }
    nothing_injected(app, place).await;
}

/// Search results: article and annotation hits with FTS snippets (marked words in <mark>).
pub async fn search(app: &mut App, p: &Planted, origin: &str) {
    app.press_in("[data-testid=search-box]", SEARCH_WORD).await;
    app.wait_for("[data-testid=search-hit]").await;
    app.wait_for("[data-testid=search-annotation-hit]").await;
    let place = "search results";
    shows(app, place, "[data-testid=search-hit]", &p.title).await;
    let snippet = format!("<img src=\"{origin}/snippet\"");
    shows(app, place, "[data-testid=search-hit]", &snippet).await;
    shows(app, place, "[data-testid=search-annotation-hit]", "note").await;
    shows(
        app,
        place,
        "[data-testid=search-annotation-hit]",
        "<img src=\"",
    )
    .await;
    // The snippets' own marks, and those the planted private-use characters make: text too.
    let marks = app
        .script(
            "return [...document.querySelectorAll('[data-testid=search-results] mark')]
                .map((m) => m.textContent)",
            vec![],
        )
        .await;
    assert!(
        marks
            .as_array()
            .is_some_and(|m| m.contains(&json!(SEARCH_WORD))),
        "{place}: the matched word is not highlighted: {marks}"
    );
    nothing_injected(app, place).await;
    app.screenshot("security-search").await;
    app.press_in("[data-testid=search-box]", &Key::Escape.to_string())
        .await;
}

/// The annotation table: article, label, quote, attributes, analyst.
pub async fn table(app: &mut App, p: &Planted, exact: &str) {
    ctrl(app, "2").await;
    app.wait_for("[data-testid=table-row]").await;
    let place = "the annotation table";
    let css = "[data-testid=annotation-table]";
    for needle in [
        &p.title,
        &p.label,
        exact,
        &p.speaker,
        &p.verdict,
        &p.analysts[0],
        &p.unit,
    ] {
        shows(app, place, css, needle).await;
    }
    nothing_injected(app, place).await;
}

/// The workbench: title, byline, text, the side panel's rows and label chips.
pub async fn article(app: &mut App, p: &Planted) {
    ctrl(app, "1").await;
    app.wait_for("[data-testid=article-item]").await;
    let opened = app
        .script(
            "const row = [...document.querySelectorAll('[data-testid=article-item]')]
                .find((r) => r.textContent.includes(arguments[0]));
             if (row) row.click(); return !!row;",
            vec![json!(p.title)],
        )
        .await;
    assert_eq!(opened, json!(true), "the hostile article is not listed");
    app.wait_for("[data-testid=workbench] [data-testid=reader-text] .block")
        .await;
    let place = "the workbench";
    let exactly = "return document.querySelector(arguments[0]).textContent";
    let title = app
        .script(exactly, vec![json!("[data-testid=reader-title]")])
        .await;
    assert_eq!(title, json!(p.title), "{place}: the title");
    let text = app
        .script(exactly, vec![json!("[data-testid=reader-text]")])
        .await;
    assert_eq!(
        text,
        json!(p.text),
        "{place}: the article text, all of it as text"
    );
    shows(app, place, ".byline", &p.outlet).await;
    shows(app, place, ".byline", &p.author).await;
    for needle in [&p.label, &p.speaker, &p.verdict, &p.unit] {
        shows(app, place, "[data-testid=annotation-list]", needle).await;
    }
    shows(app, place, "[aria-label='Show labels']", &p.label).await;
    nothing_injected(app, place).await;
    app.screenshot("security-workbench").await;
}

/// Open the attribute editor on the planted claim and check every field holds its text.
pub async fn editor(app: &mut App, p: &Planted) {
    let opened = app
        .script(
            "const row = [...document.querySelectorAll('[data-testid=annotation-row]')]
                .find((r) => r.textContent.includes(arguments[0]));
             if (row) row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
             return !!row;",
            vec![json!(p.speaker)],
        )
        .await;
    assert_eq!(opened, json!(true), "the planted claim is not in the panel");
    app.wait_for("[data-testid=attribute-editor]").await;
    let place = "the attribute editor";
    let fields = [
        ("[data-testid=attr-speaker]", p.speaker.clone()),
        ("[data-testid=attr-note]", p.note.clone()),
        ("[data-testid=attr-tags]", p.tags.join(", ")),
        ("[data-testid=attr-verdict]", p.verdict.clone()),
    ];
    for (css, value) in &fields {
        let shown = app
            .script(
                "return document.querySelector(arguments[0]).value",
                vec![json!(css)],
            )
            .await;
        assert_eq!(shown, json!(value), "{place}: {css}");
    }
    nothing_injected(app, place).await;
    app.screenshot("security-editor").await;
}

/// Replace the open editor's note with `note`, typed, and save.
pub async fn type_note(app: &mut App, note: &str) {
    let field = app.wait_for("[data-testid=attr-note]").await;
    field.clear().await.unwrap();
    field.send_keys(note).await.unwrap();
    app.wait_for("[data-testid=attr-save]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until("return document.querySelector('[data-testid=attribute-editor]') ? null : true")
        .await;
}

/// The review view for the article: analysts, columns, decision, comment, then the consensus.
pub async fn review(app: &mut App, p: &Planted, exact: &str) {
    ctrl(app, "4").await;
    let select = "[data-testid=review-article]";
    app.wait_for(select).await;
    let place = "the review view";
    shows(app, place, select, &p.title).await;
    app.script(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1];
         s.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![json!(select), json!(p.article_id)],
    )
    .await;
    for analyst in &p.analysts {
        shows(app, place, "[data-testid=review-view] .analysts", analyst).await;
    }
    let columns = "[data-testid=review-columns]";
    for needle in [exact, &p.label, &p.comment, &p.analysts[1]] {
        shows(app, place, columns, needle).await;
    }
    nothing_injected(app, place).await;
    app.screenshot("security-review").await;
    app.press("v").await;
    shows(app, place, "[data-testid=consensus]", exact).await;
    shows(app, place, "[data-testid=consensus]", &p.analysts[0]).await;
    nothing_injected(app, "the consensus").await;
}

/// The agreement table, over all articles and then article by article.
pub async fn agreement(app: &mut App, p: &Planted) {
    ctrl(app, "5").await;
    let table = "[data-testid=agreement-table]";
    app.wait_for(table).await;
    let place = "the agreement view";
    for needle in [&p.label, &p.analysts[0], &p.analysts[1]] {
        shows(app, place, table, needle).await;
    }
    app.wait_for("[data-testid=agreement-per-article]")
        .await
        .click()
        .await
        .unwrap();
    shows(app, place, table, &p.title).await;
    nothing_injected(app, place).await;
    app.screenshot("security-agreement").await;
}

/// The label manager lists the custom label's name in its field.
pub async fn label_manager(app: &mut App, p: &Planted) {
    app.wait_for("[data-testid=manage-labels]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=label-manager]").await;
    let names: Value = app
        .script(
            "return [...document.querySelectorAll('[data-testid=label-manager] input')].map((i) => i.value)",
            vec![],
        )
        .await;
    assert!(
        names
            .as_array()
            .is_some_and(|n| n.contains(&json!(p.label))),
        "the label manager: {names}"
    );
    nothing_injected(app, "the label manager").await;
    app.press_in("[data-testid=label-manager]", &Key::Escape.to_string())
        .await;
}
