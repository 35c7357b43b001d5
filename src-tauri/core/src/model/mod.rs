//! The records Claimdesk keeps, as the UI and the exports see them. These types cross the IPC
//! boundary as JSON; their TypeScript twins are generated into `ui/src/api/generated/` (see
//! `bindings.rs`). Offsets are code points into `Article::text`, `end` exclusive.

pub mod attributes;
pub mod filters;
pub mod ids;
pub mod provenance;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::ids::{AnnotationId, AnnotatorId, ArticleId, LabelId};

/// Where an article's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Pasted into the app.
    Paste,
    /// A plain-text file.
    Text,
    /// A Markdown file.
    Markdown,
    /// An HTML page.
    Html,
}

impl SourceKind {
    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Paste => "paste",
            SourceKind::Text => "text",
            SourceKind::Markdown => "markdown",
            SourceKind::Html => "html",
        }
    }

    /// Parse the stored text form.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "paste" => SourceKind::Paste,
            "text" => SourceKind::Text,
            "markdown" => SourceKind::Markdown,
            "html" => SourceKind::Html,
            _ => return None,
        })
    }
}

/// Descriptive fields of an article, all optional but the title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleMeta {
    /// Headline; never empty once stored (the first line of the text stands in).
    pub title: String,
    /// Publication or site, e.g. "RT".
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication date as given by the source (ISO 8601 date or date-time).
    pub published: Option<String>,
    /// Where the article was found.
    pub url: Option<String>,
    /// BCP 47 language tag, e.g. "fr" or "ru".
    pub language: Option<String>,
}

/// An article pasted by an analyst: what the paste form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct PastedArticle {
    /// The pasted text, exactly as pasted.
    pub text: String,
    /// Metadata typed into the form.
    pub meta: ArticleMeta,
}

/// An article as stored. `text` is the source text with line endings normalised to `\n` and a
/// leading BOM removed, nothing else; every offset refers to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Article {
    /// Identity.
    pub id: ArticleId,
    /// Descriptive fields.
    pub meta: ArticleMeta,
    /// How the article arrived.
    pub source_kind: SourceKind,
    /// File name or path it was imported from, if any.
    pub source_name: Option<String>,
    /// When it was captured into Claimdesk.
    pub captured_at: DateTime<Utc>,
    /// The text that offsets refer to.
    pub text: String,
    /// Lower-case hex SHA-256 of `text` in UTF-8.
    pub text_sha256: String,
    /// Length of `text` in code points.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub char_count: i64,
}

impl Article {
    /// Check a span against an article's text: `0 <= start <= end <= length`, in code points. The
    /// length is counted from the text itself: the stored `char_count` comes from the file, and a
    /// teammate's file may carry any number there.
    pub(crate) fn checked_span(&self, start: i64, end: i64) -> crate::Result<(usize, usize)> {
        let length = self.text.chars().count();
        let in_text = |offset: i64| usize::try_from(offset).ok().filter(|&o| o <= length);
        match (in_text(start), in_text(end)) {
            (Some(s), Some(e)) if s <= e => Ok((s, e)),
            _ => Err(crate::Error::invalid(format!(
                "the span {start}..{end} is not inside the article (0..{length}); select the \
                 text again"
            ))),
        }
    }
}

/// One line of the article list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleSummary {
    /// Identity.
    pub id: ArticleId,
    /// Descriptive fields.
    pub meta: ArticleMeta,
    /// When it was captured.
    pub captured_at: DateTime<Utc>,
    /// Length in code points.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub char_count: i64,
    /// Live (not deleted) annotations on it.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub annotation_count: i64,
}

/// What a label stands for; typed attributes depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum LabelKind {
    /// A factual claim; carries a verdict.
    Claim,
    /// Reported speech; carries a speaker.
    Quote,
    /// A sponsored-content figure; carries a value and a currency or unit.
    Figure,
    /// A team's own label.
    Custom,
}

impl LabelKind {
    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            LabelKind::Claim => "claim",
            LabelKind::Quote => "quote",
            LabelKind::Figure => "figure",
            LabelKind::Custom => "custom",
        }
    }

    /// Parse the stored text form.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "claim" => LabelKind::Claim,
            "quote" => LabelKind::Quote,
            "figure" => LabelKind::Figure,
            "custom" => LabelKind::Custom,
            _ => return None,
        })
    }
}

