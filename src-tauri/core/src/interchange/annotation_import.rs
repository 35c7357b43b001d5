//! Importing another tool's annotations (doccano JSONL, Label Studio JSON). Each document's text
//! is matched to a stored article by its SHA-256 (after the same newline normalisation as any
//! import), or stored as a new article; its spans are carried from the tool's unit to code
//! points in the stored text, checked like any span (in range, whole grapheme clusters), and
//! stored under the labels of the same name (a missing label is created as a custom label).
//! A span already stored (same article, label and offsets) is counted as a duplicate, so
//! importing a file twice changes nothing. Each document is one transaction; a span that cannot
//! be placed is reported with its place in the file and the rest go on. The file and each
//! document in it are held to size limits while they are read ([`ReadLimits`]), never after.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use super::documents::{Document, StoredOffsets};
use super::{doccano, label_studio, ExportProgress, OffsetUnit};
use crate::db::queries::articles::{text_sha256, NewArticle};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::files::bounded_read::READ_BUFFER;
use crate::import::{describe_bytes, DEFAULT_MAX_BYTES, MAX_ANNOTATION_FILE_BYTES};
use crate::job::Progress;
use crate::model::attributes::clean_attributes;
use crate::model::ids::{AnnotatorId, ArticleId, LabelId};
use crate::model::{NewAnnotation, NewLabel, SourceKind};
use crate::text::offsets::{normalize_newlines, OffsetMap};

/// Colours given to labels an import creates, in turn.
const NEW_LABEL_COLORS: [&str; 6] = [
    "#8e6cc9", "#d9627a", "#3fa7a0", "#b58b2a", "#6b8fd6", "#c76b3a",
];

/// Which tool's file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// doccano sequence-labelling JSONL.
    Doccano,
    /// Label Studio JSON tasks.
    LabelStudio,
}

impl ImportFormat {
    fn default_unit(self) -> OffsetUnit {
        match self {
            ImportFormat::Doccano => OffsetUnit::Utf16,
            ImportFormat::LabelStudio => OffsetUnit::CodePoint,
        }
    }
}

/// How to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationImportOptions {
    /// The file's format.
    pub format: ImportFormat,
    /// The analyst the spans are credited to (neither tool's file says who in a way that
    /// carries over).
    pub annotator: String,
    /// The unit the file's offsets count, when not the tool's default (doccano: UTF-16; Label
    /// Studio: code points).
    #[serde(default)]
    pub offset_unit: Option<OffsetUnit>,
}

/// Something in the file that was not imported, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ImportProblem {
    /// Where in the file: "line 3", "task 2".
    pub place: String,
    /// What was wrong.
    pub message: String,
}

/// What an annotation import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct AnnotationImportSummary {
    /// Documents read from the file.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub documents: u64,
    /// Articles stored because no stored article had the document's text.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub articles_created: u64,
    /// Documents whose text was already stored.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub articles_matched: u64,
    /// Annotations stored.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub annotations_created: u64,
    /// Spans already stored, left as they were.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub duplicates: u64,
    /// Labels created because the file named them and the database had no such label.
    pub labels_created: Vec<String>,
    /// What was passed over, and why.
    pub problems: Vec<ImportProblem>,
    /// Cancelled before the end: the documents before the cancel are stored.
    pub cancelled: bool,
    /// How long it took, in milliseconds.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub elapsed_ms: u64,
}

