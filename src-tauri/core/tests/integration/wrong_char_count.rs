//! An article row whose stored `char_count` disagrees with its text (a crafted or damaged
//! teammate file) cannot make the suggestion helpers panic: spans are checked against the text
//! itself, and a merge counts the text again instead of copying the number (issue 16).

use std::ops::ControlFlow;
use std::path::PathBuf;

use claimdesk_core::db::queries::dismissed_suggestions::{NewDismissal, SuggestionKind};
use claimdesk_core::model::ids::ArticleId;
use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::team::merge::merge_files;
use claimdesk_core::team::merge::MergeProgress;
use claimdesk_core::{Error, Store};

use crate::support::*;

const TEXT: &str = "L’agence a payé 274 000 dollars.\n\
    « Nous n’avons jamais payé personne », a déclaré Peskov.";

fn paste_french(store: &mut Store) -> ArticleId {
    store
        .create_pasted_article(PastedArticle {
            text: TEXT.into(),
            meta: ArticleMeta {
                title: "Peskov".into(),
                language: Some("fr".into()),
                ..ArticleMeta::default()
            },
        })
        .unwrap()
        .id
}

/// Write `count` into the article's row with plain SQL, as a crafted file would carry it.
fn store_char_count(store: &Store, article: &ArticleId, count: i64) {
    let conn = rusqlite::Connection::open(store.path().unwrap()).unwrap();
    let changed = conn
        .execute(
            "UPDATE articles SET char_count = ?1 WHERE id = ?2",
            rusqlite::params![count, article.as_str()],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

fn is_invalid<T: std::fmt::Debug>(result: Result<T, Error>) -> bool {
    matches!(result, Err(Error::InvalidInput(ref m)) if m.contains("not inside the article"))
}

/// The quote around "jamais", its speaker and the figure, asked for on the article.
fn answers_inside(store: &Store, article: &ArticleId) {
    let s = cp_offset(TEXT, "jamais");
    let (start, end) = store
        .extend_to_quote_in_article(article, s, s + 6)
        .unwrap()
        .unwrap();
    assert_eq!(
        cp_slice(TEXT, start, end),
        "Nous n’avons jamais payé personne"
    );
    let speaker = store.suggest_speaker(article, start, end).unwrap().speaker;
    assert_eq!(speaker.as_deref(), Some("Peskov"));
    let f = cp_offset(TEXT, "274 000 dollars");
    let figure = store.prefill_figure(article, f, f + 15).unwrap().unwrap();
    assert_eq!(figure.figure.value.to_string(), "274000");
}

#[test]
fn a_stored_count_larger_than_the_text_gives_an_error_past_the_text_not_a_panic() {
    let (_dir, mut store) = temp_store();
    let ana = analyst(&mut store);
    let article = paste_french(&mut store);
    store_char_count(&store, &article, 100_000);
    let length = TEXT.chars().count() as i64;
    for (start, end) in [
        (length + 1, length + 5),
        (length - 2, 90_000),
        (50_000, 50_000),
    ] {
        assert!(is_invalid(
            store.extend_to_quote_in_article(&article, start, end)
        ));
        assert!(is_invalid(store.suggest_speaker(&article, start, end)));
        assert!(is_invalid(store.prefill_figure(&article, start, end)));
        let dismissal = NewDismissal {
            article_id: article.clone(),
            kind: SuggestionKind::Quote,
            start,
            end,
        };
        assert!(is_invalid(store.dismiss_suggestion(&ana, dismissal)));
    }
    answers_inside(&store, &article);
    let at_the_end = store.extend_to_quote_in_article(&article, length, length);
    assert!(at_the_end.is_ok(), "{at_the_end:?}");
}

#[test]
fn a_stored_count_smaller_than_the_text_does_not_hide_the_end_of_the_text() {
    let (_dir, mut store) = temp_store();
    let article = paste_french(&mut store);
    store_char_count(&store, &article, 3);
    answers_inside(&store, &article);
}

#[test]
fn a_merged_article_with_a_wrong_count_is_kept_with_the_count_of_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let theirs_path = dir.path().join("theirs.sqlite");
    let mut theirs = Store::open(&theirs_path).unwrap();
    let me = analyst(&mut theirs);
    let article = paste_french(&mut theirs);
    let pasted = theirs.get_article(&article).unwrap();
    theirs
        .create_annotation(&me, span_of(&pasted, QUOTE, "Nous n’avons jamais"))
        .unwrap();
    store_char_count(&theirs, &article, 100_000);
    drop(theirs);

    let mut team = Store::open(&dir.path().join("team.sqlite")).unwrap();
    let files: Vec<PathBuf> = vec![theirs_path];
    let summary = merge_files(&mut team, &files, &mut |_: &MergeProgress| {
        ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(summary.files[0].articles_added, 1);
    assert_eq!(summary.files[0].annotations_added, 1);
    let merged = team.get_article(&article).unwrap();
    assert_eq!(merged.char_count, TEXT.chars().count() as i64);
    assert_eq!(
        team.list_articles().unwrap()[0].char_count,
        merged.char_count
    );
    answers_inside(&team, &article);
}
