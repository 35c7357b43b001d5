//! The corpus in the real window: search from the library opens the article at the match; the
//! annotation table opens the span; filters narrow the library.

use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::Store;
use fantoccini::Locator;
use serde_json::json;

use crate::harness::{launch, TestHome};

fn seed(home: &TestHome) {
    let mut store = Store::open(&home.db).unwrap();
    let me = store.ensure_annotator("Ana Lytic").unwrap().id;
    // Long enough (31,000 characters) that the match is far below the part rendered at first.
    let filler = "Paragraphe de remplissage sans intérêt particulier.\n\n".repeat(600);
    for (title, outlet, text) in [
        (
            "Dépenses de RT",
            "Le Monde",
            format!("{filler}RT a dépensé 274 000 dollars en tweets sponsorisés.\n"),
        ),
        (
            "Заявление",
            "ТАСС",
            "Представитель заявил: «это ложь».\n".to_owned(),
        ),
    ] {
        let article = store
            .create_pasted_article(PastedArticle {
                text,
                meta: ArticleMeta {
                    title: title.into(),
                    outlet: Some(outlet.into()),
                    ..ArticleMeta::default()
                },
            })
            .unwrap();
        if title == "Заявление" {
            let new = claimdesk_core::model::NewAnnotation {
                article_id: article.id,
                label_id: "00000000-0000-7000-8000-000000000002".into(),
                start: 22,
                end: 32,
                attributes: Default::default(),
            };
            store.create_annotation(&me, new).unwrap();
        }
    }
}

async fn rows(app: &crate::harness::App, css: &str) -> usize {
    app.client.find_all(Locator::Css(css)).await.unwrap().len()
}

#[tokio::test]
async fn search_filters_and_the_annotation_table_open_the_right_place() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    seed(&home);
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    assert_eq!(rows(&app, "[data-testid=article-item]").await, 2);

    // Accents need not be typed; the hit opens the article scrolled to the words, flashed.
    app.press("/").await;
    app.press_in("[data-testid=search-box]", "sponsorises")
        .await;
    let hit = app.text_of("[data-testid=search-hit]").await;
    assert!(hit.contains("Dépenses de RT"), "{hit}");
    app.screenshot("search-results").await;
    app.wait_for("[data-testid=search-hit]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=workbench]").await;
    let shown = app
        .client
        .execute_async(
            "const done = arguments[0];
             setTimeout(() => { const h = CSS.highlights.get('cd-flash');
               done(h && h.size === 1 ? [...h][0].toString() : null); }, 100);",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(shown, json!("sponsorisés"));
    let visible = app
        .script(
            "const r = CSS.highlights.get('cd-flash'); const rect = [...r][0].getBoundingClientRect();
             const ok = rect.height > 0 && rect.top >= 50 && rect.bottom <= window.innerHeight;
             return ok || JSON.stringify([rect.top, rect.height, document.querySelector('.main').scrollTop, document.querySelector('.main').scrollHeight]);",
            vec![],
        )
        .await;
    assert_eq!(visible, json!(true), "the match is not scrolled into view");
    app.screenshot("search-opened").await;

    // The annotation table lists the quote; Enter on it opens the span selected.
    app.wait_for("[data-testid=tab-annotations]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=table-row] .quote").await;
    assert_eq!(rows(&app, "[data-testid=table-row]").await, 1);
    app.press_in("[data-testid=annotation-table]", "\u{E007}")
        .await;
    app.wait_for("[data-testid=workbench]").await;
    let selected = app.text_of("[data-testid=annotation-row].selected").await;
    assert!(selected.contains("quote"), "{selected}");

    // A filter narrows the library.
    app.wait_for("[data-testid=tab-library]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=filter-label]").await;
    app.script(
        "const sel = document.querySelector('[data-testid=filter-outlet]');
         sel.value = 'ТАСС'; sel.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    let listed = app
        .wait_until(
            "const rows = [...document.querySelectorAll('[data-testid=article-item] .title')];
             return rows.length === 1 && rows[0].textContent === 'Заявление' ? rows[0].textContent : null;",
        )
        .await;
    assert_eq!(listed, json!("Заявление"));
    app.screenshot("library-filtered").await;
    app.close().await;
}
