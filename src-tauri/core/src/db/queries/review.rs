//! Review: a reviewer compares the analysts they chose side by side on one article
//! (`review_sheet`), and the annotations accepted make the consensus. The decisions themselves
//! are recorded in `review_decisions`.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotationId, AnnotatorId, ArticleId, LabelId};
use crate::model::{Annotation, Annotator, ReviewState};

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

impl Store {
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

fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}
