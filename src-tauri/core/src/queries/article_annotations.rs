//! What the workbench loads for one article: its live annotations, and for those whose quote is
//! no longer at their offsets, where it was found again or that it is an orphan.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::anchoring::{place, Displaced, Placement};
use crate::error::Result;
use crate::ids::ArticleId;
use crate::model::Annotation;
use crate::offsets::OffsetMap;
use crate::store::Store;

/// An article's annotations, placed against its current text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ArticleAnnotations {
    /// Live annotations in text order.
    pub annotations: Vec<Annotation>,
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
            annotations,
            displaced,
        })
    }
}
