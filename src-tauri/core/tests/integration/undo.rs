use claimdesk_core::model::{AnnotationPatch, Attributes};
use claimdesk_core::Store;

use crate::support::*;

fn live_quotes(store: &Store, article: &claimdesk_core::model::Article) -> Vec<(String, String)> {
    store
        .list_annotations(&article.id)
        .unwrap()
        .into_iter()
        .map(|a| (a.exact, a.attributes.note))
        .collect()
}

#[test]
fn undo_and_redo_walk_create_update_delete_and_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.sqlite");
    let mut store = Store::open(&path).unwrap();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let a = store
        .create_annotation(&me, span_of(&article, CLAIM, "café"))
        .unwrap();
    let note = Attributes {
        note: "check".into(),
        ..Attributes::default()
    };
    let patch = AnnotationPatch {
        attributes: Some(note),
        ..AnnotationPatch::default()
    };
    store.update_annotation(&me, &a.id, patch).unwrap();
    store.delete_annotation(&me, &a.id).unwrap();
    assert!(live_quotes(&store, &article).is_empty());
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let state = store.undo_state(&me, &article.id).unwrap();
    assert_eq!((state.undo_depth, state.redo_depth), (3, 0));
    store.undo(&me, &article.id).unwrap().unwrap();
    assert_eq!(
        live_quotes(&store, &article),
        [("café".into(), "check".into())]
    );
    store.undo(&me, &article.id).unwrap().unwrap();
    assert_eq!(live_quotes(&store, &article), [("café".into(), "".into())]);
    store.undo(&me, &article.id).unwrap().unwrap();
    assert!(live_quotes(&store, &article).is_empty());
    assert!(store.undo(&me, &article.id).unwrap().is_none());
    drop(store);

    let mut store = Store::open(&path).unwrap();
    store.redo(&me, &article.id).unwrap().unwrap();
    store.redo(&me, &article.id).unwrap().unwrap();
    assert_eq!(
        live_quotes(&store, &article),
        [("café".into(), "check".into())]
    );
    let state = store.undo_state(&me, &article.id).unwrap();
    assert_eq!((state.undo_depth, state.redo_depth), (2, 1));
}

#[test]
fn a_new_change_clears_the_redo_stack() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    store
        .create_annotation(&me, span_of(&article, CLAIM, "café"))
        .unwrap();
    store.undo(&me, &article.id).unwrap();
    store
        .create_annotation(&me, span_of(&article, CLAIM, "Famille"))
        .unwrap();
    assert!(store.redo(&me, &article.id).unwrap().is_none());
    assert_eq!(
        live_quotes(&store, &article),
        [("Famille".into(), "".into())]
    );
}

#[test]
fn undo_is_per_analyst_and_refuses_to_overwrite_a_teammates_change() {
    let (_dir, mut store) = temp_store();
    let me = analyst(&mut store);
    let teammate = store.ensure_annotator("Boris").unwrap().id;
    let article = paste(&mut store, MIXED_TEXT_CRLF);
    let a = store
        .create_annotation(&me, span_of(&article, CLAIM, "café"))
        .unwrap();
    assert!(store.undo(&teammate, &article.id).unwrap().is_none());
    let patch = AnnotationPatch {
        attributes: Some(Attributes {
            note: "Boris's note".into(),
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    store.update_annotation(&teammate, &a.id, patch).unwrap();
    let err = store.undo(&me, &article.id).unwrap_err();
    assert!(err.to_string().contains("changed since"), "{err}");
    assert_eq!(
        live_quotes(&store, &article),
        [("café".into(), "Boris's note".into())]
    );
}
