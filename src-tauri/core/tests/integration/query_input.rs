//! What an analyst types into the search box or a filter reaches SQL as data only: control
//! characters in a search are separators (or a clear refusal when nothing else is left), never a
//! raw database error, and a filter value matches itself, never as a `LIKE` pattern (issue 16).

use claimdesk_core::db::queries::annotation_table::{AnnotationQuery, AnnotationSort};
use claimdesk_core::db::queries::library::{LibraryQuery, LibrarySort};
use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::{ArticleMeta, PastedArticle};
use claimdesk_core::{Error, Store};
use proptest::prelude::*;

use crate::support::*;

/// Articles whose titles are their languages, two of them written as `LIKE` wildcards.
const LANGUAGES: [&str; 7] = ["en", "en-GB", "EN-us", "es", "e%", "e_", "e\\"];

fn store_of_languages() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let me = analyst(&mut store);
    for language in LANGUAGES {
        let article = store
            .create_pasted_article(PastedArticle {
                text: format!("RT spent ads money in {language}.\nSecond line."),
                meta: ArticleMeta {
                    title: language.into(),
                    outlet: Some("Outlet".into()),
                    language: Some(language.into()),
                    ..ArticleMeta::default()
                },
            })
            .unwrap();
        let mut tagged = span_of(&article, CLAIM, "RT spent");
        tagged.attributes.tags = vec!["ads".into()];
        store.create_annotation(&me, tagged).unwrap();
    }
    (dir, store)
}

fn library_titles(store: &Store, filters: Filters) -> Vec<String> {
    let page = store
        .list_library(&LibraryQuery {
            filters,
            sort: LibrarySort::Title,
            descending: false,
            offset: 0,
            limit: 100,
        })
        .unwrap();
    let mut titles: Vec<String> = page.rows.into_iter().map(|r| r.meta.title).collect();
    titles.sort();
    titles
}

fn in_language(language: &str) -> Filters {
    Filters {
        languages: vec![language.into()],
        ..Filters::default()
    }
}

#[test]
fn a_language_filter_with_like_wildcards_matches_only_that_literal_language() {
    let (_dir, store) = store_of_languages();
    assert_eq!(library_titles(&store, in_language("e%")), ["e%"]);
    assert_eq!(library_titles(&store, in_language("e_")), ["e_"]);
    assert_eq!(library_titles(&store, in_language("e\\")), ["e\\"]);
    assert!(library_titles(&store, in_language("%")).is_empty());
    assert!(library_titles(&store, in_language("_n")).is_empty());
}

#[test]
fn a_language_filter_still_matches_the_language_and_its_regional_forms() {
    let (_dir, store) = store_of_languages();
    assert_eq!(
        library_titles(&store, in_language("en")),
        ["EN-us", "en", "en-GB"]
    );
    assert_eq!(library_titles(&store, in_language(" EN-gb ")), ["en-GB"]);
    let found = store.search("ads", &in_language("e%"), 10).unwrap();
    assert_eq!(titles(&found), ["e%"]);
    assert_eq!(found.annotations.len(), 1);
    let table = store
        .list_annotation_table(&AnnotationQuery {
            filters: in_language("e_"),
            sort: AnnotationSort::Created,
            descending: false,
            offset: 0,
            limit: 100,
        })
        .unwrap();
    assert_eq!(table.total, 1);
}

#[test]
fn control_characters_in_a_search_separate_words_like_a_space() {
    let (_dir, store) = store_of_languages();
    let any = Filters::default();
    for separator in ['\0', '\u{1}', '\t', '\n', '\u{7f}', '\u{1b}', '\u{9b}'] {
        let typed = format!("spent{separator}money{separator}es");
        let found = store.search(&typed, &any, 10);
        let found = found.unwrap_or_else(|e| panic!("{typed:?} was refused: {e}"));
        assert_eq!(titles(&found), ["es"], "{typed:?}");
    }
    let nul_inside_a_word = store.search("spe\0nt", &any, 10).unwrap();
    assert!(titles(&nul_inside_a_word).is_empty(), "\"spe\" and \"nt\"*");
}

#[test]
fn a_search_of_only_control_characters_is_refused_with_what_to_do() {
    let (_dir, store) = store_of_languages();
    for typed in ["\0", "\0\u{1}\u{7f}", " \u{1b}\t\n "] {
        let err = store.search(typed, &Filters::default(), 10).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{typed:?}: {err:?}");
        let message = err.to_string();
        assert!(
            message.contains("control characters") && message.contains("type a word"),
            "{message}"
        );
    }
    let err = store.search(" \t\n", &Filters::default(), 10).unwrap_err();
    assert_eq!(err.to_string(), "type a word to search for");
}

#[test]
fn control_characters_in_filter_values_match_nothing_and_fail_nothing() {
    let (_dir, store) = store_of_languages();
    let hostile = "e\0%\u{1}_\u{7f}\n";
    let filters = Filters {
        outlets: vec![hostile.into()],
        languages: vec![hostile.into()],
        tags: vec![hostile.into()],
        currency: Some(hostile.into()),
        published_from: Some(hostile.into()),
        ..Filters::default()
    };
    assert!(library_titles(&store, filters.clone()).is_empty());
    assert!(titles(&store.search("ads", &filters, 10).unwrap()).is_empty());
    let table = store
        .list_annotation_table(&AnnotationQuery {
            filters,
            sort: AnnotationSort::Article,
            descending: true,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(table.total, 0);
}

/// Typed text mixing words, controls and FTS5's own syntax characters.
fn typed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>(),
        prop::char::range('\0', '\u{1f}'),
        prop::sample::select(vec![
            '"', '*', '^', '(', ')', ':', '-', '+', '\u{7f}', '\u{85}'
        ]),
        prop::sample::select(vec!['a', 'R', 'T', 'é', ' ']),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|chars| chars.into_iter().collect())
}

/// Whatever is typed, a search answers or says what to type; SQLite never sees a query it
/// cannot read.
#[test]
fn any_typed_search_is_answered_or_refused_with_a_message() {
    let (_dir, mut store) = temp_store();
    paste(&mut store, "RT spent ads money, « rien payé », 👋 done.");
    proptest!(ProptestConfig::with_cases(512), |(typed in typed_text())| {
        match store.search(&typed, &Filters::default(), 5) {
            Ok(_) | Err(Error::InvalidInput(_)) => {}
            Err(other) => prop_assert!(false, "{:?} gave {:?}", typed, other),
        }
    });
}
