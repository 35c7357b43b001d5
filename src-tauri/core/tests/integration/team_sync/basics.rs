//! The loop a team lives in: join, tag, sync, see each other's work; fields changed by two
//! analysts merge, the same field changed by both becomes a conflict with both values.

use claimdesk_core::model::filters::Filters;
use claimdesk_core::model::{AnnotationPatch, Attributes};

use super::{Analyst, Team};
use crate::support::{paste, span_of, CLAIM, MIXED_TEXT_CRLF, QUOTE};

#[test]
fn a_tag_made_in_one_file_reaches_a_teammates_file_with_its_author() {
    let team = Team::new("basics");
    let mut ana = Analyst::new(&team, "Ana");
    let mut ben = Analyst::new(&team, "Ben");
    let article = paste(&mut ana.store, MIXED_TEXT_CRLF);
    let quote = ana
        .store
        .create_annotation(&ana.id, span_of(&article, QUOTE, "это ложь"))
        .unwrap();

    let joined = ana.join(&team);
    assert!(
        joined.queued >= 4,
        "article, source?, labels, annotation, history: {joined:?}"
    );
    let pushed = ana.sync();
    assert_eq!(pushed.pending, 0);
    assert_eq!(pushed.pushed, joined.queued);

    ben.join(&team);
    let pulled = ben.sync();
    assert!(pulled.pulled >= 3, "{pulled:?}");
    let theirs = ben.store.get_annotation(&quote.id).unwrap();
    assert_eq!(theirs.exact, "это ложь");
    assert_eq!(theirs.annotator_id, ana.id);
    assert_eq!(
        ben.store.get_article(&article.id).unwrap().text,
        article.text
    );
    assert_eq!(ben.store.get_annotator(&ana.id).unwrap().name, "Ana");
    let found = ben.store.search("ложь", &Filters::default(), 10).unwrap();
    assert_eq!(
        found.annotations.len(),
        1,
        "the pulled quote is in the search index"
    );
    assert!(ben.store.search_index_is_consistent().unwrap());
}

