//! Review: decisions and comments with reviewer and time (in history too), the side-by-side
//! sheet with its filters, and the consensus of accepted annotations.

use claimdesk_core::db::queries::history::Action;
use claimdesk_core::db::queries::review::ReviewQuery;
use claimdesk_core::db::queries::review_decisions::NewReview;
use claimdesk_core::model::ReviewState;

use crate::support::*;

const TEXT: &str = "RT a dépensé 274 000 dollars 💸 en tweets sponsorisés, selon «Le Monde».";

fn review(
    annotation: &claimdesk_core::model::Annotation,
    decision: Option<ReviewState>,
    comment: &str,
) -> NewReview {
    NewReview {
        annotation_id: annotation.id.clone(),
        decision,
        comment: comment.into(),
    }
}

#[test]
fn a_decision_records_reviewer_time_and_comment_and_is_in_history() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, TEXT);
    let ana = analyst(&mut store);
    let rita = store.ensure_annotator("Rita").unwrap().id;
    let a = store
        .create_annotation(&ana, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    let before = claimdesk_core::model::ids::now();
    let decided = store
        .review_annotation(
            &rita,
            review(&a, Some(ReviewState::Accepted), "  matches the source  "),
        )
        .unwrap();
    assert_eq!(decided.reviewer.name, "Rita");
    assert_eq!(decided.comment, "matches the source");
    assert!(decided.decided_at >= before);
    assert_eq!(
        store.get_annotation(&a.id).unwrap().review_state,
        ReviewState::Accepted
    );

    let comment = store
        .review_annotation(&rita, review(&a, None, "ask Ana about the currency"))
        .unwrap();
    assert_eq!(comment.decision, None);
    assert_eq!(
        store.get_annotation(&a.id).unwrap().review_state,
        ReviewState::Accepted
    );
    let log = store.list_review_decisions(&a.id).unwrap();
    assert_eq!(log, vec![decided.clone(), comment]);

    let events = store.list_history(a.id.as_str()).unwrap();
    let review_event = &events[1];
    assert_eq!(review_event.action, Action::Update);
    assert_eq!(review_event.actor_id.as_ref(), Some(&rita));
    let after = review_event.after.as_ref().unwrap();
    assert_eq!(after["review_state"], "accepted");
    assert_eq!(after["review"]["comment"], "matches the source");
    assert_eq!(after["review"]["reviewer"]["name"], "Rita");
    assert_eq!(
        review_event.before.as_ref().unwrap()["review_state"],
        "pending"
    );

    let sheet = store
        .review_sheet(&article.id, &ReviewQuery::default())
        .unwrap();
    let item = &sheet[0].items[0];
    assert_eq!(
        item.reviewer.as_ref().map(|r| r.name.as_str()),
        Some("Rita")
    );
    assert_eq!(item.reviewed_at, Some(decided.decided_at));
    assert_eq!(
        item.last_comment.as_deref(),
        Some("ask Ana about the currency")
    );
    assert_eq!(item.decisions, 2);
}

#[test]
fn an_empty_review_and_a_deleted_annotation_are_refused() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, TEXT);
    let ana = analyst(&mut store);
    let a = store
        .create_annotation(&ana, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    assert!(store
        .review_annotation(&ana, review(&a, None, "   "))
        .is_err());
    store.delete_annotation(&ana, &a.id).unwrap();
    let err = store
        .review_annotation(&ana, review(&a, Some(ReviewState::Rejected), ""))
        .unwrap_err();
    assert!(
        matches!(err, claimdesk_core::Error::NotFound { .. }),
        "{err}"
    );
    assert!(store.list_review_decisions(&a.id).unwrap().is_empty());
}

#[test]
fn the_sheet_puts_chosen_analysts_side_by_side_and_filters_by_state() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, TEXT);
    let ana = analyst(&mut store);
    let boris = store.ensure_annotator("Boris").unwrap().id;
    let carla = store.ensure_annotator("Carla").unwrap().id;
    let rita = store.ensure_annotator("Rita").unwrap().id;
    let a = store
        .create_annotation(&ana, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    store
        .create_annotation(&ana, span_of(&article, QUOTE, "Le Monde"))
        .unwrap();
    let b = store
        .create_annotation(&boris, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    store
        .create_annotation(&carla, span_of(&article, FIGURE, "274 000"))
        .unwrap();
    store
        .review_annotation(&rita, review(&a, Some(ReviewState::Accepted), ""))
        .unwrap();
    store
        .review_annotation(&rita, review(&b, Some(ReviewState::Rejected), "too long"))
        .unwrap();

    let everyone = store.list_article_analysts(&article.id).unwrap();
    let names: Vec<&str> = everyone.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ana", "Boris", "Carla"]);
    let two = ReviewQuery {
        analysts: vec![ana.clone(), boris.clone()],
        review_states: vec![],
    };
    let sheet = store.review_sheet(&article.id, &two).unwrap();
    assert_eq!(sheet.len(), 2);
    assert_eq!((sheet[0].items.len(), sheet[1].items.len()), (2, 1));
    let pending = ReviewQuery {
        analysts: vec![],
        review_states: vec![ReviewState::Pending],
    };
    let sheet = store.review_sheet(&article.id, &pending).unwrap();
    let shown: Vec<usize> = sheet.iter().map(|c| c.items.len()).collect();
    assert_eq!(
        shown,
        [1, 0, 1],
        "Ana's quote and Carla's figure are still pending"
    );
}

#[test]
fn the_consensus_holds_accepted_spans_once_with_every_analyst() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, TEXT);
    let ana = analyst(&mut store);
    let boris = store.ensure_annotator("Boris").unwrap().id;
    let rita = store.ensure_annotator("Rita").unwrap().id;
    let a = store
        .create_annotation(&ana, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    let b = store
        .create_annotation(&boris, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    let q = store
        .create_annotation(&boris, span_of(&article, QUOTE, "Le Monde"))
        .unwrap();
    for x in [&a, &b] {
        store
            .review_annotation(&rita, review(x, Some(ReviewState::Accepted), ""))
            .unwrap();
    }
    store
        .review_annotation(&rita, review(&q, Some(ReviewState::Rejected), ""))
        .unwrap();
    let consensus = store.consensus(&article.id).unwrap();
    assert_eq!(consensus.len(), 1);
    assert_eq!(consensus[0].exact, "274 000 dollars");
    assert_eq!(
        consensus[0].annotation_ids,
        vec![a.id.clone(), b.id.clone()]
    );
    assert_eq!(consensus[0].analysts, vec![ana.clone(), boris.clone()]);
    // Setting one back to pending takes nothing else away.
    store
        .review_annotation(&rita, review(&b, Some(ReviewState::Pending), ""))
        .unwrap();
    assert_eq!(store.consensus(&article.id).unwrap()[0].analysts, vec![ana]);
}

#[test]
fn a_review_is_not_undone_by_the_analysts_undo() {
    let (_dir, mut store) = temp_store();
    let article = paste(&mut store, TEXT);
    let ana = analyst(&mut store);
    let rita = store.ensure_annotator("Rita").unwrap().id;
    let a = store
        .create_annotation(&ana, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    store
        .review_annotation(&rita, review(&a, Some(ReviewState::Accepted), ""))
        .unwrap();
    assert_eq!(store.undo_state(&rita, &article.id).unwrap().undo_depth, 0);
    assert!(
        store.undo(&ana, &article.id).is_err(),
        "reviewed since: undo refuses"
    );
    assert_eq!(
        store.get_annotation(&a.id).unwrap().review_state,
        ReviewState::Accepted
    );
}
