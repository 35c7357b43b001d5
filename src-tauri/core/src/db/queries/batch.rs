//! Bulk writes: many articles and annotations in one transaction, all or nothing, through the
//! same checks as single writes. Imports of a folder and corpus generators use it so that 100,000
//! articles do not cost 100,000 disk syncs.

use std::time::Instant;

use rusqlite::Transaction;

use crate::db::queries::annotations::create_annotation_raw;
use crate::db::queries::articles::{create_article_raw, NewArticle};
use crate::db::{begin_immediate, commit_patiently, Store, LOCK_PATIENCE};
use crate::error::Result;
use crate::model::ids::AnnotatorId;
use crate::model::{Annotation, Article, NewAnnotation};

/// Writes collected into one transaction by [`Store::batch`].
pub struct Batch<'a> {
    tx: Transaction<'a>,
}

impl Batch<'_> {
    /// Store an article, as [`Store::create_article`] does.
    pub fn create_article(&mut self, new: NewArticle) -> Result<Article> {
        create_article_raw(&self.tx, new)
    }

    /// Tag a span, as [`Store::create_annotation`] does.
    pub fn create_annotation(
        &mut self,
        actor: &AnnotatorId,
        new: NewAnnotation,
    ) -> Result<Annotation> {
        create_annotation_raw(&self.tx, actor, new)
    }
}

impl Store {
    /// Run `f` with a batch; everything it wrote is committed together, or nothing if it fails.
    pub fn batch<T>(&mut self, f: impl FnOnce(&mut Batch<'_>) -> Result<T>) -> Result<T> {
        let deadline = Instant::now() + LOCK_PATIENCE;
        let tx = begin_immediate(&self.conn, deadline)?;
        let mut batch = Batch { tx };
        let value = f(&mut batch)?;
        commit_patiently(batch.tx, deadline)?;
        Ok(value)
    }
}
