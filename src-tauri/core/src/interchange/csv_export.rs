//! CSV: one row per annotation, flat columns, RFC 4180 quoting (fields holding commas, quotes or
//! line breaks are quoted, quotes doubled, rows end with CRLF), UTF-8. The `spreadsheet` profile
//! adds a byte-order mark (so Excel reads UTF-8) and passes every cell but the offsets through
//! [`defuse_cell`], ids and figure values included: any of them may come from a teammate's file.
//! `raw` writes every value as stored. Offsets are written as numbers in both profiles, and a
//! figure value as stored is a plain decimal, which the defuser leaves as it is, so a
//! spreadsheet sums figures and pandas reads them as numbers.

use std::io::Write;

use serde::Serialize;

use super::records::ExportRecord;
use super::run::{write_error, ArticleGroup, Sink};
use super::CsvProfile;
use crate::error::Result;
use crate::interchange::spreadsheet_safety::defuse_cell;

/// The header row, in order; the README documents each column.
pub const CSV_COLUMNS: [&str; 27] = [
    "annotation_id",
    "article_id",
    "title",
    "url",
    "outlet",
    "published",
    "language",
    "text_sha256",
    "label",
    "exact",
    "start",
    "end",
    "prefix",
    "suffix",
    "speaker",
    "value",
    "currency",
    "unit",
    "qualifier",
    "verdict",
    "note",
    "tags",
    "annotator",
    "created",
    "updated",
    "review_state",
    "reviewer",
];

/// What separates tags in the `tags` cell.
pub(crate) const TAG_SEPARATOR: &str = "; ";

/// The UTF-8 byte-order mark, which tells Excel the file is UTF-8.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// One CSV row; field order is column order.
#[derive(Serialize)]
struct CsvRow<'a> {
    annotation_id: Cell<'a>,
    article_id: Cell<'a>,
    title: Cell<'a>,
    url: Cell<'a>,
    outlet: Cell<'a>,
    published: Cell<'a>,
    language: Cell<'a>,
    text_sha256: Cell<'a>,
    label: Cell<'a>,
    exact: Cell<'a>,
    start: i64,
    end: i64,
    prefix: Cell<'a>,
    suffix: Cell<'a>,
    speaker: Cell<'a>,
    /// An exact decimal such as `1900000` or `-2.5`, which stays a number; anything else a
    /// teammate's file may hold there is defused like any text.
    value: Cell<'a>,
    currency: Cell<'a>,
    unit: Cell<'a>,
    qualifier: Cell<'a>,
    verdict: Cell<'a>,
    note: Cell<'a>,
    tags: Cell<'a>,
    annotator: Cell<'a>,
    created: Cell<'a>,
    updated: Cell<'a>,
    review_state: Cell<'a>,
    reviewer: Cell<'a>,
}

/// A text cell, defused or not.
type Cell<'a> = std::borrow::Cow<'a, str>;

/// Writes CSV rows through a `csv::Writer` over a buffer, one per article, whose bytes are
/// taken with `into_inner` (which flushes and reports errors; a writer's drop ignores them) and
/// written out.
pub(crate) struct CsvSink {
    profile: CsvProfile,
    builder: csv::WriterBuilder,
}

impl CsvSink {
    pub fn new(profile: CsvProfile) -> CsvSink {
        let mut builder = csv::WriterBuilder::new();
        builder.terminator(csv::Terminator::CRLF).has_headers(false);
        CsvSink { profile, builder }
    }

    /// Write rows made by `fill` to `out`.
    fn rows(
        &self,
        out: &mut dyn Write,
        fill: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
    ) -> Result<()> {
        let mut writer = self.builder.from_writer(Vec::with_capacity(16 * 1024));
        fill(&mut writer).map_err(|e| write_error(e.into()))?;
        let bytes = writer
            .into_inner()
            .map_err(|e| write_error(e.into_error()))?;
        out.write_all(&bytes).map_err(write_error)
    }

