//! Importing article files. For now: plain text (`.txt`, `.md` and other text files) in UTF-8,
//! with or without a BOM. The same text imported twice is reported as a duplicate, not stored again.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ids::ArticleId;
use crate::model::{ArticleMeta, SourceKind};
use crate::offsets::normalize_newlines;
use crate::queries::articles::{text_sha256, NewArticle};
use crate::store::Store;

/// Largest file imported, in bytes; larger files are refused with this reason.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new article was stored.
    Imported {
        /// Its id.
        article_id: ArticleId,
        /// Its title.
        title: String,
    },
    /// The same text is already in the database.
    Duplicate {
        /// The article that already has this text.
        existing: ArticleId,
    },
}

/// Import one text file as an article.
pub fn import_text_file(store: &mut Store, path: &Path) -> Result<ImportOutcome> {
    let kind = source_kind_for(path)?;
    let bytes = read_capped(path)?;
    let decoded = std::str::from_utf8(&bytes).map_err(|e| {
        Error::invalid(format!(
            "{} is not valid UTF-8 (first bad byte at offset {}): save it as UTF-8 and import again",
            path.display(),
            e.valid_up_to()
        ))
    })?;
    let text = normalize_newlines(decoded);
    if let Some(existing) = store
        .find_articles_by_text_sha256(&text_sha256(&text))?
        .into_iter()
        .next()
    {
        return Ok(ImportOutcome::Duplicate { existing });
    }
    let article = store.create_article(NewArticle {
        meta: ArticleMeta::default(),
        source_kind: kind,
        source_name: Some(path.display().to_string()),
        text,
        original: bytes,
    })?;
    Ok(ImportOutcome::Imported {
        article_id: article.id,
        title: article.meta.title,
    })
}

fn source_kind_for(path: &Path) -> Result<SourceKind> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" | "xhtml" => Err(Error::invalid(format!(
            "{}: HTML import is not available yet; save the page as text and import that",
            path.display()
        ))),
        "md" | "markdown" => Ok(SourceKind::Markdown),
        _ => Ok(SourceKind::Text),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let context = || format!("reading {}", path.display());
    let meta = std::fs::metadata(path).map_err(|e| Error::io(context(), e))?;
    if meta.is_dir() {
        return Err(Error::invalid(format!(
            "{} is a folder: name the files to import",
            path.display()
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(format!(
            "{} is {} MB, more than the {} MB limit for one article",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Error::io(context(), e))
}
