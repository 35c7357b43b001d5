//! The library: a sortable, filterable page of articles with their annotation counts per label and
//! per review state. Pages keep it fast with 100,000 articles: counts are computed for the rows
//! shown, not for the whole corpus.

use std::collections::HashMap;

use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::sql;
use crate::db::Store;
use crate::error::Result;
use crate::model::filters::Filters;
use crate::model::ids::{ArticleId, LabelId};
use crate::model::ArticleMeta;

/// Largest page served at once.
const MAX_PAGE: u32 = 1_000;

/// What the library can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum LibrarySort {
    /// Title, A to Z.
    Title,
    /// Outlet.
    Outlet,
    /// Publication date.
    Published,
    /// Language tag.
    Language,
    /// When it was captured.
    Captured,
    /// Number of live annotations.
    Annotations,
}

/// Which page of the library to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LibraryQuery {
    /// Narrowing.
    pub filters: Filters,
    /// Sort key.
    pub sort: LibrarySort,
    /// Largest first.
    pub descending: bool,
    /// Rows to skip.
    pub offset: u32,
    /// Rows to return (at most 1,000).
    pub limit: u32,
}

/// How many annotations an article has with one label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LabelCount {
    /// The label.
    pub label_id: LabelId,
    /// Live annotations with it.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub count: i64,
}

/// One row of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LibraryRow {
    /// The article.
    pub id: ArticleId,
    /// Its metadata.
    pub meta: ArticleMeta,
    /// When it was captured.
    pub captured_at: chrono::DateTime<chrono::Utc>,
    /// Live annotations in all.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub annotations: i64,
    /// Live annotations per label.
    pub label_counts: Vec<LabelCount>,
    /// Annotations not reviewed yet.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub pending: i64,
    /// Annotations accepted.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub accepted: i64,
    /// Annotations rejected.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub rejected: i64,
}

/// A page of the library and how many rows match in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LibraryPage {
    /// Matching articles in all.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub total: i64,
    /// This page.
    pub rows: Vec<LibraryRow>,
}

impl Store {
    /// One page of the library.
    pub fn list_library(&self, query: &LibraryQuery) -> Result<LibraryPage> {
        let conditions = query.filters.article_with_annotation_conditions();
        let where_sql = conditions.joined();
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM articles a WHERE {where_sql}"),
            params_from_iter(conditions.params.iter()),
            |r| r.get(0),
        )?;
        let order = match query.sort {
            LibrarySort::Title => "lower(a.title)",
            LibrarySort::Outlet => "lower(coalesce(a.outlet, ''))",
            LibrarySort::Published => "coalesce(a.published, '')",
            LibrarySort::Language => "coalesce(a.language, '')",
            LibrarySort::Captured => "a.captured_at",
            LibrarySort::Annotations => "annotations",
        };
        let direction = if query.descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT a.id, a.title, a.outlet, a.author, a.published, a.url, a.language, a.captured_at,
                    (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.deleted_at IS NULL) AS annotations
             FROM articles a WHERE {where_sql}
             ORDER BY {order} {direction}, a.id {direction} LIMIT ? OFFSET ?"
        );
        let mut params = conditions.params;
        params.push(Value::Integer(i64::from(query.limit.min(MAX_PAGE))));
        params.push(Value::Integer(i64::from(query.offset)));
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok(LibraryRow {
                    id: r.get("id")?,
                    meta: ArticleMeta {
                        title: r.get("title")?,
                        outlet: r.get("outlet")?,
                        author: r.get("author")?,
                        published: r.get("published")?,
                        url: r.get("url")?,
                        language: r.get("language")?,
                    },
                    captured_at: sql::timestamp(r, "captured_at")?,
                    annotations: r.get("annotations")?,
                    label_counts: Vec::new(),
                    pending: 0,
                    accepted: 0,
                    rejected: 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        self.fill_counts(&mut rows)?;
        Ok(LibraryPage { total, rows })
    }

    /// Counts per label and review state for the rows of one page, in one query.
    fn fill_counts(&self, rows: &mut [LibraryRow]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let marks = vec!["?"; rows.len()].join(", ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT article_id, label_id, review_state, count(*) FROM annotations
             WHERE deleted_at IS NULL AND article_id IN ({marks})
             GROUP BY article_id, label_id, review_state ORDER BY label_id"
        ))?;
        let ids = rows.iter().map(|r| Value::Text(r.id.0.clone()));
        let mut index: HashMap<ArticleId, usize> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            index.insert(row.id.clone(), i);
        }
        let counted = stmt.query_map(params_from_iter(ids), |r| {
            Ok((
                r.get::<_, ArticleId>(0)?,
                r.get::<_, LabelId>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for item in counted {
            let (article, label, state, count) = item?;
            let Some(row) = index.get(&article).and_then(|&i| rows.get_mut(i)) else {
                continue;
            };
            match row.label_counts.iter_mut().find(|c| c.label_id == label) {
                Some(entry) => entry.count += count,
                None => row.label_counts.push(LabelCount {
                    label_id: label,
                    count,
                }),
            }
            match state.as_str() {
                "accepted" => row.accepted += count,
                "rejected" => row.rejected += count,
                _ => row.pending += count,
            }
        }
        Ok(())
    }
}

/// The values the filters can offer: outlets, languages and tags present in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Facets {
    /// Outlets of live articles.
    pub outlets: Vec<String>,
    /// Languages of live articles.
    pub languages: Vec<String>,
    /// Tags on live annotations.
    pub tags: Vec<String>,
}

impl Store {
    /// Distinct outlets, languages and tags, for the filter bar.
    pub fn list_facets(&self) -> Result<Facets> {
        let column = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Facets {
            outlets: column(
                "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL AND deleted_at IS NULL ORDER BY lower(outlet) LIMIT 1000",
            )?,
            languages: column(
                "SELECT DISTINCT language FROM articles WHERE language IS NOT NULL AND deleted_at IS NULL ORDER BY language LIMIT 1000",
            )?,
            tags: column(
                "SELECT DISTINCT t.tag FROM annotation_tags t JOIN annotations n ON n.id = t.annotation_id
                 WHERE n.deleted_at IS NULL ORDER BY lower(t.tag) LIMIT 1000",
            )?,
        })
    }
}
