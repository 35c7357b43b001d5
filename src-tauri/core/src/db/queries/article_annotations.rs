//! What the workbench loads for one article: its live annotations, and for those whose quote is
//! no longer at their offsets, where it was found again or that it is an orphan.
//!
//! The list carries only what the reader draws and the side panel shows. A 1 MB article can hold
//! 10,000 annotations, and every byte of the answer is read and parsed before anything is painted:
//! the context strings, the article id repeated on every row and the bookkeeping fields (who, when,
//! review) made up more than half of it. Those stay in the database, for exports, review and merges.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotation_tags::tags_by_annotation;
use crate::db::queries::annotations::figure_from_columns;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{AnnotationId, ArticleId, LabelId};
use crate::model::{Annotation, Attributes};
use crate::text::anchoring::{place, quote_is_at, Displaced};
use crate::text::offsets::OffsetMap;

/// One annotation as the reader draws it and the side panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ReaderAnnotation {
    /// Identity.
    pub id: AnnotationId,
    /// The label.
    pub label_id: LabelId,
    /// First code point of the stored span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past the last code point of the stored span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
    /// The quoted text as stored.
    pub exact: String,
    /// What the analyst attached.
    pub attributes: Attributes,
}

impl From<Annotation> for ReaderAnnotation {
    fn from(a: Annotation) -> Self {
        ReaderAnnotation {
            id: a.id,
            label_id: a.label_id,
            start: a.start,
            end: a.end,
            exact: a.exact,
            attributes: a.attributes,
        }
    }
}

/// An article's annotations, placed against its current text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleAnnotations {
    /// Live annotations in text order.
    pub annotations: Vec<ReaderAnnotation>,
    /// Annotations not at their stored offsets: moved (with confidence) or orphaned.
    pub displaced: Vec<Displaced>,
}

impl Store {
    /// Load an article's annotations and check each against the text. Only the columns the
    /// reader shows are read; the few annotations whose quote is not at their offsets are read
    /// whole, since finding them again needs their context.
    pub fn list_article_annotations(&self, article_id: &ArticleId) -> Result<ArticleAnnotations> {
        let article = self.get_article(article_id)?;
        let map = OffsetMap::new(&article.text);
        let mut annotations = self.reader_rows(article_id)?;
        let mut tags = tags_by_annotation(&self.conn, article_id)?;
        let mut displaced = Vec::new();
        for a in &mut annotations {
            if let Some(t) = tags.remove(&a.id) {
                a.attributes.tags = t;
            }
            if !quote_is_at(&map, a.start, a.end, &a.exact) {
                let placement = place(&map, &self.get_annotation(&a.id)?);
                displaced.push(Displaced {
                    id: a.id.clone(),
                    placement,
                });
            }
        }
        Ok(ArticleAnnotations {
            annotations,
            displaced,
        })
    }

    fn reader_rows(&self, article_id: &ArticleId) -> Result<Vec<ReaderAnnotation>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, label_id, start, \"end\", exact, speaker, figure_value, currency, unit,
                    qualifier, verdict, note
             FROM annotations WHERE article_id = ?1 AND deleted_at IS NULL
             ORDER BY start, \"end\" DESC, id",
        )?;
        let rows = stmt.query_map([article_id], |row| {
            Ok(ReaderAnnotation {
                id: row.get(0)?,
                label_id: row.get(1)?,
                start: row.get(2)?,
                end: row.get(3)?,
                exact: row.get(4)?,
                attributes: Attributes {
                    speaker: row.get(5)?,
                    figure: figure_from_columns(row, 6)?,
                    verdict: row.get(10)?,
                    note: row.get(11)?,
                    tags: Vec::new(),
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
