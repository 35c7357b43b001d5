//! Exports of annotated datasets, and imports of other annotation tools' files. One reader
//! ([`records`]) walks the annotations that pass the corpus [`Filters`] inside one read
//! transaction, so the count and the rows come from the same snapshot; one writer per format turns
//! them into bytes. Offsets are code points everywhere in the core; a format that counts another
//! unit (UTF-16 for JavaScript consumers and doccano) converts at the moment it writes, through
//! [`crate::text::offsets::OffsetMap`]. A file written to a path goes through [`crate::files::safe_write`]: a crash
//! mid-export leaves the old file or the complete new one, never a half.
//!
//! The app and the CLI drive [`export_to_path`] (or [`export_to_writer`]) with a progress callback
//! that may cancel, and [`import_annotations`] for doccano and Label Studio files.

mod annotation_import;
mod claim_review;
mod csv_export;
mod doccano;
mod documents;
mod jsonl;
mod label_studio;
mod records;
mod run;
pub mod spreadsheet_safety;
mod w3c;

use serde::{Deserialize, Serialize};
#[cfg(feature = "bindings")]
use ts_rs::TS;

use crate::model::filters::Filters;

pub use annotation_import::{
    import_annotations, AnnotationImportOptions, AnnotationImportSummary, ImportFormat,
    ImportProblem,
};
pub use csv_export::CSV_COLUMNS;
pub use run::{count_export, export_to_path, export_to_writer, measure_export};

/// The file formats Claimdesk writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One row per annotation, flat columns (RFC 4180, UTF-8).
    #[default]
    Csv,
    /// One JSON object per line and annotation, every field, with UTF-16 offsets as well.
    Jsonl,
    /// W3C Web Annotation JSON-LD: an `AnnotationCollection` of standalone annotations.
    W3c,
    /// schema.org `ClaimReview` JSON-LD for claims that have a verdict.
    ClaimReview,
    /// doccano sequence-labelling JSONL, one line per article.
    Doccano,
    /// Label Studio JSON tasks, one per article.
    LabelStudio,
}

impl ExportFormat {
    /// Every format, in the order a dialog lists them.
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Csv,
        ExportFormat::Jsonl,
        ExportFormat::W3c,
        ExportFormat::ClaimReview,
        ExportFormat::Doccano,
        ExportFormat::LabelStudio,
    ];

    /// The file name extension that suits the format (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl | ExportFormat::Doccano => "jsonl",
            ExportFormat::W3c | ExportFormat::ClaimReview => "jsonld",
            ExportFormat::LabelStudio => "json",
        }
    }

    /// The unit the format's offsets count when the request names none.
    pub fn default_offset_unit(self) -> OffsetUnit {
        match self {
            // doccano's editor counts JavaScript string positions (UTF-16 code units) unless a
            // project counts grapheme clusters.
            ExportFormat::Doccano => OffsetUnit::Utf16,
            _ => OffsetUnit::CodePoint,
        }
    }
}

/// How a CSV file is prepared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum CsvProfile {
    /// For Excel, LibreOffice and Google Sheets: a UTF-8 byte-order mark, and every cell that a
    /// spreadsheet could run as a formula prefixed with `'`, as OWASP recommends, by
    /// [`crate::interchange::spreadsheet_safety::defuse_cell`] (`=`, `+`, `-`, `@`, their full-width forms,
    /// after any leading white space; a tab, CR or LF first). Numbers stay numbers.
    #[default]
    Spreadsheet,
    /// Byte-faithful, for pandas, R and scripts: no BOM, no prefix.
    Raw,
}

/// The unit an offset counts in a file for another tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
#[serde(rename_all = "snake_case")]
pub enum OffsetUnit {
    /// Unicode scalar values, as Python and Label Studio count (Claimdesk's own unit).
    CodePoint,
    /// UTF-16 code units, as JavaScript and doccano count.
    Utf16,
}

/// What to export and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ExportRequest {
    /// The file format.
    pub format: ExportFormat,
    /// For CSV: spreadsheet (the default) or raw.
    #[serde(default)]
    pub profile: CsvProfile,
    /// Which annotations: the corpus filters of the library and the annotation table.
    #[serde(default)]
    pub filters: Filters,
    /// For doccano and Label Studio: the unit their offsets count, when not the tool's default
    /// (doccano: UTF-16; Label Studio: code points).
    #[serde(default)]
    pub offset_unit: Option<OffsetUnit>,
}

impl ExportRequest {
    /// The unit offsets are written in for this request.
    pub fn offset_unit(&self) -> OffsetUnit {
        self.offset_unit
            .unwrap_or_else(|| self.format.default_offset_unit())
    }
}

/// Where an export or an annotation import stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ExportProgress {
    /// Records (annotations, or documents when importing) handled so far.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub done: u64,
    /// Records in all.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub total: u64,
}

impl crate::job::JobReport for ExportProgress {
    fn is_final(&self) -> bool {
        self.done >= self.total
    }
}

/// What an export would write, before it starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ExportSize {
    /// Annotations that pass the filters (for ClaimReview, claims with a verdict).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub annotations: u64,
    /// Distinct articles they belong to.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub articles: u64,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "bindings", derive(TS))]
pub struct ExportSummary {
    /// The format written.
    pub format: ExportFormat,
    /// Annotations written (for ClaimReview, claims with a verdict).
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub annotations: u64,
    /// Distinct articles they belong to.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub articles: u64,
    /// Bytes written.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub bytes: u64,
    /// Cancelled before the end: nothing was written to the target (a file already there is
    /// unchanged).
    pub cancelled: bool,
    /// How long it took, in milliseconds.
    #[cfg_attr(feature = "bindings", ts(type = "number"))]
    pub elapsed_ms: u64,
}
