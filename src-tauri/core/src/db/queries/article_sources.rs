//! How each imported article was read (table `article_sources`, one row per article): its
//! source format, the decoder used and whether bytes were replaced. The importer writes the row
//! in the transaction that creates the article; a merge copies a teammate's row as received.
//! Pasted articles, and articles imported before this record was kept, have none.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Transaction};

use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::ArticleId;
use crate::model::provenance::{ArticleSource, SourceFormat};

/// Every column of `article_sources`, in the order [`insert_as_received`] takes them.
pub(crate) const COLUMNS: &str =
    "article_id, format, encoding, lossy, replacements, first_invalid_byte";

impl Store {
    /// How an article was imported; `None` for articles pasted or imported before Claimdesk kept
    /// this record.
    pub fn get_article_source(&self, id: &ArticleId) -> Result<Option<ArticleSource>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT format, encoding, lossy, replacements, first_invalid_byte
             FROM article_sources WHERE article_id = ?1",
        )?;
        let row = stmt
            .query_row([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    ArticleSource {
                        format: SourceFormat::Text,
                        encoding: r.get(1)?,
                        lossy: r.get(2)?,
                        replacements: r.get(3)?,
                        first_invalid_byte: r.get(4)?,
                    },
                ))
            })
            .optional()?;
        row.map(|(format, source)| {
            let format = SourceFormat::parse(&format).ok_or_else(|| {
                Error::invalid(format!("unknown source format \"{format}\" in the file"))
            })?;
            Ok(ArticleSource { format, ..source })
        })
        .transpose()
    }
}

/// Record how `article` was read, inside the transaction that created it.
pub(crate) fn insert_raw(
    tx: &Transaction<'_>,
    article: &ArticleId,
    source: &ArticleSource,
) -> Result<()> {
    tx.execute(
        "INSERT INTO article_sources (article_id, format, encoding, lossy, replacements,
                                      first_invalid_byte)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            article,
            source.format.as_str(),
            source.encoding,
            source.lossy,
            source.replacements,
            source.first_invalid_byte,
        ],
    )?;
    Ok(())
}

/// Copy a teammate's row as received (its values in [`COLUMNS`] order), for an article a merge
/// adds with its own id.
pub(crate) fn insert_as_received(tx: &Transaction<'_>, row: &[Value]) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO article_sources ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        params_from_iter(row),
    )?;
    Ok(())
}
