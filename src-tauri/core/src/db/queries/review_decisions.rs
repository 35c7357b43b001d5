//! Review decisions (table `review_decisions`): a reviewer accepts, rejects or comments on one
//! annotation. Every decision and comment is kept, oldest first, with the reviewer and the
//! time, and is a history event whose snapshots carry the decision. A decision sets the
//! annotation's `review_state`, `reviewer_id` and `reviewed_at`; a comment alone changes nothing
//! else. Review events are not on anyone's undo stack (they name no article there): a decision
//! is changed by deciding again, which the log keeps too. A merge copies a teammate's decisions
//! as received, matched by id.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotations::{get_any_raw, set_review_raw};
use crate::db::queries::annotators;
use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, AnnotationId, AnnotatorId, ReviewId};
use crate::model::{Annotation, Annotator, ReviewState};

/// Longest comment accepted, in code points.
const MAX_COMMENT_CHARS: usize = 4000;

/// Every column of `review_decisions`, in the order [`insert_as_received`] takes them.
pub(crate) const RECEIVED_COLUMNS: &str =
    "id, annotation_id, reviewer_id, decision, comment, decided_at";

/// A decision, a comment, or both, on one annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct NewReview {
    /// The annotation reviewed.
    pub annotation_id: AnnotationId,
    /// Accept, reject, or set back to pending; `None` for a comment alone.
    pub decision: Option<ReviewState>,
    /// What the reviewer says about it; may be empty when there is a decision.
    pub comment: String,
}

/// One recorded decision or comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ReviewDecision {
    /// Identity.
    pub id: ReviewId,
    /// The annotation reviewed.
    pub annotation_id: AnnotationId,
    /// Who reviewed.
    pub reviewer: Annotator,
    /// The decision, or `None` for a comment alone.
    pub decision: Option<ReviewState>,
    /// The comment (empty when there was none).
    pub comment: String,
    /// When.
    pub decided_at: DateTime<Utc>,
}

/// What review events record in history: the annotation, and the decision that changed it.
#[derive(Serialize)]
struct ReviewSnapshot<'a> {
    #[serde(flatten)]
    annotation: &'a Annotation,
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<&'a ReviewDecision>,
}

impl Store {
    /// Record a decision or comment by `reviewer`; returns it as stored.
    pub fn review_annotation(
        &mut self,
        reviewer: &AnnotatorId,
        review: NewReview,
    ) -> Result<ReviewDecision> {
        let comment = clean_comment(&review.comment)?;
        if review.decision.is_none() && comment.is_empty() {
            return Err(Error::invalid(
                "a review needs a decision (accept, reject, pending) or a comment",
            ));
        }
        self.write_retrying(|tx| review_raw(tx, reviewer, &review, &comment))
    }

    /// Every decision and comment on an annotation, oldest first.
    pub fn list_review_decisions(&self, annotation: &AnnotationId) -> Result<Vec<ReviewDecision>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, d.annotation_id, d.reviewer_id, p.name, d.decision, d.comment, d.decided_at
             FROM review_decisions d JOIN annotators p ON p.id = d.reviewer_id
             WHERE d.annotation_id = ?1 ORDER BY d.decided_at, d.id",
        )?;
        let rows = stmt.query_map([annotation], decision_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn review_raw(
    tx: &Transaction<'_>,
    reviewer: &AnnotatorId,
    review: &NewReview,
    comment: &str,
) -> Result<ReviewDecision> {
    annotators::require_raw(tx, reviewer)?;
    let before = match get_any_raw(tx, &review.annotation_id)? {
        Some(a) if !a.deleted => a,
        _ => {
            return Err(Error::not_found(
                "annotation",
                review.annotation_id.as_str(),
            ))
        }
    };
    let reviewer_name: String = tx.query_row(
        "SELECT name FROM annotators WHERE id = ?1",
        [reviewer],
        |r| r.get(0),
    )?;
    let decision = ReviewDecision {
        id: ReviewId::new(),
        annotation_id: before.id.clone(),
        reviewer: Annotator {
            id: reviewer.clone(),
            name: reviewer_name,
        },
        decision: review.decision,
        comment: comment.to_owned(),
        decided_at: now(),
    };
    let at = timestamp_text(&decision.decided_at);
    tx.execute(
        "INSERT INTO review_decisions (id, annotation_id, reviewer_id, decision, comment, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            decision.id,
            decision.annotation_id,
            reviewer,
            decision.decision.map(ReviewState::as_str),
            decision.comment,
            at
        ],
    )?;
    let mut after = before.clone();
    if let Some(state) = decision.decision {
        set_review_raw(tx, &before.id, state, reviewer, &at)?;
        after.review_state = state;
    }
    history::record_raw(
        tx,
        NewEvent {
            entity: Entity::Annotation,
            entity_id: before.id.as_str(),
            article_id: None,
            action: Action::Update,
            reverts: None,
            actor: Some(reviewer),
            before: Some(&ReviewSnapshot {
                annotation: &before,
                review: None,
            }),
            after: Some(&ReviewSnapshot {
                annotation: &after,
                review: Some(&decision),
            }),
        },
    )?;
    Ok(decision)
}

fn clean_comment(comment: &str) -> Result<String> {
    let comment = comment.trim();
    crate::model::attributes::refuse_nul("the comment", comment)?;
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(Error::invalid(format!(
            "a review comment can be at most {MAX_COMMENT_CHARS} characters long"
        )));
    }
    Ok(comment.to_owned())
}

fn decision_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewDecision> {
    let decision: Option<String> = r.get(4)?;
    Ok(ReviewDecision {
        id: r.get(0)?,
        annotation_id: r.get(1)?,
        reviewer: Annotator {
            id: r.get(2)?,
            name: r.get(3)?,
        },
        decision: decision
            .map(|d| {
                ReviewState::parse(&d)
                    .ok_or_else(|| sql::bad_column("decision", format!("unexpected {d:?}")))
            })
            .transpose()?,
        comment: r.get(5)?,
        decided_at: sql::timestamp(r, 6)?,
    })
}

/// Copy a teammate's decision as received (its values in [`RECEIVED_COLUMNS`] order, the
/// reviewer already mapped to ours), unless we have it or lack its annotation. Returns whether
/// it was added.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<bool> {
    let added = tx.execute(
        &format!(
            "INSERT INTO review_decisions ({RECEIVED_COLUMNS})
             SELECT ?1, ?2, ?3, ?4, ?5, ?6
             WHERE EXISTS (SELECT 1 FROM annotations WHERE id = ?2)
               AND NOT EXISTS (SELECT 1 FROM review_decisions WHERE id = ?1)"
        ),
        params_from_iter(row),
    )?;
    Ok(added > 0)
}
