//! Importing articles: pasted text, `.txt` and `.md` files kept as written, HTML pages reduced to
//! their article's text and metadata, whole folders, and JSONL or CSV corpora. Sources are
//! hostile: HTML is parsed in Rust and only text is kept (nothing runs or loads), bytes are
//! decoded by a real decoder or refused with their offset, and every file is held to a size,
//! nesting and time limit, so one pathological file is refused while the rest of a bulk import
//! goes on. Each article is stored with its original bytes, source, capture time and text hash in
//! its own transaction; the same text imported again is reported as a duplicate, not stored.
//!
//! The app and the CLI drive [`import_paths`], which reads every source without holding the
//! store and takes it (through [`StoreAccess`]) only to store each article; [`import_file`] and
//! [`import_pasted`] import one source into a store the caller holds.

mod bulk;
mod commit;
mod corpus;
mod decode;
mod document;
mod html;
mod options;
mod report;
pub mod sample;
mod store_access;

use std::path::Path;

use serde::Serialize;
#[cfg(feature = "bindings")]
use ts_rs::TS;

pub use crate::files::file_kind::ensure_regular_file;
pub use bulk::import_paths;
pub use decode::encoding_for_label;
pub(crate) use document::describe_bytes;
pub use html::MAX_NODES as MAX_HTML_NODES;
pub use options::{
    ColumnMap, ImportOptions, CORPUS_FIELDS, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_SECONDS, MAX_ANNOTATION_FILE_BYTES, MAX_MAX_BYTES, MAX_MAX_DEPTH, MAX_MAX_SECONDS,
};
pub use report::{ImportItem, ImportProgress, ImportSummary, ItemOutcome};
pub use store_access::StoreAccess;

use crate::db::Store;
use crate::error::{Error, Result};
use crate::model::ids::ArticleId;
use crate::model::provenance::{ArticleSource, SourceFormat};
use crate::model::PastedArticle;
use commit::{commit_draft, Committed, Draft};

/// What happened to one imported source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
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

impl From<Committed> for ImportOutcome {
    fn from(committed: Committed) -> Self {
        match committed {
            Committed::Imported { id, title, .. } => ImportOutcome::Imported {
                article_id: id,
                title,
            },
            Committed::Duplicate(existing) => ImportOutcome::Duplicate { existing },
        }
    }
}

/// Import one text, Markdown or HTML file (by its extension; unknown extensions are read as
/// text) with the default options.
pub fn import_text_file(store: &mut Store, path: &Path) -> Result<ImportOutcome> {
    import_file(store, path, &ImportOptions::default())
}

/// Import one text, Markdown or HTML file. Corpora hold many articles: use [`import_paths`].
pub fn import_file(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
) -> Result<ImportOutcome> {
    options.check_limits()?;
    let format = SourceFormat::for_path(path).unwrap_or(SourceFormat::Text);
    if format.is_corpus() {
        return Err(Error::invalid(format!(
            "{} is a corpus of many articles: import it as a corpus (a folder or bulk import)",
            path.display()
        )));
    }
    let chosen = options
        .encoding
        .as_deref()
        .map(encoding_for_label)
        .transpose()?;
    let draft = document::read_document(path, format, options, chosen)?;
    Ok(commit_draft(store, draft)?.into())
}

/// Store a pasted article with the metadata typed into the form, unless the same text is already
/// stored.
pub fn import_pasted(store: &mut Store, pasted: PastedArticle) -> Result<ImportOutcome> {
    let source = ArticleSource {
        format: SourceFormat::Paste,
        encoding: encoding_rs::UTF_8.name().to_owned(),
        lossy: false,
        replacements: 0,
        first_invalid_byte: None,
    };
    let original = pasted.text.as_bytes().to_vec();
    let draft = Draft::new(&pasted.text, pasted.meta, original, source);
    Ok(commit_draft(store, draft)?.into())
}