/// A label analysts tag spans with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Label {
    /// Identity; the three built-in labels have the same id in every file.
    pub id: LabelId,
    /// Display name, unique among active labels.
    pub name: String,
    /// Which typed attributes apply.
    pub kind: LabelKind,
    /// Highlight colour, `#rrggbb`.
    pub color: String,
    /// Single-key shortcut, unique among active labels.
    pub hotkey: Option<String>,
    /// Built-in labels cannot be retired.
    pub builtin: bool,
    /// Retired labels keep their annotations but are not offered for new ones.
    pub retired: bool,
}

/// A custom label to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct NewLabel {
    /// Display name.
    pub name: String,
    /// Highlight colour, `#rrggbb`.
    pub color: String,
    /// Single lower-case letter or digit.
    pub hotkey: Option<String>,
}

/// Changes to a label; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct LabelPatch {
    /// New name.
    pub name: Option<String>,
    /// New colour.
    pub color: Option<String>,
    /// New hotkey; `Some(None)` is not expressible in JSON, so an empty string clears it.
    pub hotkey: Option<String>,
}

/// An analyst.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Annotator {
    /// Identity.
    pub id: AnnotatorId,
    /// Name as typed by the analyst.
    pub name: String,
}

/// A sponsored-content figure: "274,000 dollars", "more than 600 accounts".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Figure {
    /// Exact decimal value, never a float: "1,9 million" is 1900000.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "bindings", ts(type = "string"))]
    pub value: Decimal,
    /// ISO 4217 code, upper case, when the figure is money.
    pub currency: Option<String>,
    /// What is counted, when it is not money: "promoted tweets", "accounts".
    pub unit: Option<String>,
    /// "more than", "about", "nearly"...
    pub qualifier: Option<String>,
}

/// What an analyst attaches to a span. Which fields apply depends on the label's kind, but every
/// annotation can carry a note and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Attributes {
    /// Who is quoted.
    pub speaker: Option<String>,
    /// The figure's value and unit.
    pub figure: Option<Figure>,
    /// A claim's verdict, from the team's scale.
    pub verdict: Option<String>,
    /// Free text.
    pub note: String,
    /// Free tags, trimmed, unique, in the order given.
    pub tags: Vec<String>,
}

/// Where an annotation stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Not reviewed yet.
    Pending,
    /// Accepted by a reviewer.
    Accepted,
    /// Rejected by a reviewer.
    Rejected,
}

impl ReviewState {
    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Pending => "pending",
            ReviewState::Accepted => "accepted",
            ReviewState::Rejected => "rejected",
        }
    }

    /// Parse the stored text form.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => ReviewState::Pending,
            "accepted" => ReviewState::Accepted,
            "rejected" => ReviewState::Rejected,
            _ => return None,
        })
    }
}

/// A highlighted span with its label and attributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct Annotation {
    /// Identity.
    pub id: AnnotationId,
    /// The article the span is in.
    pub article_id: ArticleId,
    /// The label.
    pub label_id: LabelId,
    /// First code point of the span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past the last code point of the span.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
    /// The quoted text, `text[start..end]` when stored.
    pub exact: String,
    /// Up to 32 code points before the span.
    pub prefix: String,
    /// Up to 32 code points after the span.
    pub suffix: String,
    /// What the analyst attached.
    pub attributes: Attributes,
    /// Who made it.
    pub annotator_id: AnnotatorId,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Review decision.
    pub review_state: ReviewState,
    /// Tombstone: deleted annotations are kept so that merges and undo know about them.
    pub deleted: bool,
}

/// A span to annotate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct NewAnnotation {
    /// The article.
    pub article_id: ArticleId,
    /// The label.
    pub label_id: LabelId,
    /// First code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub start: i64,
    /// One past the last code point.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub end: i64,
    /// Attributes to start with.
    pub attributes: Attributes,
}

/// Changes to an annotation; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationPatch {
    /// Relabel.
    pub label_id: Option<LabelId>,
    /// Move the span: `[start, end]` in code points.
    #[cfg_attr(feature = "bindings", ts(type = "[number, number] | null"))]
    pub span: Option<(i64, i64)>,
    /// Replace all attributes.
    pub attributes: Option<Attributes>,
}
