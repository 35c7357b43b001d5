//! Search ranks its matches while they are few, and lists them newest first when a word is so
//! common that ranking them all would be slow (`RANKED_MATCHES_MAX` in the app).

use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::Store;

use crate::support::*;

/// Four articles that all mention "budget"; the first (oldest) says it most, in its title too.
fn budget_articles() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let me = analyst(&mut store);
    for (title, text) in [
        (
            "Budget, budget, budget",
            "The budget, the budget and again the budget.",
        ),
        (
            "Second",
            "A long text about roads, schools, parks and, once, the budget.",
        ),
        (
            "Third",
            "Taxes were discussed at length; the budget came up late.",
        ),
        ("Fourth", "Weather, sport and finally a word on the budget."),
    ] {
        let article = store
            .create_pasted_article(PastedArticle {
                text: text.into(),
                meta: ArticleMeta {
                    title: title.into(),
                    language: Some("en".into()),
                    ..ArticleMeta::default()
                },
            })
            .unwrap();
        store
            .create_annotation(&me, span_of(&article, CLAIM, "budget"))
            .unwrap();
    }
    (dir, store)
}

#[test]
fn few_matches_are_ranked_best_first() {
    let (_dir, store) = budget_articles();
    let found = store
        .search_ranking_at_most("budget", &Filters::default(), 10, 4)
        .unwrap();
    assert!(found.articles_ranked && found.annotations_ranked);
    assert_eq!(found.articles.len(), 4);
    assert_eq!(titles(&found)[0], "Budget, budget, budget");
    assert_eq!(found.annotations.len(), 4);
}

#[test]
fn more_matches_than_are_ranked_come_newest_first_and_still_filtered() {
    let (_dir, store) = budget_articles();
    let found = store
        .search_ranking_at_most("budget", &Filters::default(), 3, 3)
        .unwrap();
    assert!(!found.articles_ranked && !found.annotations_ranked);
    assert_eq!(titles(&found), ["Fourth", "Third", "Second"]);
    let newest_first: Vec<_> = found.annotations.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(newest_first, ["Fourth", "Third", "Second"]);

    let in_german = Filters {
        languages: vec!["de".into()],
        ..Filters::default()
    };
    let none = store
        .search_ranking_at_most("budget", &in_german, 3, 3)
        .unwrap();
    assert!(none.articles.is_empty() && none.annotations.is_empty());
    // A word in few articles is ranked even when another is not.
    let rare = store
        .search_ranking_at_most("roads", &Filters::default(), 3, 3)
        .unwrap();
    assert!(rare.articles_ranked);
    assert_eq!(titles(&rare), ["Second"]);
}
