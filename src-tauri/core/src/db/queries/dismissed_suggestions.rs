//! Suggestions an analyst dismissed (table `dismissed_suggestions`), per analyst and article,
//! naming the span and the words it covered, so that `list_suggestions` does not offer them to
//! that analyst again while the text there is unchanged. Offsets are code points.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::db::queries::annotators;
use crate::db::sql;
use crate::db::Store;
use crate::error::Result;
use crate::model::ids::{now, timestamp_text, AnnotatorId, ArticleId};
use crate::text::offsets::OffsetMap;

/// What a suggestion proposes to tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// A money amount or counted figure.
    Figure,
    /// A quote.
    Quote,
}

impl SuggestionKind {
    /// The stored text form, which is also the kind of label the suggestion would be tagged with.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::Figure => "figure",
            SuggestionKind::Quote => "quote",
        }
    }

    /// Parse the stored text form.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "figure" => Some(SuggestionKind::Figure),
            "quote" => Some(SuggestionKind::Quote),
            _ => None,
        }
    }
}

/// A suggestion to dismiss: which article, what kind, where (code points, `end` exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct NewDismissal {
    /// The article.
    pub article_id: ArticleId,
    /// Figure or quote.
    pub kind: SuggestionKind,
    /// First code point of the suggested span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past its last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
}

/// A suggestion an analyst dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct DismissedSuggestion {
    /// The article.
    pub article_id: ArticleId,
    /// Figure or quote.
    pub kind: SuggestionKind,
    /// First code point of the span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past its last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
    /// The words the span covered when it was dismissed.
    pub exact: String,
    /// When.
    pub dismissed_at: DateTime<Utc>,
}

impl Store {
    /// Dismiss a suggestion for `actor`; dismissing it again changes nothing. The words are cut
    /// from the stored text, never taken from the caller.
    pub fn dismiss_suggestion(
        &mut self,
        actor: &AnnotatorId,
        new: NewDismissal,
    ) -> Result<DismissedSuggestion> {
        let article = self.get_article(&new.article_id)?;
        let (start, end) = article.checked_span(new.start, new.end)?;
        let exact = OffsetMap::new(&article.text).slice(start, end)?.to_owned();
        let dismissed = DismissedSuggestion {
            article_id: new.article_id,
            kind: new.kind,
            start: new.start,
            end: new.end,
            exact,
            dismissed_at: now(),
        };
        self.write(|tx| {
            annotators::require_raw(tx, actor)?;
            tx.execute(
                "INSERT INTO dismissed_suggestions
                     (article_id, annotator_id, kind, start, \"end\", exact, dismissed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (article_id, annotator_id, kind, start, \"end\")
                 DO UPDATE SET exact = ?6, dismissed_at = ?7",
                params![
                    dismissed.article_id,
                    actor,
                    dismissed.kind.as_str(),
                    dismissed.start,
                    dismissed.end,
                    dismissed.exact,
                    timestamp_text(&dismissed.dismissed_at),
                ],
            )?;
            Ok(dismissed)
        })
    }

    /// What `actor` dismissed on an article, in text order.
    pub fn list_dismissed_suggestions(
        &self,
        article_id: &ArticleId,
        actor: &AnnotatorId,
    ) -> Result<Vec<DismissedSuggestion>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT article_id, kind, start, \"end\", exact, dismissed_at FROM dismissed_suggestions
             WHERE article_id = ?1 AND annotator_id = ?2 ORDER BY start, \"end\", kind",
        )?;
        let rows = stmt.query_map(params![article_id, actor], |row| {
            Ok(DismissedSuggestion {
                article_id: row.get(0)?,
                kind: sql::parsed(row, 1, SuggestionKind::parse)?,
                start: row.get(2)?,
                end: row.get(3)?,
                exact: row.get(4)?,
                dismissed_at: sql::timestamp(row, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
