//! Suggestions as the store offers them to one analyst: dismissed ones and those already tagged
//! stay away (across a reopened file), undoing an accepted one brings it back, and the helpers
//! that prefill a tag made by hand read the article's own text and language.

use claimdesk_core::analysis::figure_parser::ReadingReason;
use claimdesk_core::analysis::suggestions::ArticleSuggestions;
use claimdesk_core::db::queries::dismissed_suggestions::{NewDismissal, SuggestionKind};
use claimdesk_core::model::ids::{AnnotatorId, ArticleId};
use claimdesk_core::model::{Article, ArticleMeta, PastedArticle};
use claimdesk_core::{Error, Store};

use crate::support::*;

const TEXT: &str = "Le réseau a acheté plus de 600 faux comptes pour 274 000 dollars. \
    « Nous n’avons jamais payé personne », a déclaré Peskov.";

fn paste_in(store: &mut Store, text: &str, language: &str) -> Article {
    store
        .create_pasted_article(PastedArticle {
            text: text.to_owned(),
            meta: ArticleMeta {
                title: "Test".into(),
                language: Some(language.into()),
                ..ArticleMeta::default()
            },
        })
        .unwrap()
}

fn offered(store: &Store, article: &ArticleId, actor: &AnnotatorId) -> ArticleSuggestions {
    store.list_suggestions(article, actor).unwrap()
}

fn figure_texts(found: &ArticleSuggestions) -> Vec<&str> {
    found.figures.iter().map(|f| f.text.as_str()).collect()
}

fn dismissal(article: &Article, kind: SuggestionKind, needle: &str) -> NewDismissal {
    let start = cp_offset(&article.text, needle);
    NewDismissal {
        article_id: article.id.clone(),
        kind,
        start,
        end: start + needle.chars().count() as i64,
    }
}

