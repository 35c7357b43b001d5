//! Pasting an article in the real window: it is listed, survives a restart, and is stored byte
//! for byte as pasted.

use fantoccini::Locator;
use serde_json::json;

use crate::harness::{launch, query_db, TestHome};

/// Accents, emoji (astral and ZWJ), Cyrillic and right-to-left text in one paste.
const PASTED: &str = "Éditorial: «RT a dépensé 274 000 $» 💸\n\nLa famille 👨‍👩‍👧 a lu l'article. Café, naïve, façade.\n\nПредставитель заявил: «это ложь». مرحبا بالعالم 🇺🇦\n";

#[tokio::test]
async fn pasted_article_is_listed_survives_restart_and_is_stored_byte_for_byte() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=new-article]")
        .await
        .click()
        .await
        .unwrap();
    let text_area = app.wait_for("[data-testid=paste-text]").await;
    // A paste arrives as one input event carrying the whole text.
    app.script(
        "const el = arguments[0]; el.value = arguments[1];
         el.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text_area), json!(PASTED)],
    )
    .await;
    app.wait_for("[data-testid=paste-outlet]")
        .await
        .send_keys("Le Monde")
        .await
        .unwrap();
    app.screenshot("paste-form").await;
    app.wait_for("[data-testid=paste-save]")
        .await
        .click()
        .await
        .unwrap();

    let title = app.text_of("[data-testid=reader-title]").await;
    assert_eq!(title, "Éditorial: «RT a dépensé 274 000 $» 💸");
    let shown = app
        .script(
            "return document.querySelector('[data-testid=reader-text]').textContent",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(PASTED));
    app.wait_for("[data-testid=tab-library]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=article-item] .title").await;
    let items = app
        .client
        .find_all(Locator::Css("[data-testid=article-item]"))
        .await
        .unwrap();
    assert_eq!(items.len(), 1, "one article listed");
    app.screenshot("article-open").await;
    app.close().await;

    let stored: String = query_db(&home.db, "SELECT text FROM articles");
    assert_eq!(stored.as_bytes(), PASTED.as_bytes());
    let original: Vec<u8> = query_db(&home.db, "SELECT original_bytes FROM articles");
    assert_eq!(original, PASTED.as_bytes());

    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=article-item] .title").await;
    let listed = app
        .script(
            "return document.querySelector('[data-testid=article-item]').textContent",
            vec![],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        listed.contains("Éditorial: «RT a dépensé 274 000 $» 💸"),
        "{listed}"
    );
    assert!(listed.contains("Le Monde"), "{listed}");
    app.open_first_article().await;
    let shown = app
        .script(
            "return document.querySelector('[data-testid=reader-text]').textContent",
            vec![],
        )
        .await;
    assert_eq!(shown, json!(PASTED));
    app.close().await;
}

#[tokio::test]
async fn a_refused_paste_keeps_the_text_and_says_why() {
    let home = TestHome::new().with_analyst("Ana Lytic");
    let mut app = launch(&home, &home.db).await;
    app.wait_for("[data-testid=new-article]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("[data-testid=paste-text]")
        .await
        .send_keys("   ")
        .await
        .unwrap();
    app.wait_for("[data-testid=paste-title]")
        .await
        .send_keys("Only a title")
        .await
        .unwrap();
    app.wait_for("[data-testid=paste-save]")
        .await
        .click()
        .await
        .unwrap();
    let problem = app.text_of("[data-testid=paste-error]").await;
    assert!(problem.contains("no text"), "{problem}");
    let kept = app
        .script(
            "return document.querySelector('[data-testid=paste-title]').value",
            vec![],
        )
        .await;
    assert_eq!(kept, json!("Only a title"));
    app.close().await;
}

#[tokio::test]
async fn first_run_asks_the_analysts_name_then_offers_the_sample_article() {
    let home = TestHome::new();
    let mut app = launch(&home, &home.db).await;
    app.screenshot("first-run").await;
    app.wait_for("[data-testid=analyst-name]")
        .await
        .send_keys("Noor Haddad")
        .await
        .unwrap();
    app.wait_for("[data-testid=analyst-save]")
        .await
        .click()
        .await
        .unwrap();
    assert_eq!(app.text_of("[data-testid=analyst]").await, "Noor Haddad");
    app.screenshot("welcome").await;
    app.wait_for("[data-testid=try-sample]")
        .await
        .click()
        .await
        .unwrap();
    let title = app.text_of("[data-testid=reader-title]").await;
    assert!(title.contains("promoted posts"), "{title}");
    app.screenshot("sample-article").await;
    app.close().await;
    let name: String = query_db(&home.db, "SELECT name FROM annotators");
    assert_eq!(name, "Noor Haddad");
}
