//! What an import may do: the limits that keep a hostile or broken file from taking the machine
//! down, the encoding to assume where a file does not say, and how corpus columns map to fields.

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::error::{Error, Result};

/// Largest file (or corpus row) imported by default, in bytes.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;
/// Largest doccano or Label Studio file imported, in bytes. Its documents are all held until they
/// are stored, so the file's size bounds the memory an annotation import takes; one document in
/// it is held to [`DEFAULT_MAX_BYTES`] like any article.
pub const MAX_ANNOTATION_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Deepest element nesting accepted in an HTML page by default. Browsers flatten beyond about 512;
/// news pages stay well under 100. The parser's scope checks cost time proportional to the depth
/// for every tag, so a page nested 100,000 deep would otherwise take minutes.
pub const DEFAULT_MAX_DEPTH: u32 = 512;
/// Longest time spent reading, decoding and extracting one article by default, in seconds. A
/// news page takes milliseconds; a page built to slow readers down is refused at this deadline.
pub const DEFAULT_MAX_SECONDS: u32 = 10;

/// The most *Largest file* may be raised to. The stored text of an article this size stays under
/// the largest value a database file may hold (`store::limits::MAX_VALUE_BYTES`, 256 MiB) even
/// when decoding a legacy charset triples its bytes, so a file Claimdesk wrote always opens again.
pub const MAX_MAX_BYTES: u64 = 80 * 1024 * 1024;
/// The longest deadline an import may set, in seconds: the deadline is what keeps a hostile page
/// from holding an import for ever, so it cannot be turned off.
pub const MAX_MAX_SECONDS: u32 = 120;
/// The deepest nesting an import may allow (the parser's cost grows with it).
pub const MAX_MAX_DEPTH: u32 = 4096;

/// How to import. Every field has a default, so the UI may send `{}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct ImportOptions {
    /// Files (and corpus rows) larger than this are refused, in bytes.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub max_bytes: u64,
    /// HTML pages nested deeper than this are refused.
    pub max_depth: u32,
    /// One article taking longer than this to read and extract is refused, in seconds.
    pub max_seconds: u32,
    /// Encoding label (WHATWG names: "windows-1252", "iso-8859-2", "koi8-r"...) for files that
    /// carry no byte-order mark. It overrides a page's own `<meta charset>`. `None`: UTF-8, or
    /// what the page declares.
    pub encoding: Option<String>,
    /// Replace undecodable bytes with U+FFFD and flag the article, instead of refusing the file.
    pub lossy: bool,
    /// Which corpus columns (CSV) or keys (JSONL) hold which field.
    pub columns: ColumnMap,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_seconds: DEFAULT_MAX_SECONDS,
            encoding: None,
            lossy: false,
            columns: ColumnMap::default(),
        }
    }
}

impl ImportOptions {
    /// Refuse limits outside what an import can keep safe: zero, or past [`MAX_MAX_BYTES`],
    /// [`MAX_MAX_SECONDS`] or [`MAX_MAX_DEPTH`].
    pub fn check_limits(&self) -> Result<()> {
        const MB: u64 = 1024 * 1024;
        if self.max_bytes == 0 || self.max_bytes > MAX_MAX_BYTES {
            return Err(Error::invalid(format!(
                "the largest file must be between 1 byte and {} MB; split larger corpora",
                MAX_MAX_BYTES / MB
            )));
        }
        if self.max_seconds == 0 || self.max_seconds > MAX_MAX_SECONDS {
            return Err(Error::invalid(format!(
                "the time allowed per article must be between 1 and {MAX_MAX_SECONDS} seconds"
            )));
        }
        if self.max_depth == 0 || self.max_depth > MAX_MAX_DEPTH {
            return Err(Error::invalid(format!(
                "the deepest nesting allowed must be between 1 and {MAX_MAX_DEPTH}"
            )));
        }
        Ok(())
    }
}

