//! Articles: the text that every offset refers to, with its metadata and the original bytes kept
//! for provenance. The stored text is the source text with line endings normalised and a leading
//! BOM removed, nothing more, so exports quote exactly what was published.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::queries::history::{self, Action, Entity, NewEvent};
use crate::db::sql;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::{now, timestamp_text, ArticleId};
use crate::model::{Article, ArticleMeta, ArticleSummary, PastedArticle, SourceKind};
use crate::text::offsets::normalize_newlines;

/// Longest title taken from the first line when none is given, in code points.
const DERIVED_TITLE_CHARS: usize = 120;

/// Every column of `articles`, in the order [`insert_as_received`] takes them.
pub(crate) const RECEIVED_COLUMNS: &str = "id, title, outlet, author, published, url, language,
    captured_at, source_kind, source_name, original_bytes, text, text_sha256, char_count,
    deleted_at";
/// Where `char_count` sits in [`RECEIVED_COLUMNS`].
pub(crate) const RECEIVED_CHAR_COUNT: usize = 13;

/// An article to store, from any source.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Metadata; an empty title is replaced by the text's first line.
    pub meta: ArticleMeta,
    /// How it arrived.
    pub source_kind: SourceKind,
    /// File name or path, if it came from a file.
    pub source_name: Option<String>,
    /// The bytes as received, kept for provenance.
    pub original: Vec<u8>,
    /// The decoded text before newline normalisation.
    pub text: String,
}

/// Lower-case hex SHA-256 of a text's UTF-8 bytes.
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The record kept in history for an article: its metadata, not its (possibly large) text.
#[derive(Serialize)]
struct ArticleSnapshot<'a> {
    meta: &'a ArticleMeta,
    text_sha256: &'a str,
}

impl Store {
    /// Store an article pasted into the app.
    pub fn create_pasted_article(&mut self, pasted: PastedArticle) -> Result<Article> {
        self.create_article(NewArticle {
            original: pasted.text.as_bytes().to_vec(),
            text: pasted.text,
            meta: pasted.meta,
            source_kind: SourceKind::Paste,
            source_name: None,
        })
    }

    /// Store an article from any source.
    pub fn create_article(&mut self, new: NewArticle) -> Result<Article> {
        self.write(|tx| create_article_raw(tx, new))
    }