#[test]
fn different_fields_merge_and_the_same_field_becomes_one_conflict_with_both_values() {
    let team = Team::new("conflicts");
    let mut ana = Analyst::new(&team, "Ana");
    let mut ben = Analyst::new(&team, "Ben");
    ana.join(&team);
    ben.join(&team);
    let article = paste(&mut ana.store, MIXED_TEXT_CRLF);
    let claim = ana
        .store
        .create_annotation(&ana.id, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    ana.sync();
    ben.sync();

    let with = |note: &str, verdict: Option<&str>| AnnotationPatch {
        attributes: Some(Attributes {
            note: note.into(),
            verdict: verdict.map(str::to_owned),
            ..Attributes::default()
        }),
        ..AnnotationPatch::default()
    };
    ana.store
        .update_annotation(&ana.id, &claim.id, with("Ana's note", None))
        .unwrap();
    ben.store
        .update_annotation(&ben.id, &claim.id, with("", Some("false")))
        .unwrap();
    assert_eq!(ana.sync().conflicts, 0);
    assert_eq!(
        ben.sync().conflicts,
        0,
        "note and verdict are different fields"
    );
    ana.sync();
    for analyst in [&ana, &ben] {
        let merged = analyst.store.get_annotation(&claim.id).unwrap();
        assert_eq!(merged.attributes.note, "Ana's note");
        assert_eq!(merged.attributes.verdict.as_deref(), Some("false"));
    }

    ana.store
        .update_annotation(&ana.id, &claim.id, with("Ana again", Some("false")))
        .unwrap();
    ben.store
        .update_annotation(&ben.id, &claim.id, with("Ben's note", Some("false")))
        .unwrap();
    assert_eq!(ana.sync().conflicts, 0);
    assert_eq!(ben.sync().conflicts, 1);
    ana.sync();
    for analyst in [&ana, &ben] {
        let kept = analyst.store.get_annotation(&claim.id).unwrap();
        assert_eq!(
            kept.attributes.note, "Ana again",
            "the server keeps the first change"
        );
        let conflicts = analyst.store.list_sync_conflicts().unwrap();
        assert_eq!(conflicts.len(), 1);
        let c = &conflicts[0];
        assert_eq!(c.fields, vec!["note".to_owned()]);
        assert_eq!(c.base["note"], "Ana's note");
        assert_eq!(c.ours["note"], "Ben's note");
        assert_eq!(c.theirs["note"], "Ana again");
        assert_eq!(c.our_author.as_ref(), Some(&ben.id));
        assert_eq!(c.their_author.as_ref(), Some(&ana.id));
    }
}

#[test]
fn assignments_travel_and_the_team_view_counts_each_analysts_progress() {
    use claimdesk_core::db::queries::assignments::AssignRequest;
    use claimdesk_core::model::filters::Filters;

    let team = Team::new("assign");
    let mut lead = Analyst::new(&team, "Lead");
    let mut ana = Analyst::new(&team, "Ana");
    let mut ben = Analyst::new(&team, "Ben");
    let articles: Vec<_> = (0..3)
        .map(|i| {
            paste(
                &mut lead.store,
                &format!("Article {i}: RT spent 274,000 dollars."),
            )
            .id
        })
        .collect();
    lead.join(&team);
    ana.join(&team);
    ben.join(&team);
    lead.sync();
    ana.sync();
    ben.sync();
    let request = AssignRequest {
        articles: articles.clone(),
        analysts: vec![ana.id.clone(), ben.id.clone()],
        per_article: 2,
    };
    let report = lead.store.assign_articles(&lead.id, &request).unwrap();
    assert_eq!((report.assigned, report.already), (6, 0));
    assert_eq!(
        lead.store
            .assign_articles(&lead.id, &request)
            .unwrap()
            .already,
        6
    );
    lead.sync();
    ana.sync();

    let mine = Filters {
        assigned_to: Some(ana.id.clone()),
        ..Filters::default()
    };
    let query = claimdesk_core::db::queries::library::LibraryQuery {
        filters: mine,
        sort: claimdesk_core::db::queries::library::LibrarySort::Captured,
        descending: true,
        offset: 0,
        limit: 100,
    };
    assert_eq!(
        ana.store.list_library(&query).unwrap().total,
        3,
        "assigned to me"
    );
    let first = ana.store.get_article(&articles[0]).unwrap();
    ana.store
        .create_annotation(&ana.id, span_of(&first, CLAIM, "274,000 dollars"))
        .unwrap();
    ana.store
        .set_assignment_done(&articles[0], &ana.id, true)
        .unwrap();
    ana.sync();
    lead.sync();
    let progress = lead.store.team_progress().unwrap();
    let of = |id| progress.iter().find(|p| &p.analyst_id == id).unwrap();
    let a = of(&ana.id);
    assert_eq!(
        (
            a.assigned,
            a.started,
            a.done,
            a.annotations,
            a.pending_reviews
        ),
        (3, 1, 1, 1, 1)
    );
    let b = of(&ben.id);
    assert_eq!((b.assigned, b.started, b.done, b.annotations), (3, 0, 0, 0));
}

#[test]
fn a_review_decision_and_its_comment_reach_the_analyst_with_the_reviewer_named() {
    use claimdesk_core::db::queries::review_decisions::NewReview;
    use claimdesk_core::model::ReviewState;

    let team = Team::new("review");
    let mut ana = Analyst::new(&team, "Ana");
    let mut rosa = Analyst::new(&team, "Rosa");
    ana.join(&team);
    rosa.join(&team);
    let article = paste(&mut ana.store, MIXED_TEXT_CRLF);
    let claim = ana
        .store
        .create_annotation(&ana.id, span_of(&article, CLAIM, "274 000 dollars"))
        .unwrap();
    ana.sync();
    rosa.sync();
    let review = NewReview {
        annotation_id: claim.id.clone(),
        decision: Some(ReviewState::Rejected),
        comment: "Le Monde says 247 000".into(),
    };
    rosa.store.review_annotation(&rosa.id, review).unwrap();
    rosa.sync();
    ana.sync();
    let decisions = ana.store.list_review_decisions(&claim.id).unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].reviewer.id, rosa.id);
    assert_eq!(decisions[0].reviewer.name, "Rosa");
    assert_eq!(decisions[0].comment, "Le Monde says 247 000");
    let reviewed = ana.store.get_annotation(&claim.id).unwrap();
    assert_eq!(reviewed.review_state, ReviewState::Rejected);
    assert_eq!(reviewed.annotator_id, ana.id, "the author stays Ana");
}