/// Import a doccano or Label Studio file. The file is held to [`MAX_ANNOTATION_FILE_BYTES`] and
/// each document (a doccano line, a Label Studio task) to [`DEFAULT_MAX_BYTES`] while it is read.
pub fn import_annotations(
    store: &mut Store,
    path: &Path,
    options: &AnnotationImportOptions,
    progress: &mut dyn Progress<ExportProgress>,
) -> Result<AnnotationImportSummary> {
    let started = Instant::now();
    let contents = read_file(path, options.format, ReadLimits::default())?;
    let annotator = store.ensure_annotator(&options.annotator)?.id;
    let mut run = ImportRun {
        annotator,
        unit: options.offset_unit.unwrap_or(options.format.default_unit()),
        source: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        labels: active_labels(store)?,
        summary: AnnotationImportSummary::default(),
    };
    run.summary.problems = contents.refused;
    let total = contents.documents.len() as u64;
    for (done, document) in contents.documents.into_iter().enumerate() {
        if progress
            .report(&ExportProgress {
                done: done as u64,
                total,
            })
            .is_break()
        {
            run.summary.cancelled = true;
            break;
        }
        run.document(store, document)?;
    }
    if !run.summary.cancelled {
        let _ = progress.report(&ExportProgress { done: total, total });
    }
    run.summary.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(run.summary)
}

/// How much of an annotation file is read: the whole file, and one document in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadLimits {
    /// Bytes in the whole file.
    pub file: u64,
    /// Bytes of one document (a doccano line, a Label Studio task), as written in the file.
    pub document: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            file: MAX_ANNOTATION_FILE_BYTES,
            document: DEFAULT_MAX_BYTES,
        }
    }
}

/// What a reader took from a file: the documents, and the lines refused whole.
#[derive(Debug, Default)]
pub(crate) struct FileContents {
    pub documents: Vec<Document>,
    pub refused: Vec<ImportProblem>,
}

impl FileContents {
    /// Report the document at `place` as not read, for `reason`.
    pub fn refuse(&mut self, place: String, reason: Error) {
        self.refused.push(ImportProblem {
            place,
            message: reason.to_string(),
        });
    }
}

/// Read the documents of the file at `path`, refusing a file over the limit before reading it.
/// The documents are all held until imported, which the file limit keeps within reason.
fn read_file(path: &Path, format: ImportFormat, limits: ReadLimits) -> Result<FileContents> {
    let context = || format!("cannot read {}", path.display());
    // A named pipe or a device would block or stream without end once opened.
    crate::files::file_kind::ensure_regular_file(path)?;
    let file = File::open(path).map_err(|e| Error::io(context(), e))?;
    let size = file.metadata().map_err(|e| Error::io(context(), e))?.len();
    if size > limits.file {
        return Err(file_too_large(&path.display().to_string(), limits.file));
    }
    match format {
        ImportFormat::Doccano => doccano::read(file, limits),
        ImportFormat::LabelStudio => {
            label_studio::read(BufReader::with_capacity(READ_BUFFER, file), limits)
        }
    }
}

/// An annotation file over its limit.
pub(crate) fn file_too_large(file: &str, limit: u64) -> Error {
    Error::invalid(format!(
        "{file} is larger than {}, the largest annotation file Claimdesk reads: nothing was \
         imported. Split it into smaller files (export fewer documents at a time) and import each",
        describe_bytes(limit)
    ))
}

/// One document over its limit; `after` says what became of the rest of the file.
pub(crate) fn document_too_large(place: &str, limit: u64, after: &str) -> Error {
    Error::invalid(format!(
        "{place} is longer than {}, the largest article allowed: it was not imported{after}",
        describe_bytes(limit)
    ))
}

/// Active labels by lower-case name.
fn active_labels(store: &Store) -> Result<HashMap<String, LabelId>> {
    Ok(store
        .list_labels()?
        .into_iter()
        .filter(|l| !l.retired)
        .map(|l| (l.name.to_lowercase(), l.id))
        .collect())
}

/// A span ready to store.
struct Placed {
    label_id: LabelId,
    start: i64,
    end: i64,
    attributes: crate::model::Attributes,
}

struct ImportRun {
    annotator: AnnotatorId,
    unit: OffsetUnit,
    source: String,
    labels: HashMap<String, LabelId>,
    summary: AnnotationImportSummary,
}