    /// One article with its text.
    pub fn get_article(&self, id: &ArticleId) -> Result<Article> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, outlet, author, published, url, language, captured_at, source_kind,
                    source_name, text, text_sha256, char_count
             FROM articles WHERE id = ?1 AND deleted_at IS NULL",
        )?;
        stmt.query_row([id], article_from_row)
            .optional()?
            .ok_or_else(|| Error::not_found("article", id.as_str()))
    }

    /// The bytes the article was created from.
    pub fn get_article_original(&self, id: &ArticleId) -> Result<Vec<u8>> {
        self.conn
            .query_row(
                "SELECT original_bytes FROM articles WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("article", id.as_str()))
    }

    /// Live articles whose text has this hash (the same text imported before).
    pub(crate) fn find_articles_by_text_sha256(&self, sha256: &str) -> Result<Vec<ArticleId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM articles WHERE text_sha256 = ?1 AND deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([sha256], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every live article, newest capture first, with its count of live annotations.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, a.outlet, a.author, a.published, a.url, a.language,
                    a.captured_at, a.char_count,
                    (SELECT count(*) FROM annotations n
                      WHERE n.article_id = a.id AND n.deleted_at IS NULL) AS annotation_count
             FROM articles a WHERE a.deleted_at IS NULL
             ORDER BY a.captured_at DESC, a.id DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(ArticleSummary {
                id: row.get("id")?,
                meta: meta_from_row(row)?,
                captured_at: sql::timestamp(row, "captured_at")?,
                char_count: row.get("char_count")?,
                annotation_count: row.get("annotation_count")?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Store an article inside the caller's transaction (one paste, or one of a batch).
pub(crate) fn create_article_raw(tx: &Transaction<'_>, new: NewArticle) -> Result<Article> {
    let text = normalize_newlines(&new.text);
    if text.trim().is_empty() {
        return Err(Error::invalid(
            "the article has no text: paste or import the article's text first",
        ));
    }
    let meta = clean_meta(new.meta, &text);
    let article = Article {
        id: ArticleId::new(),
        text_sha256: text_sha256(&text),
        char_count: i64::try_from(text.chars().count()).unwrap_or(i64::MAX),
        text,
        meta,
        source_kind: new.source_kind,
        source_name: new.source_name,
        captured_at: now(),
    };
    insert_article_raw(tx, &article, &new.original)?;
    let snapshot = ArticleSnapshot {
        meta: &article.meta,
        text_sha256: &article.text_sha256,
    };
    history::record_raw(
        tx,
        NewEvent {
            entity: Entity::Article,
            entity_id: article.id.as_str(),
            article_id: Some(article.id.as_str()),
            action: Action::Create,
            reverts: None,
            actor: None,
            before: None,
            after: Some(&snapshot),
        },
    )?;
    Ok(article)
}

fn insert_article_raw(tx: &Transaction<'_>, a: &Article, original: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT INTO articles (id, title, outlet, author, published, url, language, captured_at,
                               source_kind, source_name, original_bytes, text, text_sha256, char_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            a.id,
            a.meta.title,
            a.meta.outlet,
            a.meta.author,
            a.meta.published,
            a.meta.url,
            a.meta.language,
            timestamp_text(&a.captured_at),
            a.source_kind.as_str(),
            a.source_name,
            original,
            a.text,
            a.text_sha256,
            a.char_count,
        ],
    )?;
    Ok(())
}

/// Store a teammate's article as received, id, times and tombstone included (its values in
/// [`RECEIVED_COLUMNS`] order). The caller has checked its text against its fingerprint.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<()> {
    let marks = vec!["?"; row.len()].join(", ");
    tx.execute(
        &format!("INSERT INTO articles ({RECEIVED_COLUMNS}) VALUES ({marks})"),
        params_from_iter(row),
    )?;
    Ok(())
}

/// An article with this text fingerprint, a live one first; `None` when there is none.
pub(crate) fn find_by_text_sha256_raw(
    conn: &Connection,
    sha256: &str,
) -> Result<Option<ArticleId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM articles WHERE text_sha256 = ?1
             ORDER BY deleted_at IS NOT NULL, id LIMIT 1",
            [sha256],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether an article (live or deleted) has this id.
pub(crate) fn exists_raw(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

fn meta_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleMeta> {
    Ok(ArticleMeta {
        title: row.get("title")?,
        outlet: row.get("outlet")?,
        author: row.get("author")?,
        published: row.get("published")?,
        url: row.get("url")?,
        language: row.get("language")?,
    })
}

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: row.get("id")?,
        meta: meta_from_row(row)?,
        source_kind: sql::parsed(row, "source_kind", SourceKind::parse)?,
        source_name: row.get("source_name")?,
        captured_at: sql::timestamp(row, "captured_at")?,
        text: row.get("text")?,
        text_sha256: row.get("text_sha256")?,
        char_count: row.get("char_count")?,
    })
}

/// Trim every field, drop empty ones, and give the article a title from its first line.
fn clean_meta(meta: ArticleMeta, text: &str) -> ArticleMeta {
    let tidy = |field: Option<String>| field.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let title = match meta.title.trim() {
        "" => derived_title(text),
        given => given.to_owned(),
    };
    ArticleMeta {
        title,
        outlet: tidy(meta.outlet),
        author: tidy(meta.author),
        published: tidy(meta.published),
        url: tidy(meta.url),
        language: tidy(meta.language),
    }
}

fn derived_title(text: &str) -> String {
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if first_line.chars().count() <= DERIVED_TITLE_CHARS {
        return first_line.to_owned();
    }
    let cut: String = first_line.chars().take(DERIVED_TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}
