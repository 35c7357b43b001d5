//! Search, filters, the library and the annotation table over a small multilingual corpus.

use claimdesk_core::db::queries::annotation_table::{AnnotationQuery, AnnotationSort};
use claimdesk_core::db::queries::library::{LibraryQuery, LibrarySort};
use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::{AnnotationPatch, ArticleMeta, Attributes, Figure, PastedArticle};
use claimdesk_core::Store;

use crate::support::*;

fn article(
    store: &mut Store,
    title: &str,
    outlet: &str,
    lang: &str,
    date: &str,
    text: &str,
) -> claimdesk_core::model::Article {
    store
        .create_pasted_article(PastedArticle {
            text: text.into(),
            meta: ArticleMeta {
                title: title.into(),
                outlet: Some(outlet.into()),
                language: Some(lang.into()),
                published: Some(date.into()),
                ..ArticleMeta::default()
            },
        })
        .unwrap()
}

/// Three articles in French, Russian and Arabic, with a few annotations.
fn corpus() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let fr = article(
        &mut store,
        "Dépenses de RT",
        "Le Monde",
        "fr",
        "2024-03-01",
        "RT a dépensé 274 000 dollars en tweets sponsorisés.",
    );
    let ru = article(
        &mut store,
        "Заявление",
        "ТАСС",
        "ru",
        "2024-05-10",
        "Представитель заявил: «это ложь», сообщает агентство.",
    );
    article(
        &mut store,
        "بيان",
        "الجزيرة",
        "ar",
        "2023-12-31",
        "قال المتحدث إن الخبر كاذب تماما.",
    );
    let mut figure = span_of(&fr, FIGURE, "274 000 dollars");
    figure.attributes = Attributes {
        figure: Some(Figure {
            value: 274_000.into(),
            currency: Some("USD".into()),
            unit: None,
            qualifier: None,
        }),
        tags: vec!["ads".into()],
        ..Attributes::default()
    };
    store.create_annotation(&me, figure).unwrap();
    let mut quote = span_of(&ru, QUOTE, "«это ложь»");
    quote.attributes.speaker = Some("Представитель".into());
    store.create_annotation(&me, quote).unwrap();
    (dir, store)
}

#[test]
fn search_ignores_case_and_latin_diacritics_and_reads_cyrillic_and_arabic() {
    let (_dir, store) = corpus();
    let any = Filters::default();
    assert_eq!(
        titles(&store.search("DEPENSE", &any, 10).unwrap()),
        ["Dépenses de RT"]
    );
    assert_eq!(
        titles(&store.search("ложь", &any, 10).unwrap()),
        ["Заявление"]
    );
    assert_eq!(titles(&store.search("كاذب", &any, 10).unwrap()), ["بيان"]);
    let hit = &store.search("sponsorises", &any, 10).unwrap().articles[0];
    let (start, end) = hit.span.unwrap();
    let text = store.get_article(&hit.article_id).unwrap().text;
    assert_eq!(cp_slice(&text, start, end), "sponsorisés");
    assert!(hit.snippet.contains('\u{E000}') && hit.snippet.contains('\u{E001}'));
}

