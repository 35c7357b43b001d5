//! Storing one imported article: the duplicate check, the article and its source record in one
//! `BEGIN IMMEDIATE` transaction, so that an interrupted import leaves whole articles only and two
//! imports of the same text, even from two windows at once, store it once.

use rusqlite::{OptionalExtension, Transaction};

use crate::db::queries::article_sources;
use crate::db::queries::articles::{create_article_raw, text_sha256, NewArticle};
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::ArticleId;
use crate::model::provenance::ArticleSource;
use crate::model::ArticleMeta;
use crate::text::offsets::normalize_newlines;

/// An article read from a source, not stored yet.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub meta: ArticleMeta,
    /// The text as stored: newlines normalised, BOM removed.
    pub text: String,
    pub original: Vec<u8>,
    pub source_name: Option<String>,
    pub source: ArticleSource,
}

impl Draft {
    pub fn new(text: &str, meta: ArticleMeta, original: Vec<u8>, source: ArticleSource) -> Self {
        Draft {
            meta,
            text: normalize_newlines(text),
            original,
            source_name: None,
            source,
        }
    }

    pub fn named(mut self, source_name: String) -> Self {
        self.source_name = Some(source_name);
        self
    }
}

/// What storing a draft did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Committed {
    Imported {
        id: ArticleId,
        title: String,
        lossy: bool,
    },
    Duplicate(ArticleId),
}

/// Store `draft` unless a live article already has the same text.
pub(crate) fn commit_draft(store: &mut Store, draft: Draft) -> Result<Committed> {
    let sha256 = text_sha256(&draft.text);
    store.write(|tx| {
        if let Some(existing) = live_article_with_text(tx, &sha256)? {
            return Ok(Committed::Duplicate(existing));
        }
        let article = create_article_raw(
            tx,
            NewArticle {
                meta: draft.meta,
                source_kind: draft.source.format.source_kind(),
                source_name: draft.source_name,
                original: draft.original,
                text: draft.text,
            },
        )?;
        article_sources::insert_raw(tx, &article.id, &draft.source)?;
        Ok(Committed::Imported {
            id: article.id,
            title: article.meta.title,
            lossy: draft.source.lossy,
        })
    })
}

fn live_article_with_text(tx: &Transaction<'_>, sha256: &str) -> Result<Option<ArticleId>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM articles WHERE text_sha256 = ?1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
    )?;
    Ok(stmt.query_row([sha256], |r| r.get(0)).optional()?)
}
