//! Full-text search over article titles and texts and over annotations' quotes, notes, speakers
//! and tags (SQLite FTS5, diacritic- and case-insensitive). Results carry a snippet whose matched
//! words are wrapped in [`MATCH_START`] and [`MATCH_END`] (private-use characters that cannot be
//! mistaken for markup: the UI renders them as marks, as text), and the code-point span to scroll to.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Transaction};
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::filters::Filters;
use crate::model::ids::{AnnotationId, ArticleId, LabelId};
use crate::model::Annotation;
use crate::text::offsets::OffsetMap;

/// Opens a matched word in a snippet.
pub const MATCH_START: char = '\u{E000}';
/// Closes a matched word in a snippet.
pub const MATCH_END: char = '\u{E001}';
const ELLIPSIS: &str = "…";

/// An article whose title or text matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleHit {
    /// The article.
    pub article_id: ArticleId,
    /// Its title.
    pub title: String,
    /// The matching passage, with marked words.
    pub snippet: String,
    /// Code-point span of the first match in the text, if it is in the text.
    #[cfg_attr(feature = "bindings", ts(type = "[number, number] | null"))]
    pub span: Option<(i64, i64)>,
}

/// An annotation whose quote, note, speaker or tags match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationHit {
    /// The annotation.
    pub annotation_id: AnnotationId,
    /// Its article.
    pub article_id: ArticleId,
    /// The article's title.
    pub title: String,
    /// Its label.
    pub label_id: LabelId,
    /// The matching field, with marked words.
    pub snippet: String,
}

/// Up to how many matching articles (or annotations) are ranked; past it they are listed newest
/// first. Ranking reads every match: a word found in 20,000 of 100,000 articles took 65 ms to
/// rank and 15 ms to list newest first, and a word that common says little about relevance.
pub const RANKED_MATCHES_MAX: u32 = 5_000;

/// What a search found, best matches first (or newest first, see the `_ranked` flags).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct SearchResults {
    /// Matching articles.
    pub articles: Vec<ArticleHit>,
    /// Matching annotations.
    pub annotations: Vec<AnnotationHit>,
    /// The articles are ranked; false when more matched than are ranked: newest first.
    pub articles_ranked: bool,
    /// The annotations are ranked; false when more matched than are ranked: newest first.
    pub annotations_ranked: bool,
}

