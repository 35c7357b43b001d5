//! Review: a reviewer accepts, rejects or comments on each annotation of an article, comparing
//! the analysts they chose side by side; the accepted annotations make the consensus.
//!
//! Every decision and comment is kept (`review_decisions`, oldest first) with the reviewer and
//! the time, and is a history event whose snapshots carry the decision. A decision sets the
//! annotation's `review_state`, `reviewer_id` and `reviewed_at`; a comment alone changes nothing
//! else. Review events are not on anyone's undo stack (they name no article there): a decision
//! is changed by deciding again, which the log keeps too.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotations::{ensure_annotator, get_any_raw, set_review_raw};
use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{
    now, timestamp_text, AnnotationId, AnnotatorId, ArticleId, LabelId, ReviewId,
};
use crate::model::{Annotation, Annotator, ReviewState};

/// Longest comment accepted, in code points.
const MAX_COMMENT_CHARS: usize = 4000;

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

/// Which annotations of an article to review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct ReviewQuery {
    /// The analysts to compare; empty means everyone who annotated the article.
    pub analysts: Vec<AnnotatorId>,
    /// Only annotations in these review states; empty means any.
    pub review_states: Vec<ReviewState>,
}

/// One annotation as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ReviewItem {
    /// The annotation (its `annotator_id` is the analyst).
    pub annotation: Annotation,
    /// The file it was merged from, if it was merged in.
    pub source_file: Option<String>,
    /// Who made the current decision, if any.
    pub reviewer: Option<Annotator>,
    /// When the current decision was made.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The latest comment, if any.
    pub last_comment: Option<String>,
    /// Decisions and comments recorded so far.
    pub decisions: u32,
    /// Merge conflicts on it that nobody settled yet.
    pub open_conflicts: u32,
}

/// One analyst's annotations on the article, for the side-by-side view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnalystColumn {
    /// The analyst.
    pub analyst: Annotator,
    /// Their live annotations that pass the query, in text order.
    pub items: Vec<ReviewItem>,
}

/// A span in the consensus: accepted by a reviewer, from one or more analysts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ConsensusSpan {
    /// The label.
    pub label_id: LabelId,
    /// First code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past the last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
    /// The quoted text.
    pub exact: String,
    /// The accepted annotations with this label and span.
    pub annotation_ids: Vec<AnnotationId>,
    /// Their analysts, without repeats.
    pub analysts: Vec<AnnotatorId>,
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

    /// The analysts who have live annotations on an article, by name.
    pub fn list_article_analysts(&self, article: &ArticleId) -> Result<Vec<Annotator>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT p.id, p.name FROM annotations n JOIN annotators p ON p.id = n.annotator_id
             WHERE n.article_id = ?1 AND n.deleted_at IS NULL ORDER BY p.name, p.id",
        )?;
        let rows = stmt.query_map([article], |r| {
            Ok(Annotator {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The chosen analysts' annotations on an article, one column per analyst, with their
    /// review state, reviewer, latest comment, origin and open conflicts.
    pub fn review_sheet(
        &self,
        article: &ArticleId,
        query: &ReviewQuery,
    ) -> Result<Vec<AnalystColumn>> {
        let analysts: Vec<Annotator> = self
            .list_article_analysts(article)?
            .into_iter()
            .filter(|a| query.analysts.is_empty() || query.analysts.contains(&a.id))
            .collect();
        let mut extras = self.review_extras(article)?;
        let mut columns: Vec<AnalystColumn> = analysts
            .into_iter()
            .map(|analyst| AnalystColumn {
                analyst,
                items: Vec::new(),
            })
            .collect();
        for annotation in self.list_annotations(article)? {
            let wanted = query.review_states.is_empty()
                || query.review_states.contains(&annotation.review_state);
            let column = columns
                .iter_mut()
                .find(|c| c.analyst.id == annotation.annotator_id);
            if let (true, Some(column)) = (wanted, column) {
                let extra = extras.remove(&annotation.id).unwrap_or_default();
                column.items.push(extra.into_item(annotation));
            }
        }
        Ok(columns)
    }

    /// The accepted live annotations of an article, one entry per label and span.
    pub fn consensus(&self, article: &ArticleId) -> Result<Vec<ConsensusSpan>> {
        let mut spans: BTreeMap<(i64, i64, LabelId), ConsensusSpan> = BTreeMap::new();
        let accepted = self
            .list_annotations(article)?
            .into_iter()
            .filter(|a| a.review_state == ReviewState::Accepted);
        for a in accepted {
            let span = spans
                .entry((a.start, a.end, a.label_id.clone()))
                .or_insert_with(|| ConsensusSpan {
                    label_id: a.label_id.clone(),
                    start: a.start,
                    end: a.end,
                    exact: a.exact.clone(),
                    annotation_ids: Vec::new(),
                    analysts: Vec::new(),
                });
            span.annotation_ids.push(a.id);
            if !span.analysts.contains(&a.annotator_id) {
                span.analysts.push(a.annotator_id);
            }
        }
        Ok(spans.into_values().collect())
    }

    /// Reviewer, comments, origin and conflicts of an article's annotations, by annotation.
    fn review_extras(&self, article: &ArticleId) -> Result<HashMap<AnnotationId, Extras>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.reviewer_id, r.name, n.reviewed_at, o.source_file,
                    (SELECT count(*) FROM review_decisions d WHERE d.annotation_id = n.id),
                    (SELECT d.comment FROM review_decisions d
                     WHERE d.annotation_id = n.id AND d.comment <> ''
                     ORDER BY d.decided_at DESC, d.id DESC LIMIT 1),
                    (SELECT count(*) FROM merge_conflicts c
                     WHERE c.annotation_id = n.id AND c.resolution IS NULL)
             FROM annotations n
             LEFT JOIN annotators r ON r.id = n.reviewer_id
             LEFT JOIN annotation_origins o ON o.annotation_id = n.id
             WHERE n.article_id = ?1 AND n.deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([article], |r| {
            let reviewer = match (r.get::<_, Option<AnnotatorId>>(1)?, r.get(2)?) {
                (Some(id), Some(name)) => Some(Annotator { id, name }),
                _ => None,
            };
            let reviewed_at: Option<String> = r.get(3)?;
            Ok((
                r.get::<_, AnnotationId>(0)?,
                Extras {
                    reviewer,
                    reviewed_at: reviewed_at.as_deref().and_then(parse_time),
                    source_file: r.get(4)?,
                    decisions: r.get(5)?,
                    last_comment: r.get(6)?,
                    open_conflicts: r.get(7)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[derive(Default)]
struct Extras {
    reviewer: Option<Annotator>,
    reviewed_at: Option<DateTime<Utc>>,
    source_file: Option<String>,
    decisions: u32,
    last_comment: Option<String>,
    open_conflicts: u32,
}

impl Extras {
    fn into_item(self, annotation: Annotation) -> ReviewItem {
        ReviewItem {
            annotation,
            source_file: self.source_file,
            reviewer: self.reviewer,
            reviewed_at: self.reviewed_at,
            last_comment: self.last_comment,
            decisions: self.decisions,
            open_conflicts: self.open_conflicts,
        }
    }
}

fn review_raw(
    tx: &Transaction<'_>,
    reviewer: &AnnotatorId,
    review: &NewReview,
    comment: &str,
) -> Result<ReviewDecision> {
    ensure_annotator(tx, reviewer)?;
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

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
