//! Suggestions and prefilled attributes in the real window: suggestions shown with s, one
//! accepted by key (an annotation by the analyst with its figure filled in), one dismissed; after
//! a restart the dismissed one stays away and the rest are still offered. Tagging by hand with f
//! fills the figure in and the editor switches to the other reading of "1.823"; e extends a
//! selection to its quote and q tags it with the speaker its attribution names.

use std::time::Duration;

use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::Store;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

use crate::harness::{launch, query_db, App, TestHome};

const FRENCH: &str = "Usine à trolls\n\nLe réseau a acheté plus de 600 faux comptes pour 274 000 dollars.\n\n« Nous n’avons jamais payé personne », a déclaré Peskov.\n";
const GERMAN: &str = "Werbeagentur\n\nDie Agentur kaufte 1.823 Konten und zahlte 2,5 Millionen Euro.\n\n„Wir haben nichts bezahlt“, sagte Miriam Hofmann.\n";

fn seed(home: &TestHome, text: &str, language: &str) {
    let mut store = Store::open(&home.db).unwrap();
    store.ensure_annotator("Ana Lytic").unwrap();
    store
        .create_pasted_article(PastedArticle {
            text: text.into(),
            meta: ArticleMeta {
                title: text.lines().next().unwrap().into(),
                language: Some(language.into()),
                ..ArticleMeta::default()
            },
        })
        .unwrap();
}

async fn count(app: &App, css: &str) -> usize {
    app.client.find_all(Locator::Css(css)).await.unwrap().len()
}

async fn wait_count(app: &App, css: &str, expected: usize) {
    for _ in 0..200 {
        if count(app, css).await == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.screenshot("failed-wait").await;
    panic!(
        "expected {expected} of {css}, saw {}",
        count(app, css).await
    );
}

/// Ranges painted in the suggestion style (all, current included).
async fn painted_suggestions(app: &App) -> i64 {
    let size = "return ['cd-suggested', 'cd-suggested-current']
                  .reduce((n, k) => n + (CSS.highlights.get(k)?.size ?? 0), 0)";
    app.script(size, vec![]).await.as_i64().unwrap()
}

/// The text of the current suggestion's `part` (read from the DOM: WebKitWebDriver gives no
/// text for elements inside a button).
async fn current_suggestion(app: &mut App, part: &str) -> String {
    app.wait_for("[data-testid=suggestion-row].current").await;
    let text = "return document.querySelector('[data-testid=suggestion-row].current ' + arguments[0]).textContent";
    let found = app.script(text, vec![json!(part)]).await;
    found.as_str().unwrap().to_owned()
}

/// Open the only article and show its suggestions.
async fn show_suggestions(app: &mut App, expected: usize) {
    app.open_first_article().await;
    app.press("s").await;
    app.wait_for("[data-testid=suggestion-mode]").await;
    wait_count(app, "[data-testid=suggestion-row]", expected).await;
}

#[tokio::test]
async fn suggestions_accepted_by_key_and_dismissed_stay_so_after_a_restart() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home, FRENCH, "fr");
    let mut app = launch(&home, &home.db).await;
    show_suggestions(&mut app, 3).await;
    assert_eq!(painted_suggestions(&app).await, 3);
    assert_eq!(
        current_suggestion(&mut app, ".words").await,
        "plus de 600 faux comptes"
    );
    let detail = current_suggestion(&mut app, "[data-testid=suggestion-detail]").await;
    assert_eq!(detail, "more than 600 fake accounts");
    assert_eq!(count(&app, "[data-testid=annotation-row]").await, 0);
    app.screenshot("suggestions-shown").await;

    // Enter accepts the current one; x dismisses the next.
    app.press(&Key::Enter.to_string()).await;
    wait_count(&app, "[data-testid=annotation-row][data-label=figure]", 1).await;
    wait_count(&app, "[data-testid=suggestion-row]", 2).await;
    assert_eq!(
        current_suggestion(&mut app, ".words").await,
        "274 000 dollars"
    );
    app.press("x").await;
    wait_count(&app, "[data-testid=suggestion-row]", 1).await;
    assert_eq!(painted_suggestions(&app).await, 1);
    app.screenshot("suggestions-after-accept-and-dismiss").await;
    app.close().await;

    let figure: String = query_db(
        &home.db,
        "SELECT a.exact || ' | ' || a.figure_value || ' | ' || a.unit || ' | ' || a.qualifier || ' | ' || n.name
         FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE a.deleted_at IS NULL",
    );
    assert_eq!(
        figure,
        "plus de 600 faux comptes | 600 | fake accounts | more than | Ana Lytic"
    );
    let dismissed: String = query_db(
        &home.db,
        "SELECT kind || ' ' || exact FROM dismissed_suggestions",
    );
    assert_eq!(dismissed, "figure 274 000 dollars");

    // After a restart: the accepted one is an annotation, the dismissed one stays away, the
    // quote is still offered; a accepts it with its speaker.
    let mut app = launch(&home, &home.db).await;
    show_suggestions(&mut app, 1).await;
    wait_count(&app, "[data-testid=annotation-row]", 1).await;
    let kinds = app
        .script(
            "return [...document.querySelectorAll('[data-testid=suggestion-row]')].map((r) => r.dataset.kind)",
            vec![],
        )
        .await;
    assert_eq!(kinds, json!(["quote"]));
    assert_eq!(painted_suggestions(&app).await, 1);
    app.press("a").await;
    wait_count(&app, "[data-testid=annotation-row]", 2).await;
    app.wait_for("[data-testid=suggestions-none]").await;
    app.close().await;
    let speaker: String = query_db(
        &home.db,
        "SELECT exact || ' | ' || speaker FROM annotations WHERE speaker IS NOT NULL",
    );
    assert_eq!(speaker, "Nous n’avons jamais payé personne | Peskov");
}