/// Turn what an analyst typed into an FTS5 query: every word must appear (in any order), the
/// last word may be a prefix. Quoting each word keeps FTS5's own syntax out of reach. `None`
/// when it holds no word.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split(separates_words)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{w}\""))
        .collect();
    let last = words.len().checked_sub(1)?;
    Some(
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if i == last {
                    format!("{w}*")
                } else {
                    w.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// White space, the quote mark (FTS5's own syntax) and control characters end a word. A pasted
/// tab or line break is a space. NUL and the other controls are invisible, and the index reads
/// them as separators too, so a query treats them the same way; kept inside a word, NUL would cut
/// FTS5's reading of the query short and fail with SQLite's own error.
fn separates_words(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '"'
}

/// Why a search with no word in it cannot run, in the words of what was typed.
fn no_words_error(typed: &str) -> Error {
    if typed.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        Error::invalid(
            "the search holds only invisible control characters (such as NUL), which are not \
             searched for; type a word to search for",
        )
    } else {
        Error::invalid("type a word to search for")
    }
}

impl Store {
    /// Search articles and annotations; `limit` applies to each list.
    pub fn search(&self, typed: &str, filters: &Filters, limit: u32) -> Result<SearchResults> {
        self.search_ranking_at_most(typed, filters, limit, RANKED_MATCHES_MAX)
    }

    /// [`Store::search`], ranking each list only when at most `rank_cap` records match.
    pub fn search_ranking_at_most(
        &self,
        typed: &str,
        filters: &Filters,
        limit: u32,
        rank_cap: u32,
    ) -> Result<SearchResults> {
        let query = fts_query(typed).ok_or_else(|| no_words_error(typed))?;
        let articles_ranked = self.matches_at_most("articles_fts", &query, rank_cap)?;
        let annotations_ranked = self.matches_at_most("annotations_fts", &query, rank_cap)?;
        Ok(SearchResults {
            articles: self.search_articles(&query, filters, limit, articles_ranked)?,
            annotations: self.search_annotations(&query, filters, limit, annotations_ranked)?,
            articles_ranked,
            annotations_ranked,
        })
    }

    /// True when at most `cap` rows of the index `table` match (it stops counting past `cap`).
    fn matches_at_most(&self, table: &str, query: &str, cap: u32) -> Result<bool> {
        let found: i64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ?1 LIMIT ?2)"
            ),
            rusqlite::params![query, i64::from(cap) + 1],
            |r| r.get(0),
        )?;
        Ok(found <= i64::from(cap))
    }

    fn search_articles(
        &self,
        query: &str,
        filters: &Filters,
        limit: u32,
        ranked: bool,
    ) -> Result<Vec<ArticleHit>> {
        let conditions = filters.article_with_annotation_conditions();
        // `ORDER BY rank` lets FTS5 rank the matches itself and hand them over best first, so
        // the text is read and the snippets cut only for the articles shown. Sorting by a bm25()
        // column instead would cut snippets for every match first: a frequent word matches tens
        // of thousands of articles. The title weighs five times the text. Unranked, the newest
        // come first.
        let (rank, order) = if ranked {
            (
                "AND articles_fts.rank MATCH 'bm25(5.0, 1.0)'",
                "articles_fts.rank",
            )
        } else {
            ("", "articles_fts.rowid DESC")
        };
        let sql = format!(
            "SELECT a.id, a.title, a.text,
                    snippet(articles_fts, 1, char(57344), char(57345), '{ELLIPSIS}', 16),
                    snippet(articles_fts, 0, char(57344), char(57345), '{ELLIPSIS}', 16)
             FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ? {rank} AND {}
             ORDER BY {order} LIMIT ?",
            conditions.joined()
        );
        let mut params = vec![Value::Text(query.to_owned())];
        params.extend(conditions.params);
        params.push(Value::Integer(i64::from(limit)));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            let text: String = r.get(2)?;
            let in_text: String = r.get(3)?;
            let in_title: String = r.get(4)?;
            let span = locate_snippet(&text, &in_text);
            Ok(ArticleHit {
                article_id: r.get(0)?,
                title: r.get(1)?,
                snippet: if span.is_some() { in_text } else { in_title },
                span,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn search_annotations(
        &self,
        query: &str,
        filters: &Filters,
        limit: u32,
        ranked: bool,
    ) -> Result<Vec<AnnotationHit>> {
        let conditions = filters.annotation_with_article_conditions();
        // Ranked by FTS5 itself (bm25), best first, or newest first; see `search_articles`.
        let order = if ranked {
            "annotations_fts.rank"
        } else {
            "annotations_fts.rowid DESC"
        };
        let sql = format!(
            "SELECT n.id, n.article_id, a.title, n.label_id,
                    snippet(annotations_fts, -1, char(57344), char(57345), '{ELLIPSIS}', 16)
             FROM annotations_fts JOIN annotations n ON n.rowid = annotations_fts.rowid
             JOIN articles a ON a.id = n.article_id
             WHERE annotations_fts MATCH ? AND {}
             ORDER BY {order} LIMIT ?",
            conditions.joined()
        );
        let mut params = vec![Value::Text(query.to_owned())];
        params.extend(conditions.params);
        params.push(Value::Integer(i64::from(limit)));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), |r| {
            Ok(AnnotationHit {
                annotation_id: r.get(0)?,
                article_id: r.get(1)?,
                title: r.get(2)?,
                label_id: r.get(3)?,
                snippet: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// True when both search indexes agree with the records they index.
    pub fn search_index_is_consistent(&self) -> Result<bool> {
        let articles_ok = self
            .conn
            .execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_ok();
        let stray: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM (SELECT rowid FROM annotations WHERE deleted_at IS NULL
                                           EXCEPT SELECT rowid FROM annotations_fts))
                  + (SELECT count(*) FROM (SELECT rowid FROM annotations_fts
                                           EXCEPT SELECT rowid FROM annotations WHERE deleted_at IS NULL))",
            [],
            |r| r.get(0),
        )?;
        Ok(articles_ok && stray == 0)
    }

    /// Rebuild both search indexes from the records (`claimdesk-cli check --repair`).
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch(
                "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
                 INSERT INTO articles_fts (rowid, title, text)
                     SELECT rowid, title, text FROM articles WHERE deleted_at IS NULL;
                 DELETE FROM annotations_fts;
                 INSERT INTO annotations_fts (rowid, exact, note, speaker, tags)
                     SELECT n.rowid, n.exact, n.note, coalesce(n.speaker, ''),
                            coalesce((SELECT group_concat(t.tag, ' ') FROM
                                        (SELECT tag FROM annotation_tags WHERE annotation_id = n.id ORDER BY position) t), '')
                     FROM annotations n WHERE n.deleted_at IS NULL;",
            )?;
            Ok(())
        })
    }
}

