//! Annotations whose text changed under them are found again or listed as orphans, never dropped.

use claimdesk_core::text::anchoring::{Placement, MIN_CONFIDENCE};
use claimdesk_core::Store;

use crate::support::*;

const V1: &str = "Intro line.\n\nThe broadcaster spent 274,000 dollars on promoted posts before the vote, the archive shows.\n\nA spokesperson said «none of it was political» on Tuesday evening in the capital.\n";

/// Replace an article's text behind the store's back, as a teammate's edited copy would.
fn rewrite_text(path: &std::path::Path, text: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute("UPDATE articles SET text = ?1", [text])
        .unwrap();
}

fn tag(store: &mut Store, article: &claimdesk_core::model::Article, needle: &str) {
    let me = analyst(store);
    store
        .create_annotation(&me, span_of(article, CLAIM, needle))
        .unwrap();
}

fn placements(dir: &tempfile::TempDir, text: &str) -> Vec<(String, Placement)> {
    let path = dir.path().join("test.sqlite");
    rewrite_text(&path, text);
    let store = Store::open(&path).unwrap();
    let article = store.list_articles().unwrap().remove(0);
    let loaded = store.list_article_annotations(&article.id).unwrap();
    loaded
        .annotations
        .iter()
        .map(|a| {
            let placement = loaded
                .displaced
                .iter()
                .find(|d| d.id == a.id)
                .map(|d| d.placement.clone())
                .unwrap_or(Placement::Exact);
            (a.exact.clone(), placement)
        })
        .collect()
}

#[test]
fn unchanged_text_places_every_annotation_exactly() {
    let (dir, mut store) = temp_store();
    let article = paste(&mut store, V1);
    tag(&mut store, &article, "274,000 dollars");
    drop(store);
    let placed = placements(&dir, V1);
    assert_eq!(placed, [("274,000 dollars".to_owned(), Placement::Exact)]);
}

#[test]
fn text_inserted_before_moves_the_span_with_high_confidence() {
    let (dir, mut store) = temp_store();
    let article = paste(&mut store, V1);
    tag(&mut store, &article, "274,000 dollars");
    drop(store);
    let v2 = V1.replace(
        "Intro line.",
        "Intro line, now with a correction 🧾 added at the top.",
    );
    let placed = placements(&dir, &v2);
    let Placement::Moved {
        start,
        end,
        confidence,
    } = placed[0].1
    else {
        panic!("expected a move, got {:?}", placed[0].1);
    };
    assert_eq!(cp_slice(&v2, start, end), "274,000 dollars");
    assert!(confidence > 0.9, "{confidence}");
}

#[test]
fn an_edited_quote_is_found_by_its_context() {
    let (dir, mut store) = temp_store();
    let article = paste(&mut store, V1);
    tag(&mut store, &article, "«none of it was political»");
    drop(store);
    let v2 = format!(
        "Extra paragraph.\n\n{}",
        V1.replace(
            "none of it was political",
            "none of it was really political"
        )
    );
    let placed = placements(&dir, &v2);
    let Placement::Moved {
        start,
        end,
        confidence,
    } = placed[0].1
    else {
        panic!("expected a move, got {:?}", placed[0].1);
    };
    assert_eq!(
        cp_slice(&v2, start, end),
        "«none of it was really political»"
    );
    assert!(confidence >= MIN_CONFIDENCE, "{confidence}");
}

#[test]
fn a_removed_passage_leaves_an_orphan_that_is_still_listed() {
    let (dir, mut store) = temp_store();
    let article = paste(&mut store, V1);
    tag(&mut store, &article, "274,000 dollars on promoted posts");
    drop(store);
    let v2 = "Intro line.\n\nA completely different story about the weather in the mountains.\n";
    let placed = placements(&dir, v2);
    assert_eq!(
        placed,
        [(
            "274,000 dollars on promoted posts".to_owned(),
            Placement::Orphan
        )]
    );
}