#[tokio::test]
async fn a_figure_tagged_by_hand_is_filled_in_and_a_quote_is_found_around_a_word() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home, GERMAN, "de");
    let mut app = launch(&home, &home.db).await;
    app.open_first_article().await;

    // f on "1.823 Konten": read the German way, 1823 accounts; the editor offers 1.823.
    app.select_text("1.823 Konten").await;
    app.press("f").await;
    wait_count(&app, "[data-testid=annotation-row][data-label=figure]", 1).await;
    let stored: String = query_db(
        &home.db,
        "SELECT figure_value || ' ' || unit FROM annotations",
    );
    assert_eq!(stored, "1823 accounts");
    app.press(&Key::Enter.to_string()).await;
    app.wait_for("[data-testid=figure-reading]").await;
    let value = app.wait_for("[data-testid=attr-value]").await;
    assert_eq!(value.prop("value").await.unwrap().as_deref(), Some("1823"));
    app.screenshot("attribute-editor-figure-prefilled").await;
    app.press_in("[data-testid=attr-value]", &format!("{}r", Key::Alt))
        .await;
    let switched = "const v = document.querySelector('[data-testid=attr-value]').value;
                    return v === '1.823' ? v : null;";
    app.wait_until(switched).await;
    app.press_in("[data-testid=attr-value]", &Key::Enter.to_string())
        .await;
    app.wait_for("[data-testid=annotation-row].selected").await;
    let stored: String = query_db(&home.db, "SELECT figure_value FROM annotations");
    assert_eq!(stored, "1.823");

    // e widens "nichts" to the words between „ and “; q tags them with the attributed speaker.
    app.select_text("nichts").await;
    app.press("e").await;
    let extended = "const s = getSelection().toString();
                    return s === 'Wir haben nichts bezahlt' ? s : null;";
    app.wait_until(extended).await;
    app.screenshot("quote-extended").await;
    app.press("q").await;
    wait_count(&app, "[data-testid=annotation-row]", 2).await;
    app.close().await;
    let quote: String = query_db(
        &home.db,
        "SELECT exact || ' | ' || speaker FROM annotations WHERE speaker IS NOT NULL",
    );
    assert_eq!(quote, "Wir haben nichts bezahlt | Miriam Hofmann");
}