#[test]
fn suggestions_leave_out_what_the_analyst_dismissed_or_anyone_tagged() {
    let (_dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let bob = store.ensure_annotator("Bob").unwrap().id;
    let article = paste_in(&mut store, TEXT, "fr");
    let all = offered(&store, &article.id, &ana);
    assert_eq!(
        figure_texts(&all),
        ["plus de 600 faux comptes", "274 000 dollars"]
    );
    assert_eq!(all.quotes.len(), 1);

    store
        .create_annotation(&bob, span_of(&article, FIGURE, "600 faux comptes"))
        .unwrap();
    let dismissed = store
        .dismiss_suggestion(
            &ana,
            dismissal(&article, SuggestionKind::Figure, "274 000 dollars"),
        )
        .unwrap();
    assert_eq!(dismissed.exact, "274 000 dollars");

    let for_ana = offered(&store, &article.id, &ana);
    assert!(for_ana.figures.is_empty(), "{:?}", figure_texts(&for_ana));
    assert_eq!(for_ana.quotes.len(), 1, "the quote is still offered");
    let for_bob = offered(&store, &article.id, &bob);
    assert_eq!(
        figure_texts(&for_bob),
        ["274 000 dollars"],
        "a dismissal is the analyst's own"
    );
}

#[test]
fn a_dismissal_outlives_the_open_file_and_counts_once() {
    let (dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_in(&mut store, TEXT, "fr");
    let quote = dismissal(
        &article,
        SuggestionKind::Quote,
        "Nous n’avons jamais payé personne",
    );
    store.dismiss_suggestion(&ana, quote.clone()).unwrap();
    store.dismiss_suggestion(&ana, quote).unwrap();
    drop(store);

    let store = Store::open(&dir.path().join("test.sqlite")).unwrap();
    assert!(offered(&store, &article.id, &ana).quotes.is_empty());
    let listed = store.list_dismissed_suggestions(&article.id, &ana).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, SuggestionKind::Quote);
}

#[test]
fn a_dismissal_stops_applying_when_the_words_there_change() {
    let (dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_in(&mut store, TEXT, "fr");
    store
        .dismiss_suggestion(
            &ana,
            dismissal(&article, SuggestionKind::Figure, "274 000 dollars"),
        )
        .unwrap();
    drop(store);
    // Another version of the article, with another amount at the same place.
    let conn = rusqlite::Connection::open(dir.path().join("test.sqlite")).unwrap();
    conn.execute(
        "UPDATE articles SET text = replace(text, '274 000 dollars', '975 000 dollars')",
        [],
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&dir.path().join("test.sqlite")).unwrap();
    let found = offered(&store, &article.id, &ana);
    assert_eq!(
        figure_texts(&found),
        ["plus de 600 faux comptes", "975 000 dollars"]
    );
}

#[test]
fn undoing_an_accepted_suggestion_offers_it_again() {
    let (_dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_in(&mut store, TEXT, "fr");
    let quote = &offered(&store, &article.id, &ana).quotes[0].quote;
    let mut accepted = span_of(&article, QUOTE, &quote.text);
    accepted.attributes.speaker = Some("Peskov".into());
    store.create_annotation(&ana, accepted).unwrap();
    assert!(offered(&store, &article.id, &ana).quotes.is_empty());
    store.undo(&ana, &article.id).unwrap();
    assert_eq!(offered(&store, &article.id, &ana).quotes.len(), 1);
}

#[test]
fn a_dismissal_outside_the_article_is_refused() {
    let (_dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_in(&mut store, TEXT, "fr");
    let beyond = NewDismissal {
        article_id: article.id.clone(),
        kind: SuggestionKind::Figure,
        start: 10,
        end: 10_000,
    };
    let err = store.dismiss_suggestion(&ana, beyond).unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    let stranger = AnnotatorId::from("00000000-0000-7000-8000-0000000000ff");
    let err = store
        .dismiss_suggestion(
            &stranger,
            dismissal(&article, SuggestionKind::Figure, "274 000 dollars"),
        )
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[test]
fn a_selected_figure_is_read_by_the_articles_language_with_the_other_reading() {
    let (_dir, mut store) = temp_store();
    let german = paste_in(&mut store, "Die Agentur kaufte 1.823 Konten.", "de");
    let english = paste_in(&mut store, "The agency paid 1.823 million dollars.", "en");
    let span = |a: &Article, needle: &str| {
        let start = cp_offset(&a.text, needle);
        (start, start + needle.chars().count() as i64)
    };
    let (s, e) = span(&german, "1.823");
    let read = store.prefill_figure(&german.id, s, e).unwrap().unwrap();
    assert_eq!(read.figure.value.to_string(), "1823");
    assert_eq!(read.figure.unit.as_deref(), Some("accounts"));
    assert_eq!(read.alternatives[0].figure.value.to_string(), "1.823");
    assert_eq!(read.alternatives[0].reason, ReadingReason::DecimalMark);

    let (s, e) = span(&english, "1.823 million dollars");
    let read = store.prefill_figure(&english.id, s, e).unwrap().unwrap();
    assert_eq!(read.figure.value.to_string(), "1823000");
    assert_eq!(read.figure.currency.as_deref(), Some("USD"));
    let (s, e) = span(&english, "agency");
    assert_eq!(store.prefill_figure(&english.id, s, e).unwrap(), None);
}

#[test]
fn a_selection_inside_a_quote_extends_to_it_and_gets_its_speaker() {
    let (_dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_in(&mut store, TEXT, "fr");
    let inner = "Nous n’avons jamais payé personne";
    let s = cp_offset(&article.text, "jamais");
    let extended = store
        .extend_to_quote_in_article(&article.id, s, s + 6)
        .unwrap()
        .unwrap();
    assert_eq!(cp_slice(&article.text, extended.0, extended.1), inner);

    // Tagged once under its full name, the speaker is prefilled with that spelling.
    let mut earlier = span_of(&article, QUOTE, "600 faux comptes");
    earlier.attributes.speaker = Some("Dmitri Peskov".into());
    store.create_annotation(&ana, earlier).unwrap();
    let prefill = store
        .suggest_speaker(&article.id, extended.0, extended.1)
        .unwrap();
    assert_eq!(prefill.speaker.as_deref(), Some("Dmitri Peskov"));
    assert_eq!(prefill.known_speakers[0].name, "Dmitri Peskov");

    let outside = cp_offset(&article.text, "réseau");
    assert_eq!(
        store
            .extend_to_quote_in_article(&article.id, outside, outside + 6)
            .unwrap(),
        None
    );
}

#[test]
fn a_quote_deep_in_a_long_article_is_found_from_a_word_in_it() {
    let (_dir, mut store) = temp_store();
    let filler = "Paragraphe de remplissage sans intérêt particulier.\n\n".repeat(400);
    let text = format!("{filler}{TEXT}\n\n{filler}");
    let article = paste_in(&mut store, &text, "fr");
    let s = cp_offset(&article.text, "jamais");
    let (start, end) = store
        .extend_to_quote_in_article(&article.id, s, s + 6)
        .unwrap()
        .unwrap();
    let quote = cp_slice(&article.text, start, end);
    assert_eq!(quote, "Nous n’avons jamais payé personne");
    let prefill = store.suggest_speaker(&article.id, start, end).unwrap();
    assert_eq!(prefill.speaker.as_deref(), Some("Peskov"));
}