impl ImportRun {
    fn document(&mut self, store: &mut Store, doc: Document) -> Result<()> {
        self.summary.documents += 1;
        for message in &doc.problems {
            self.problem(&doc.place, message.clone());
        }
        let stored = normalize_newlines(&doc.text);
        let existing = store
            .find_articles_by_text_sha256(&text_sha256(&stored))?
            .into_iter()
            .next();
        let mut known = HashSet::new();
        if let Some(id) = &existing {
            for a in store.list_annotations(id)? {
                known.insert((a.label_id, a.start, a.end));
            }
        }
        let placed = self.place_spans(store, &doc, &stored, &known)?;
        let created = placed.len() as u64;
        let matched = existing.is_some();
        let annotator = self.annotator.clone();
        let source_name = format!("{}, {}", self.source, doc.place);
        store.batch(|batch| {
            let article_id: ArticleId = match existing {
                Some(id) => id,
                None => {
                    batch
                        .create_article(NewArticle {
                            meta: doc.meta.clone(),
                            source_kind: SourceKind::Text,
                            source_name: Some(source_name),
                            original: doc.text.as_bytes().to_vec(),
                            text: doc.text.clone(),
                        })?
                        .id
                }
            };
            for span in placed {
                batch.create_annotation(
                    &annotator,
                    NewAnnotation {
                        article_id: article_id.clone(),
                        label_id: span.label_id,
                        start: span.start,
                        end: span.end,
                        attributes: span.attributes,
                    },
                )?;
            }
            Ok(())
        })?;
        if matched {
            self.summary.articles_matched += 1;
        } else {
            self.summary.articles_created += 1;
        }
        self.summary.annotations_created += created;
        Ok(())
    }

    /// Each span carried to stored offsets and checked; those that cannot be are reported.
    fn place_spans(
        &mut self,
        store: &mut Store,
        doc: &Document,
        stored: &str,
        known: &HashSet<(LabelId, i64, i64)>,
    ) -> Result<Vec<Placed>> {
        let offsets = StoredOffsets::new(&doc.text, self.unit);
        let map = OffsetMap::new(stored);
        let mut placed: Vec<Placed> = Vec::new();
        // Spans already taken from this document, so a repeat is found without a scan.
        let mut seen: HashSet<(LabelId, i64, i64)> = HashSet::new();
        for span in &doc.spans {
            let what = format!("span {}..{} \"{}\"", span.start, span.end, span.label);
            let checked = offsets.span(span.start, span.end).and_then(|(s, e)| {
                map.quote(s as usize, e as usize)
                    .map(|_| (s, e))
                    .map_err(|err| err.to_string())
            });
            let (start, end) = match checked {
                Ok(span) => span,
                Err(reason) => {
                    self.problem(&doc.place, format!("{what} not imported: {reason}"));
                    continue;
                }
            };
            let attributes = match clean_attributes(span.attributes.clone()) {
                Ok(attributes) => attributes,
                Err(reason) => {
                    self.problem(&doc.place, format!("{what} not imported: {reason}"));
                    continue;
                }
            };
            let label_id = self.label(store, &span.label)?;
            let key = (label_id.clone(), start, end);
            if known.contains(&key) || !seen.insert(key) {
                self.summary.duplicates += 1;
                continue;
            }
            placed.push(Placed {
                label_id,
                start,
                end,
                attributes,
            });
        }
        Ok(placed)
    }

    /// The label of this name, created as a custom label if the database has none.
    fn label(&mut self, store: &mut Store, name: &str) -> Result<LabelId> {
        let key = name.trim().to_lowercase();
        if let Some(id) = self.labels.get(&key) {
            return Ok(id.clone());
        }
        let color = NEW_LABEL_COLORS[self.summary.labels_created.len() % NEW_LABEL_COLORS.len()];
        let label = store.create_label(NewLabel {
            name: name.trim().to_owned(),
            color: color.to_owned(),
            hotkey: None,
        })?;
        self.summary.labels_created.push(label.name.clone());
        self.labels.insert(key, label.id.clone());
        Ok(label.id)
    }

    fn problem(&mut self, place: &str, message: String) {
        self.summary.problems.push(ImportProblem {
            place: place.to_owned(),
            message,
        });
    }
}