/// Keep an annotation's row in the search index in step with it: gone when deleted, current
/// otherwise. The annotation's own writer calls it after every write of the row.
pub(crate) fn index_annotation_raw(tx: &Transaction<'_>, a: &Annotation) -> Result<()> {
    let rowid: i64 = tx
        .prepare_cached("SELECT rowid FROM annotations WHERE id = ?1")?
        .query_row([&a.id], |r| r.get(0))?;
    tx.prepare_cached("DELETE FROM annotations_fts WHERE rowid = ?1")?
        .execute([rowid])?;
    if !a.deleted {
        tx.prepare_cached(
            "INSERT INTO annotations_fts (rowid, exact, note, speaker, tags) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            rowid,
            a.exact,
            a.attributes.note,
            a.attributes.speaker.as_deref().unwrap_or_default(),
            a.attributes.tags.join(" "),
        ])?;
    }
    Ok(())
}

/// Find where a snippet (with its marks and ellipses) sits in the text, and return the
/// code-point span of its first marked word.
pub fn locate_snippet(text: &str, snippet: &str) -> Option<(i64, i64)> {
    let plain: String = snippet
        .trim_start_matches(ELLIPSIS)
        .trim_end_matches(ELLIPSIS)
        .chars()
        .filter(|&c| c != MATCH_START && c != MATCH_END)
        .collect();
    let marked = snippet.trim_start_matches(ELLIPSIS);
    let before: String = marked.split(MATCH_START).next()?.to_owned();
    let word: String = marked
        .split(MATCH_START)
        .nth(1)?
        .split(MATCH_END)
        .next()?
        .to_owned();
    let at = text.find(&plain)? + before.len();
    let map = OffsetMap::new(text);
    let start = map.byte_to_char(at).ok()?;
    let end = map.byte_to_char(at + word.len()).ok()?;
    Some((start as i64, end as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_become_quoted_terms_with_a_prefix_on_the_last() {
        assert_eq!(
            fts_query("RT dépensé").as_deref(),
            Some("\"RT\" \"dépensé\"*")
        );
        assert_eq!(
            fts_query("a \"b OR c").as_deref(),
            Some("\"a\" \"b\" \"OR\" \"c\"*")
        );
        assert_eq!(fts_query("  -- ** "), None);
    }

    #[test]
    fn control_characters_separate_words_like_spaces() {
        assert_eq!(
            fts_query("ads\0spent\u{1}by\u{7f}RT\u{9c}x\ttab\nline").as_deref(),
            Some("\"ads\" \"spent\" \"by\" \"RT\" \"x\" \"tab\" \"line\"*")
        );
        assert_eq!(fts_query("\0\u{1}\u{1b}\u{7f}"), None);
    }

    #[test]
    fn a_snippet_is_located_back_in_the_text() {
        let text = "Intro 👋.\nRT a dépensé 274 000 dollars.";
        let snippet = format!("{ELLIPSIS}RT a {MATCH_START}dépensé{MATCH_END} 274{ELLIPSIS}");
        let (start, end) = locate_snippet(text, &snippet).unwrap();
        let found: String = text
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        assert_eq!(found, "dépensé");
    }
}