/// Corpus column (or JSON key) names. A column named here must exist; an unnamed field is read
/// from the column of its own name when there is one (`text`, `title`, `url`...).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(default)]
pub struct ColumnMap {
    /// The article text; required (default column: `text`).
    pub text: Option<String>,
    /// Headline (default column: `title`).
    pub title: Option<String>,
    /// Where the article was found (default column: `url`).
    pub url: Option<String>,
    /// Publication (default column: `outlet`).
    pub outlet: Option<String>,
    /// Byline (default column: `author`).
    pub author: Option<String>,
    /// Publication date (default column: `date`).
    pub date: Option<String>,
    /// Language tag (default column: `language`).
    pub language: Option<String>,
}

/// The fields a corpus column can fill, in the order [`ColumnMap::fields`] lists them.
pub const CORPUS_FIELDS: [&str; 7] = [
    "text", "title", "url", "outlet", "author", "date", "language",
];

impl ColumnMap {
    /// Parse `text=body,title=headline` as the CLI's `--map` takes it.
    pub fn parse(spec: &str) -> Result<ColumnMap> {
        let mut map = ColumnMap::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) = pair.split_once('=').ok_or_else(|| {
                Error::invalid(format!(
                    "column mapping \"{pair}\" is not FIELD=COLUMN (for example text=body)"
                ))
            })?;
            let slot = map.slot(field.trim()).ok_or_else(|| {
                Error::invalid(format!(
                    "unknown field \"{}\" in the column mapping: use {}",
                    field.trim(),
                    CORPUS_FIELDS.join(", ")
                ))
            })?;
            *slot = Some(column.trim().to_owned());
        }
        Ok(map)
    }

    /// Each field with the column named for it, if any.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 7] {
        [
            ("text", self.text.as_deref()),
            ("title", self.title.as_deref()),
            ("url", self.url.as_deref()),
            ("outlet", self.outlet.as_deref()),
            ("author", self.author.as_deref()),
            ("date", self.date.as_deref()),
            ("language", self.language.as_deref()),
        ]
    }

    fn slot(&mut self, field: &str) -> Option<&mut Option<String>> {
        Some(match field {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "url" => &mut self.url,
            "outlet" => &mut self.outlet,
            "author" => &mut self.author,
            "date" | "published" => &mut self.date,
            "language" | "lang" => &mut self.language,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_past_what_an_import_keeps_safe_are_refused() {
        assert!(ImportOptions::default().check_limits().is_ok());
        let with = |f: fn(&mut ImportOptions)| {
            let mut options = ImportOptions::default();
            f(&mut options);
            options.check_limits()
        };
        assert!(with(|o| o.max_bytes = MAX_MAX_BYTES).is_ok());
        let too_big = with(|o| o.max_bytes = MAX_MAX_BYTES + 1).unwrap_err();
        assert!(too_big.to_string().contains("80 MB"), "{too_big}");
        assert!(with(|o| o.max_bytes = 0).is_err());
        assert!(with(|o| o.max_seconds = 0).is_err());
        assert!(with(|o| o.max_seconds = u32::MAX).is_err());
        assert!(with(|o| o.max_depth = 1_000_000).is_err());
    }

    #[test]
    fn column_map_parses_pairs_and_names_unknown_fields() {
        let map = ColumnMap::parse("text=body, title=headline,date=published_at").unwrap();
        assert_eq!(map.text.as_deref(), Some("body"));
        assert_eq!(map.title.as_deref(), Some("headline"));
        assert_eq!(map.date.as_deref(), Some("published_at"));
        assert_eq!(map.url, None);
        let err = ColumnMap::parse("body=text").unwrap_err().to_string();
        assert!(err.contains("unknown field \"body\""), "{err}");
        assert!(ColumnMap::parse("text").is_err());
    }

    #[test]
    fn options_default_from_an_empty_object() {
        let options: ImportOptions = serde_json::from_str("{}").unwrap();
        assert_eq!(options, ImportOptions::default());
        assert_eq!(options.max_bytes, 50 * 1024 * 1024);
    }
}
