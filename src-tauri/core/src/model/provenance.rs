//! How an imported article was read: its source format, the decoder used and whether bytes were
//! replaced (a lossy import). Stored beside the article (table `article_sources`, read and
//! written in `db::queries::article_sources`) in the same transaction; the original bytes,
//! source path, capture time and text hash are on the article.

use std::path::Path;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::SourceKind;

/// The kind of source an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Pasted into the app.
    Paste,
    /// A plain-text file.
    Text,
    /// A Markdown file, kept as written.
    Markdown,
    /// An HTML page, reduced to its article text.
    Html,
    /// One line of a JSON Lines corpus.
    Jsonl,
    /// One row of a CSV (or tab-separated) corpus.
    Csv,
}

impl SourceFormat {
    /// The format a file's extension names, if it is one Claimdesk reads.
    pub fn for_path(path: &Path) -> Option<SourceFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "txt" | "text" => SourceFormat::Text,
            "md" | "markdown" => SourceFormat::Markdown,
            "html" | "htm" | "xhtml" => SourceFormat::Html,
            "jsonl" | "ndjson" => SourceFormat::Jsonl,
            "csv" | "tsv" => SourceFormat::Csv,
            _ => return None,
        })
    }

    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Paste => "paste",
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
            SourceFormat::Jsonl => "jsonl",
            SourceFormat::Csv => "csv",
        }
    }

    /// Parse the stored text form.
    pub(crate) fn parse(s: &str) -> Option<SourceFormat> {
        [
            SourceFormat::Paste,
            SourceFormat::Text,
            SourceFormat::Markdown,
            SourceFormat::Html,
            SourceFormat::Jsonl,
            SourceFormat::Csv,
        ]
        .into_iter()
        .find(|f| f.as_str() == s)
    }

    /// The article's source kind: corpus rows are text.
    pub fn source_kind(self) -> SourceKind {
        match self {
            SourceFormat::Paste => SourceKind::Paste,
            SourceFormat::Markdown => SourceKind::Markdown,
            SourceFormat::Html => SourceKind::Html,
            SourceFormat::Text | SourceFormat::Jsonl | SourceFormat::Csv => SourceKind::Text,
        }
    }

    /// Whether each row of the file is an article.
    pub fn is_corpus(self) -> bool {
        matches!(self, SourceFormat::Jsonl | SourceFormat::Csv)
    }
}

/// How an imported article was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ArticleSource {
    /// The source format.
    pub format: SourceFormat,
    /// The decoder used, by its WHATWG name ("UTF-8", "windows-1252", "KOI8-R").
    pub encoding: String,
    /// Whether undecodable bytes were replaced by U+FFFD.
    pub lossy: bool,
    /// How many malformed byte sequences were replaced.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub replacements: i64,
    /// Byte offset in the source of the first replaced sequence.
    #[cfg_attr(feature = "bindings", ts(type = "number | null"))]
    pub first_invalid_byte: Option<i64>,
}