    fn text<'a>(&self, value: &'a str) -> Cell<'a> {
        match self.profile {
            CsvProfile::Spreadsheet => defuse_cell(value),
            CsvProfile::Raw => Cell::Borrowed(value),
        }
    }

    fn optional<'a>(&self, value: &'a Option<String>) -> Cell<'a> {
        self.text(value.as_deref().unwrap_or_default())
    }

    fn row<'a>(&self, r: &'a ExportRecord, tags: &'a str) -> CsvRow<'a> {
        let a = &r.article;
        CsvRow {
            annotation_id: self.text(&r.id),
            article_id: self.text(&a.id),
            title: self.text(&a.title),
            url: self.optional(&a.url),
            outlet: self.optional(&a.outlet),
            published: self.optional(&a.published),
            language: self.optional(&a.language),
            text_sha256: self.text(&a.text_sha256),
            label: self.text(&r.label),
            exact: self.text(&r.exact),
            start: r.start,
            end: r.end,
            prefix: self.text(&r.prefix),
            suffix: self.text(&r.suffix),
            speaker: self.optional(&r.speaker),
            value: self.optional(&r.value),
            currency: self.optional(&r.currency),
            unit: self.optional(&r.unit),
            qualifier: self.optional(&r.qualifier),
            verdict: self.optional(&r.verdict),
            note: self.text(&r.note),
            tags: self.text(tags),
            annotator: self.text(&r.annotator),
            created: self.text(&r.created),
            updated: self.text(&r.updated),
            review_state: self.text(&r.review_state),
            reviewer: self.optional(&r.reviewer),
        }
    }
}

impl Sink for CsvSink {
    fn begin(&mut self, out: &mut dyn Write, _total: u64) -> Result<()> {
        if self.profile == CsvProfile::Spreadsheet {
            out.write_all(BOM).map_err(write_error)?;
        }
        self.rows(out, |writer| writer.write_record(CSV_COLUMNS))
    }

    fn article(&mut self, out: &mut dyn Write, group: &ArticleGroup) -> Result<()> {
        self.rows(out, |writer| {
            for record in &group.records {
                let tags = record.tags.join(TAG_SEPARATOR);
                writer.serialize(self.row(record, &tags))?;
            }
            Ok(())
        })
    }

    fn finish(&mut self, _out: &mut dyn Write) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spreadsheet_profile_defuses_every_text_cell_and_keeps_numbers() {
        let mut record = super::super::records::tests_support::record();
        record.id = "=1+1".into();
        record.article.id = "@x".into();
        record.value = Some("=HYPERLINK(\"http://evil.example\")".into());
        record.annotator = "\u{FF1D}1".into();
        record.note = "  -1+1".into();
        let sink = CsvSink::new(CsvProfile::Spreadsheet);
        let row = sink.row(&record, "\t=tag");
        assert_eq!(row.annotation_id, "'=1+1");
        assert_eq!(row.article_id, "'@x");
        assert_eq!(row.value, "'=HYPERLINK(\"http://evil.example\")");
        assert_eq!(row.annotator, "'\u{FF1D}1");
        assert_eq!(row.note, "'  -1+1");
        assert_eq!(row.tags, "'\t=tag");
        record.value = Some("-0.25".into());
        assert_eq!(sink.row(&record, "").value, "-0.25");
        let raw = CsvSink::new(CsvProfile::Raw);
        assert_eq!(raw.row(&record, "\t=tag").annotation_id, "=1+1");
        assert_eq!(raw.row(&record, "\t=tag").tags, "\t=tag");
    }

    #[test]
    fn the_header_names_every_row_field_in_order() {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let sink = CsvSink::new(CsvProfile::Raw);
        let record = super::super::records::tests_support::record();
        let row = sink.row(&record, "");
        writer.serialize(row).unwrap();
        let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(header, CSV_COLUMNS.join(","));
    }
}
