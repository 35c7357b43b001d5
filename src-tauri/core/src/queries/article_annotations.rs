//! What the workbench loads for one article: its live annotations, and for those whose quote is
//! no longer at their offsets, where it was found again or that it is an orphan.
//!
//! The list carries only what the reader draws and the side panel shows. A 1 MB article can hold
//! 10,000 annotations, and every byte of the answer is read and parsed before anything is painted:
//! the context strings, the article id repeated on every row and the bookkeeping fields (who, when,
//! review) made up more than half of it. Those stay in the database, for exports, review and merges.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::anchoring::{place, Displaced, Placement};
use crate::error::Result;
use crate::ids::{AnnotationId, ArticleId, LabelId};
use crate::model::{Annotation, Attributes};
use crate::offsets::OffsetMap;
use crate::store::Store;

/// One annotation as the reader draws it and the side panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReaderAnnotation {
    /// Identity.
    pub id: AnnotationId,
    /// The label.
    pub label_id: LabelId,
    /// First code point of the stored span.
    #[ts(type = "number")]
    pub start: i64,
    /// One past the last code point of the stored span.
    #[ts(type = "number")]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleAnnotations {
    /// Live annotations in text order.
    pub annotations: Vec<ReaderAnnotation>,
    /// Annotations not at their stored offsets: moved (with confidence) or orphaned.
    pub displaced: Vec<Displaced>,
}

impl Store {
    /// Load an article's annotations and check each against the text.
    pub fn list_article_annotations(&self, article_id: &ArticleId) -> Result<ArticleAnnotations> {
        let article = self.get_article(article_id)?;
        let annotations = self.list_annotations(article_id)?;
        let map = OffsetMap::new(&article.text);
        let displaced = annotations
            .iter()
            .filter_map(|a| match place(&map, a) {
                Placement::Exact => None,
                placement => Some(Displaced {
                    id: a.id.clone(),
                    placement,
                }),
            })
            .collect();
        Ok(ArticleAnnotations {
            annotations: annotations
                .into_iter()
                .map(ReaderAnnotation::from)
                .collect(),
            displaced,
        })
    }
}
