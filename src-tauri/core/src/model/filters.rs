//! The filters shared by the library, the annotation table, search and (later) the export. Each
//! filter narrows; an empty list means "any". Article-level filters (outlet, language, date) apply
//! to an article; annotation-level ones (label, analyst, tag, review state, currency) apply to an
//! annotation, and an article passes them when at least one of its annotations does.

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::ids::{AnnotatorId, LabelId};
use crate::model::ReviewState;

/// Article `a` is not deleted. Not `a.deleted_at IS NULL`: that column comes after the text and
/// the original bytes in the row, so reading it follows each article's overflow pages (about 10 KB
/// per article; a search or a library count over 100,000 articles read hundreds of megabytes).
/// Deleted articles are few and listed by a small partial index.
const LIVE_ARTICLE: &str =
    "a.rowid NOT IN (SELECT rowid FROM articles WHERE deleted_at IS NOT NULL)";

/// The escape character of every `LIKE` pattern the core builds; see [`like_literal`].
pub(crate) const LIKE_ESCAPE: char = '\\';

/// `value` as a `LIKE` pattern that matches only itself: `%`, `_` and the escape character are
/// escaped, so a filter value typed or sent as "e%" matches the text "e%" and not every value
/// starting with "e". Every `LIKE` built by the core passes its values through here and ends
/// with `ESCAPE '\'`.
pub(crate) fn like_literal(value: &str) -> String {
    let mut pattern = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, '%' | '_' | LIKE_ESCAPE) {
            pattern.push(LIKE_ESCAPE);
        }
        pattern.push(c);
    }
    pattern
}

/// What to narrow a listing to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct Filters {
    /// Annotations with one of these labels.
    pub labels: Vec<LabelId>,
    /// Annotations by one of these analysts.
    pub annotators: Vec<AnnotatorId>,
    /// Articles from one of these outlets (as written).
    pub outlets: Vec<String>,
    /// Articles in one of these languages (BCP 47 tags; "fr" also matches "fr-CA").
    pub languages: Vec<String>,
    /// Articles published on or after this date (YYYY-MM-DD).
    pub published_from: Option<String>,
    /// Articles published on or before this date (YYYY-MM-DD).
    pub published_to: Option<String>,
    /// Annotations carrying one of these tags.
    pub tags: Vec<String>,
    /// Annotations in one of these review states.
    pub review_states: Vec<ReviewState>,
    /// Figures in this currency (ISO 4217).
    pub currency: Option<String>,
    /// Articles assigned to this analyst (and not unassigned).
    pub assigned_to: Option<AnnotatorId>,
}

/// SQL conditions and their parameters, built together so they cannot drift apart.
#[derive(Default)]
pub(crate) struct Conditions {
    pub sql: Vec<String>,
    pub params: Vec<Value>,
}

impl Conditions {
    fn any_of(&mut self, expression: &str, values: impl IntoIterator<Item = String>) {
        let values: Vec<String> = values.into_iter().collect();
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.sql.push(format!("{expression} IN ({marks})"));
        self.params.extend(values.into_iter().map(Value::Text));
    }

    fn push(&mut self, sql: String, value: String) {
        self.sql.push(sql);
        self.params.push(Value::Text(value));
    }

    /// `AND`-joined, or `1` when there is nothing to check.
    pub fn joined(&self) -> String {
        if self.sql.is_empty() {
            "1".to_owned()
        } else {
            self.sql.join(" AND ")
        }
    }
}

impl Filters {
    /// True when any annotation-level filter is set.
    pub fn narrows_annotations(&self) -> bool {
        !(self.labels.is_empty()
            && self.annotators.is_empty()
            && self.tags.is_empty()
            && self.review_states.is_empty()
            && self.currency.is_none())
    }

    /// Conditions on an article row named `a`.
    pub(crate) fn article_conditions(&self, out: &mut Conditions) {
        // SQLite's lower() and NOCASE fold ASCII only, so outlets match as written ("ТАСС").
        out.any_of("a.outlet", self.outlets.iter().map(|o| o.trim().to_owned()));
        if !self.languages.is_empty() {
            let clauses: Vec<String> = self
                .languages
                .iter()
                .map(|_| {
                    "(lower(a.language) = ? OR lower(a.language) LIKE ? || '-%' ESCAPE '\\')"
                        .to_owned()
                })
                .collect();
            out.sql.push(format!("({})", clauses.join(" OR ")));
            for lang in &self.languages {
                let lang = lang.trim().to_lowercase();
                out.params.push(Value::Text(lang.clone()));
                out.params.push(Value::Text(like_literal(&lang)));
            }
        }
        if let Some(from) = &self.published_from {
            out.push(
                "substr(a.published, 1, 10) >= ?".into(),
                from.trim().to_owned(),
            );
        }
        if let Some(to) = &self.published_to {
            out.push(
                "substr(a.published, 1, 10) <= ?".into(),
                to.trim().to_owned(),
            );
        }
        if let Some(analyst) = &self.assigned_to {
            out.push(
                "EXISTS (SELECT 1 FROM assignments s INDEXED BY assignments_live
                         WHERE s.article_id = a.id AND s.annotator_id = ? AND s.removed_at IS NULL)"
                    .into(),
                analyst.0.clone(),
            );
        }
    }

    /// Conditions on an annotation row named `n` (live annotations only).
    pub(crate) fn annotation_conditions(&self, out: &mut Conditions) {
        out.sql.push("n.deleted_at IS NULL".into());
        out.any_of("n.label_id", self.labels.iter().map(|l| l.0.clone()));
        out.any_of(
            "n.annotator_id",
            self.annotators.iter().map(|a| a.0.clone()),
        );
        out.any_of(
            "n.review_state",
            self.review_states.iter().map(|r| r.as_str().to_owned()),
        );
        if !self.tags.is_empty() {
            let marks = vec!["?"; self.tags.len()].join(", ");
            out.sql.push(format!(
                "EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = n.id AND t.tag IN ({marks}))"
            ));
            out.params
                .extend(self.tags.iter().map(|t| Value::Text(t.trim().to_owned())));
        }
        if let Some(currency) = &self.currency {
            out.push(
                "n.currency = ?".into(),
                currency.trim().to_ascii_uppercase(),
            );
        }
    }

    /// Conditions on an article `a`, including "has a matching annotation" when needed.
    pub(crate) fn article_with_annotation_conditions(&self) -> Conditions {
        let mut out = Conditions::default();
        out.sql.push(LIVE_ARTICLE.into());
        self.article_conditions(&mut out);
        if self.narrows_annotations() {
            let mut inner = Conditions::default();
            self.annotation_conditions(&mut inner);
            // Per article, its own annotations are few: without the hint SQLite may walk every
            // annotation with the label for each article instead (seconds on a large corpus).
            out.sql.push(format!(
                "EXISTS (SELECT 1 FROM annotations n INDEXED BY annotations_by_article
                         WHERE n.article_id = a.id AND {})",
                inner.joined()
            ));
            out.params.extend(inner.params);
        }
        out
    }

    /// True when any article-level filter is set.
    pub fn narrows_articles(&self) -> bool {
        !(self.outlets.is_empty()
            && self.languages.is_empty()
            && self.published_from.is_none()
            && self.published_to.is_none()
            && self.assigned_to.is_none())
    }

    /// Conditions on an annotation `n` joined to its article `a`.
    pub(crate) fn annotation_with_article_conditions(&self) -> Conditions {
        let mut out = Conditions::default();
        out.sql.push(LIVE_ARTICLE.into());
        self.article_conditions(&mut out);
        self.annotation_conditions(&mut out);
        out
    }
}
