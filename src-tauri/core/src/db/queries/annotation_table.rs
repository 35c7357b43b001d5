//! The annotation table: every annotation across the corpus, one row each, sortable and
//! filterable, served a page at a time so the UI can scroll a million rows by fetching only
//! what is on screen.

use std::collections::HashMap;

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::sql;
use crate::db::Store;
use crate::error::Result;
use crate::model::filters::{Conditions, Filters};
use crate::model::ids::{AnnotationId, AnnotatorId, ArticleId, LabelId};
use crate::model::ReviewState;

/// Largest page served at once.
const MAX_PAGE: u32 = 1_000;

/// What the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum AnnotationSort {
    /// Article title, then position in the text.
    Article,
    /// Label.
    Label,
    /// Analyst name.
    Annotator,
    /// Creation time.
    Created,
    /// Last change.
    Updated,
    /// Review state.
    Review,
}

/// Which page of the table to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationQuery {
    /// Narrowing.
    pub filters: Filters,
    /// Sort key.
    pub sort: AnnotationSort,
    /// Largest first.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most 1,000).
    pub limit: u32,
}

/// One annotation as the table shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationRow {
    /// The annotation.
    pub id: AnnotationId,
    /// Its article.
    pub article_id: ArticleId,
    /// The article's title.
    pub article_title: String,
    /// Its label.
    pub label_id: LabelId,
    /// The quote.
    pub exact: String,
    /// A quote's speaker.
    pub speaker: Option<String>,
    /// A figure's exact value.
    pub value: Option<String>,
    /// A figure's currency.
    pub currency: Option<String>,
    /// A figure's unit.
    pub unit: Option<String>,
    /// A claim's verdict.
    pub verdict: Option<String>,
    /// Who made it.
    pub annotator_id: AnnotatorId,
    /// Their name.
    pub annotator_name: String,
    /// When it was made.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it last changed.
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Review decision.
    pub review_state: ReviewState,
}

/// A page of the table and how many rows match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationPage {
    /// Matching annotations in all.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub total: i64,
    /// This page.
    pub rows: Vec<AnnotationRow>,
}

impl Store {
    /// One page of the annotation table.
    pub fn list_annotation_table(&self, query: &AnnotationQuery) -> Result<AnnotationPage> {
        let filters = &query.filters;
        // Joins cost as much as the rows they skip over, so the page is chosen on annotations
        // alone whenever the filters and the sort allow, then its 200 rows are joined.
        let needs_article = filters.narrows_articles() || query.sort == AnnotationSort::Article;
        let needs_annotator = query.sort == AnnotationSort::Annotator;
        let conditions = if needs_article {
            filters.annotation_with_article_conditions()
        } else {
            let mut only = Conditions::default();
            only.sql.push(
                "n.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)".into(),
            );
            filters.annotation_conditions(&mut only);
            only
        };
        let mut from = String::from("FROM annotations n");
        if needs_article {
            from.push_str(" JOIN articles a ON a.id = n.article_id");
        }
        if needs_annotator {
            from.push_str(" JOIN annotators p ON p.id = n.annotator_id");
        }
        let where_sql = conditions.joined();
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) {from} WHERE {where_sql}"),
            params_from_iter(conditions.params.iter()),
            |r| r.get(0),
        )?;
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = match query.sort {
            AnnotationSort::Article => format!("lower(a.title) {direction}, a.id, n.start"),
            AnnotationSort::Label => format!("n.label_id {direction}, n.created_at"),
            AnnotationSort::Annotator => format!("lower(p.name) {direction}, n.created_at"),
            AnnotationSort::Created => format!("n.created_at {direction}"),
            AnnotationSort::Updated => format!("n.updated_at {direction}"),
            AnnotationSort::Review => format!("n.review_state {direction}, n.created_at"),
        };
        let mut params = conditions.params;
        params.push(Value::Integer(i64::from(query.limit.min(MAX_PAGE))));
        params.push(Value::Integer(i64::from(query.offset)));
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.rowid {from} WHERE {where_sql} ORDER BY {order}, n.rowid LIMIT ? OFFSET ?"
        ))?;
        let page: Vec<i64> = stmt
            .query_map(params_from_iter(params), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(AnnotationPage {
            total,
            rows: self.annotation_rows(&page)?,
        })
    }

    /// The table's rows for these annotations (by rowid), in the order given.
    fn annotation_rows(&self, rowids: &[i64]) -> Result<Vec<AnnotationRow>> {
        if rowids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; rowids.len()].join(", ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT n.rowid, n.id, n.article_id, a.title, n.label_id, n.exact, n.speaker,
                    n.figure_value, n.currency, n.unit, n.verdict, n.annotator_id, p.name,
                    n.created_at, n.updated_at, n.review_state
             FROM annotations n JOIN articles a ON a.id = n.article_id
             JOIN annotators p ON p.id = n.annotator_id WHERE n.rowid IN ({marks})"
        ))?;
        let mut by_rowid: HashMap<i64, AnnotationRow> = HashMap::with_capacity(rowids.len());
        let rows = stmt.query_map(params_from_iter(rowids.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                AnnotationRow {
                    id: r.get(1)?,
                    article_id: r.get(2)?,
                    article_title: r.get(3)?,
                    label_id: r.get(4)?,
                    exact: r.get(5)?,
                    speaker: r.get(6)?,
                    value: r.get(7)?,
                    currency: r.get(8)?,
                    unit: r.get(9)?,
                    verdict: r.get(10)?,
                    annotator_id: r.get(11)?,
                    annotator_name: r.get(12)?,
                    created_at: sql::timestamp(r, "created_at")?,
                    updated_at: sql::timestamp(r, "updated_at")?,
                    review_state: sql::parsed(r, "review_state", ReviewState::parse)?,
                },
            ))
        })?;
        for row in rows {
            let (rowid, row) = row?;
            by_rowid.insert(rowid, row);
        }
        Ok(rowids.iter().filter_map(|id| by_rowid.remove(id)).collect())
    }
}
