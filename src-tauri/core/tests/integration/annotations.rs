use std::str::FromStr;

use claimdesk_core::db::queries::history::Action;
use claimdesk_core::model::ids::LabelId;
use claimdesk_core::model::{AnnotationPatch, Attributes, Figure, NewAnnotation, NewLabel};
use claimdesk_core::Error;
use rust_decimal::Decimal;

use crate::support::*;

#[test]
fn quote_and_context_are_cut_from_the_text_at_code_point_offsets() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    for (label, needle) in [
        (FIGURE, "274 000 dollars 💸"),
        (QUOTE, "«это ложь»"),
        (CLAIM, "Famille 👨‍👩‍👧 et café"),
    ] {
        let made = store
            .create_annotation(&me, span_of(&article, label, needle))
            .unwrap();
        assert_eq!(made.exact, needle);
        assert_eq!(made.exact, cp_slice(&article.text, made.start, made.end));
        assert!(made.prefix.chars().count() <= 32 && made.suffix.chars().count() <= 32);
        let around = format!("{}{}{}", made.prefix, made.exact, made.suffix);
        assert!(article.text.contains(&around));
    }
    let listed = store.list_annotations(&article.id).unwrap();
    let starts: Vec<i64> = listed.iter().map(|a| a.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "annotations come back in text order");
}

#[test]
fn a_span_that_splits_an_emoji_family_is_refused() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let family = cp_offset(&article.text, "👨‍👩‍👧");
    let mut new = span_of(&article, CLAIM, "Famille");
    new.end = family + 1;
    let err = store.create_annotation(&me, new).unwrap_err();
    assert!(matches!(err, Error::Offset(_)), "{err}");
    assert!(store.list_annotations(&article.id).unwrap().is_empty());
}

#[test]
fn spans_outside_the_text_or_reversed_are_refused() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, "short text");
    for (start, end) in [(0, 11), (5, 3), (-1, 2), (4, 4)] {
        let new = NewAnnotation {
            start,
            end,
            ..span_of(&article, CLAIM, "short")
        };
        assert!(store.create_annotation(&me, new).is_err(), "{start}..{end}");
    }
}

#[test]
fn figure_value_is_an_exact_decimal_and_attributes_round_trip() {
    let (dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let mut new = span_of(&article, FIGURE, "274 000 dollars");
    new.attributes = Attributes {
        figure: Some(Figure {
            value: Decimal::from_str("274000.10").unwrap(),
            currency: Some("usd".into()),
            unit: None,
            qualifier: Some("about".into()),
        }),
        note: "from the 2017 disclosure".into(),
        tags: vec!["rt".into(), "ads".into()],
        ..Attributes::default()
    };
    let made = store.create_annotation(&me, new).unwrap();
    drop(store);
    let store = claimdesk_core::Store::open(&dir.path().join("test.sqlite")).unwrap();
    let back = store.get_annotation(&made.id).unwrap();
    let figure = back.attributes.figure.clone().unwrap();
    assert_eq!(figure.value.to_string(), "274000.1");
    assert_eq!(figure.currency.as_deref(), Some("USD"));
    assert_eq!(back.attributes.tags, ["rt", "ads"]);
    assert_eq!(back, made);
}

#[test]
fn update_moves_the_span_and_records_before_and_after() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let made = store
        .create_annotation(&me, span_of(&article, CLAIM, "RT a dépensé"))
        .unwrap();
    let wider = span_of(&article, CLAIM, "RT a dépensé 274 000 dollars");
    let patch = AnnotationPatch {
        span: Some((wider.start, wider.end)),
        label_id: Some(LabelId::from(FIGURE)),
        attributes: None,
    };
    let updated = store.update_annotation(&me, &made.id, patch).unwrap();
    assert_eq!(updated.exact, "RT a dépensé 274 000 dollars");
    assert_eq!(updated.label_id.as_str(), FIGURE);
    let history = store.list_history(made.id.as_str()).unwrap();
    let actions: Vec<Action> = history.iter().map(|e| e.action).collect();
    assert_eq!(actions, [Action::Create, Action::Update]);
    assert_eq!(history[1].before.as_ref().unwrap()["exact"], "RT a dépensé");
    assert_eq!(history[1].after.as_ref().unwrap()["exact"], updated.exact);
    assert_eq!(history[1].actor_id.as_ref(), Some(&me));
}

#[test]
fn delete_leaves_a_tombstone_that_lists_skip() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let made = store
        .create_annotation(&me, span_of(&article, CLAIM, "café"))
        .unwrap();
    store.delete_annotation(&me, &made.id).unwrap();
    assert!(store.list_annotations(&article.id).unwrap().is_empty());
    assert!(store.get_annotation(&made.id).unwrap().deleted);
    let again = store.delete_annotation(&me, &made.id).unwrap_err();
    assert!(matches!(again, Error::NotFound { .. }));
    let summary = &store.list_articles().unwrap()[0];
    assert_eq!(summary.annotation_count, 0);
}

#[test]
fn unknown_analyst_and_retired_label_are_refused() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let stranger = claimdesk_core::model::ids::AnnotatorId::new();
    let err = store
        .create_annotation(&stranger, span_of(&article, CLAIM, "café"))
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotFound {
                what: "analyst",
                ..
            }
        ),
        "{err}"
    );
    let label = store
        .create_label(NewLabel {
            name: "Bot network".into(),
            color: "#aa33cc".into(),
            hotkey: Some("b".into()),
        })
        .unwrap();
    store.retire_label(&label.id).unwrap();
    let err = store
        .create_annotation(&me, span_of(&article, label.id.as_str(), "café"))
        .unwrap_err();
    assert!(err.to_string().contains("retired"), "{err}");
}

#[test]
fn history_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.sqlite");
    let mut store = claimdesk_core::Store::open(&path).unwrap();
    paste(&mut store, "Some article");
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn.execute("DELETE FROM history", []).is_err());
    assert!(conn
        .execute("UPDATE history SET actor_id = NULL", [])
        .is_err());
}