#[test]
fn annotations_are_found_by_speaker_tag_and_quote_and_the_index_follows_edits_and_deletes() {
    let (_dir, mut store) = corpus();
    let any = Filters::default();
    let by_speaker = store.search("представитель", &any, 10).unwrap().annotations;
    assert_eq!(by_speaker.len(), 1);
    let id = by_speaker[0].annotation_id.clone();
    assert_eq!(store.search("ads", &any, 10).unwrap().annotations.len(), 1);

    let me = analyst(&mut store);
    let patch = AnnotationPatch {
        attributes: Some(Attributes {
            note: "verified with the archive".into(),
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    store.update_annotation(&me, &id, patch).unwrap();
    assert!(store
        .search("представитель", &any, 10)
        .unwrap()
        .annotations
        .is_empty());
    assert_eq!(
        store.search("archive", &any, 10).unwrap().annotations.len(),
        1
    );
    store.delete_annotation(&me, &id).unwrap();
    assert!(store
        .search("archive", &any, 10)
        .unwrap()
        .annotations
        .is_empty());
    store
        .undo(&me, &store.get_annotation(&id).unwrap().article_id)
        .unwrap();
    assert_eq!(
        store.search("archive", &any, 10).unwrap().annotations.len(),
        1
    );
    assert!(store.search_index_is_consistent().unwrap());
}

#[test]
fn filters_narrow_search_library_and_table_alike() {
    let (_dir, store) = corpus();
    let usd = Filters {
        currency: Some("usd".into()),
        ..Filters::default()
    };
    let page = store
        .list_library(&LibraryQuery {
            filters: usd.clone(),
            sort: LibrarySort::Title,
            descending: false,
            offset: 0,
            limit: 50,
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].meta.title, "Dépenses de RT");
    assert_eq!(page.rows[0].label_counts[0].count, 1);
    assert_eq!(page.rows[0].pending, 1);

    let dated = Filters {
        published_from: Some("2024-01-01".into()),
        languages: vec!["RU".into(), "fr".into()],
        ..Filters::default()
    };
    let page = store
        .list_library(&LibraryQuery {
            filters: dated,
            sort: LibrarySort::Published,
            descending: true,
            offset: 0,
            limit: 50,
        })
        .unwrap();
    let listed: Vec<&str> = page.rows.iter().map(|r| r.meta.title.as_str()).collect();
    assert_eq!(listed, ["Заявление", "Dépenses de RT"]);

    let quotes = Filters {
        labels: vec![QUOTE.into()],
        ..Filters::default()
    };
    let table = store
        .list_annotation_table(&AnnotationQuery {
            filters: quotes.clone(),
            sort: AnnotationSort::Created,
            descending: false,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(table.total, 1);
    assert_eq!(table.rows[0].speaker.as_deref(), Some("Представитель"));
    assert_eq!(table.rows[0].annotator_name, "Ana");
    assert!(store
        .search("dollars", &quotes, 10)
        .unwrap()
        .articles
        .is_empty());
}

#[test]
fn the_annotation_table_pages_through_every_row_once() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let text = "word ".repeat(300);
    let a = paste(&mut store, &text);
    for i in 0..120 {
        let mut new = span_of(&a, CLAIM, "word");
        new.start = i * 5;
        new.end = i * 5 + 4;
        store.create_annotation(&me, new).unwrap();
    }
    let mut seen = Vec::new();
    for page in 0..3 {
        let q = AnnotationQuery {
            filters: Filters::default(),
            sort: AnnotationSort::Article,
            descending: false,
            offset: page * 50,
            limit: 50,
        };
        let rows = store.list_annotation_table(&q).unwrap();
        assert_eq!(rows.total, 120);
        seen.extend(rows.rows.into_iter().map(|r| r.id));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 120);
}

#[test]
fn a_damaged_search_index_is_detected_and_rebuilt() {
    let (dir, store) = corpus();
    drop(store);
    let path = dir.path().join("test.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("DELETE FROM annotations_fts", []).unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    assert!(!store.search_index_is_consistent().unwrap());
    assert!(store
        .search("ads", &Filters::default(), 10)
        .unwrap()
        .annotations
        .is_empty());
    store.rebuild_search_index().unwrap();
    assert!(store.search_index_is_consistent().unwrap());
    assert_eq!(
        store
            .search("ads", &Filters::default(), 10)
            .unwrap()
            .annotations
            .len(),
        1
    );
}

#[test]
fn a_version_1_file_is_upgraded_and_its_articles_become_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../../migrations/0001_init.sql"))
            .unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, title, captured_at, source_kind, original_bytes, text, text_sha256, char_count)
             VALUES ('a1', 'Old article', '2026-01-01T00:00:00.000Z', 'paste', x'', 'Ancient café story',
                     '0000000000000000000000000000000000000000000000000000000000000000', 18);
             PRAGMA user_version = 1; PRAGMA application_id = 1131168875;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        titles(&store.search("cafe", &Filters::default(), 10).unwrap()),
        ["Old article"]
    );
}

#[test]
fn an_outlet_written_in_cyrillic_filters_the_library() {
    let (_dir, store) = corpus();
    let tass = Filters {
        outlets: vec!["ТАСС".into()],
        ..Filters::default()
    };
    let page = store
        .list_library(&LibraryQuery {
            filters: tass,
            sort: LibrarySort::Title,
            descending: false,
            offset: 0,
            limit: 10,
        })
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].meta.title, "Заявление");
}
