//! Who annotates what: a lead assigns articles to analysts, optionally two (or more) per article
//! so that their work gives agreement figures; an analyst marks an assigned article done. The
//! team view counts, per analyst, what they were given and how far they are. Assignments travel
//! with team sync like any other row.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, AnnotatorId, ArticleId};

/// What a lead asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct AssignRequest {
    /// The articles (a selection, or a search's results).
    pub articles: Vec<ArticleId>,
    /// The analysts to share them among.
    pub analysts: Vec<AnnotatorId>,
    /// How many analysts each article goes to (1, or 2 for agreement).
    pub per_article: u32,
}

/// What an assignment did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct AssignReport {
    /// New assignments.
    pub assigned: u32,
    /// Pairs that were already assigned.
    pub already: u32,
}

/// One analyst's progress, for the team view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(ts_rs::TS))]
pub struct AnalystProgress {
    /// The analyst.
    pub analyst_id: AnnotatorId,
    /// Their name.
    pub name: String,
    /// Articles assigned to them.
    pub assigned: u32,
    /// Assigned articles they annotated at least once.
    pub started: u32,
    /// Assigned articles they marked done.
    pub done: u32,
    /// Their live annotations, everywhere.
    pub annotations: u32,
    /// Of those, not reviewed yet.
    pub pending_reviews: u32,
}

impl Store {
    /// Share `articles` among `analysts`, `per_article` each, in turn, so that the load is even
    /// and each article gets different analysts. Pairs already assigned are left as they are.
    pub fn assign_articles(
        &mut self,
        lead: &AnnotatorId,
        request: &AssignRequest,
    ) -> Result<AssignReport> {
        let n = request.analysts.len();
        let per = request.per_article as usize;
        if n == 0 || per == 0 {
            return Err(Error::invalid(
                "choose at least one analyst, and one analyst per article",
            ));
        }
        if per > n {
            return Err(Error::invalid(format!(
                "{per} analysts per article needs at least {per} analysts; {n} chosen"
            )));
        }
        let at = timestamp_text(&now());
        self.write(|tx| {
            let mut report = AssignReport {
                assigned: 0,
                already: 0,
            };
            let mut insert = tx.prepare_cached(
                "INSERT INTO assignments (id, article_id, annotator_id, assigned_by, assigned_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (article_id, annotator_id) WHERE removed_at IS NULL DO NOTHING",
            )?;
            for (i, article) in request.articles.iter().enumerate() {
                for j in 0..per {
                    let analyst = &request.analysts[(i * per + j) % n];
                    let id = uuid::Uuid::now_v7().to_string();
                    match insert.execute(params![id, article, analyst, lead, at])? {
                        0 => report.already += 1,
                        _ => report.assigned += 1,
                    }
                }
            }
            Ok(report)
        })
    }

    /// Take an article back from an analyst.
    pub fn unassign(&mut self, article: &ArticleId, analyst: &AnnotatorId) -> Result<()> {
        let at = timestamp_text(&now());
        self.write(|tx| {
            tx.execute(
                "UPDATE assignments SET removed_at = ?3
                 WHERE article_id = ?1 AND annotator_id = ?2 AND removed_at IS NULL",
                params![article, analyst, at],
            )?;
            Ok(())
        })
    }

    /// Mark an assigned article done (or not done again) for its analyst.
    pub fn set_assignment_done(
        &mut self,
        article: &ArticleId,
        analyst: &AnnotatorId,
        done: bool,
    ) -> Result<()> {
        let at = done.then(|| timestamp_text(&now()));
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE assignments SET done_at = ?3
                 WHERE article_id = ?1 AND annotator_id = ?2 AND removed_at IS NULL
                   AND done_at IS NOT ?3",
                params![article, analyst, at],
            )?;
            let assigned: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM assignments WHERE article_id = ?1 AND annotator_id = ?2 AND removed_at IS NULL",
                    params![article, analyst],
                    |r| r.get(0),
                )
                .optional()?;
            if changed == 0 && assigned.is_none() {
                return Err(Error::invalid("this article is not assigned to you"));
            }
            Ok(())
        })
    }

    /// The analysts an article is assigned to, and whether each is done with it.
    pub fn article_assignees(&self, article: &ArticleId) -> Result<Vec<(AnnotatorId, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT annotator_id, done_at IS NOT NULL FROM assignments
             WHERE article_id = ?1 AND removed_at IS NULL ORDER BY assigned_at, annotator_id",
        )?;
        let rows = stmt
            .query_map([article], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every analyst's progress, by name.
    pub fn team_progress(&self) -> Result<Vec<AnalystProgress>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name,
                (SELECT count(*) FROM assignments s WHERE s.annotator_id = p.id AND s.removed_at IS NULL),
                (SELECT count(*) FROM assignments s WHERE s.annotator_id = p.id AND s.removed_at IS NULL
                   AND EXISTS (SELECT 1 FROM annotations n INDEXED BY annotations_by_article
                               WHERE n.article_id = s.article_id AND n.annotator_id = p.id
                                 AND n.deleted_at IS NULL)),
                (SELECT count(*) FROM assignments s WHERE s.annotator_id = p.id AND s.removed_at IS NULL
                   AND s.done_at IS NOT NULL),
                (SELECT count(*) FROM annotations n WHERE n.annotator_id = p.id AND n.deleted_at IS NULL),
                (SELECT count(*) FROM annotations n WHERE n.annotator_id = p.id AND n.deleted_at IS NULL
                   AND n.review_state = 'pending')
             FROM annotators p ORDER BY p.name, p.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(AnalystProgress {
                    analyst_id: r.get(0)?,
                    name: r.get(1)?,
                    assigned: r.get(2)?,
                    started: r.get(3)?,
                    done: r.get(4)?,
                    annotations: r.get(5)?,
                    pending_reviews: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
