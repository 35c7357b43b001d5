//! Corpora: one article per JSON Lines line or CSV row, fields taken from the columns the analyst
//! maps (`text=body,title=headline`). Files are streamed, so a corpus may be far larger than
//! memory; the size limit applies to each row while it is read, so no more than the limit of a
//! row is ever held. A bad row fails alone and the rest go on, except a CSV row cut short at the
//! limit, after which the next row cannot be found for certain and the file stops. A file that
//! cannot be read as a corpus (no text column, UTF-16) fails as a whole. Rows are decoded like
//! files (UTF-8 unless an ASCII-compatible encoding is chosen); the original bytes kept are the
//! JSON line as read, or the header and row written back as CSV.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;
use std::rc::Rc;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde_json::Value;

use super::commit::Draft;
use super::decode::decode;
use super::document::{describe_bytes, source_record};
use super::options::{ColumnMap, ImportOptions};
use crate::error::{Error, Result};
use crate::files::bounded_read::{exceeded, BoundedReader, LineReader, ReadMeter, READ_BUFFER};
use crate::model::provenance::{ArticleSource, SourceFormat};
use crate::model::ArticleMeta;

/// The csv crate's read-ahead buffer, in bytes (its default).
const CSV_BUFFER: usize = 8 * 1024;
/// What became of a row over the limit that was read to its end (or skipped to it).
const NOT_IMPORTED: &str = "it was not imported";
/// What became of a CSV row cut short, and of the rest of its file.
const ROWS_AFTER_NOT_READ: &str = "neither it nor the rows after it were read (a CSV row cut \
                                   short leaves no sure start for the next)";

/// One row read from a corpus.
pub(crate) struct Row {
    /// "corpus.csv, row 12".
    pub label: String,
    /// The article, or why the row was refused.
    pub draft: Result<Draft>,
    /// Bytes of the file read so far.
    pub bytes_read: u64,
}

/// A field and the column it comes from. `required`: a CSV header must have it (the analyst named
/// it, or it is the text); in each row only the text is required.
struct Column {
    field: &'static str,
    name: String,
    required: bool,
}

struct Corpus<'a> {
    path: &'a Path,
    options: &'a ImportOptions,
    chosen: Option<&'static Encoding>,
    columns: Vec<Column>,
}

/// Read each row of the corpus at `path`, handing it to `on_row`, which may stop the reading.
pub(crate) fn read_corpus(
    path: &Path,
    options: &ImportOptions,
    chosen: Option<&'static Encoding>,
    on_row: &mut dyn FnMut(Row) -> ControlFlow<()>,
) -> Result<ControlFlow<()>> {
    let corpus = Corpus {
        path,
        options,
        chosen,
        columns: columns(&options.columns),
    };
    let file = corpus.open()?;
    match SourceFormat::for_path(path) {
        Some(SourceFormat::Csv) => corpus.read_csv(file, on_row),
        _ => corpus.read_jsonl(file, on_row),
    }
}

fn columns(map: &ColumnMap) -> Vec<Column> {
    map.fields()
        .into_iter()
        .map(|(field, named)| Column {
            field,
            name: named.unwrap_or(field).to_owned(),
            required: named.is_some() || field == "text",
        })
        .collect()
}

impl Corpus<'_> {
    fn open(&self) -> Result<File> {
        let context = || format!("reading {}", self.path.display());
        crate::files::file_kind::ensure_regular_file(self.path)?;
        let mut file = File::open(self.path).map_err(|e| Error::io(context(), e))?;
        let mut start = [0u8; 2];
        let read = file.read(&mut start).map_err(|e| Error::io(context(), e))?;
        let utf16_bom = read == 2 && (start == [0xFF, 0xFE] || start == [0xFE, 0xFF]);
        if utf16_bom || self.chosen.is_some_and(|e| e == UTF_16LE || e == UTF_16BE) {
            return Err(Error::invalid(format!(
                "{} is a UTF-16 corpus: save it as UTF-8 and import it again",
                self.path.display()
            )));
        }
        File::open(self.path).map_err(|e| Error::io(context(), e))
    }

    fn label(&self, unit: &str, number: u64) -> String {
        format!("{}, {unit} {number}", self.path.display())
    }

    /// A row longer than the largest article: what became of it (`outcome`), and what the
    /// analyst can do.
    fn too_large(&self, label: &str, outcome: &str) -> Error {
        Error::invalid(format!(
            "{label} is longer than {}, the largest article allowed: {outcome} (raise Largest \
             file, or split the corpus)",
            describe_bytes(self.options.max_bytes)
        ))
    }

    fn read_jsonl(
        &self,
        file: File,
        on_row: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<ControlFlow<()>> {
        let io = |e| Error::io(format!("reading {}", self.path.display()), e);
        let mut lines = LineReader::new(
            BufReader::with_capacity(READ_BUFFER, file),
            self.options.max_bytes,
        );
        let mut line = Vec::new();
        while let Some(read) = lines.next_line(&mut line).map_err(io)? {
            let label = self.label("line", read.number);
            let draft = if read.too_long {
                // The rest of the line was skipped unread; the next line starts afresh.
                Err(self.too_large(&label, NOT_IMPORTED))
            } else if line.trim_ascii().is_empty() {
                continue;
            } else {
                self.jsonl_draft(line.trim_ascii_end(), read.start, &label)
            };
            let row = Row {
                label,
                draft,
                bytes_read: lines.bytes_read(),
            };
            if on_row(row).is_break() {
                return Ok(ControlFlow::Break(()));
            }
        }
        Ok(ControlFlow::Continue(()))
    }

    fn jsonl_draft(&self, line: &[u8], line_start: u64, label: &str) -> Result<Draft> {
        let decoded = decode(line, label, self.chosen, None, self.options.lossy)?;
        let value: Value = serde_json::from_str(&decoded.text)
            .map_err(|e| Error::invalid(format!("{label} is not valid JSON: {e}")))?;
        let Value::Object(object) = value else {
            return Err(Error::invalid(format!(
                "{label} is not a JSON object ({{\"text\": ...}})"
            )));
        };
        let field = |_: usize, name: &str| Ok(object.get(name).and_then(scalar_text));
        let mut source = source_record(SourceFormat::Jsonl, &decoded);
        source.first_invalid_byte = source.first_invalid_byte.map(|b| b + line_start as i64);
        let (text, meta) = self.fields(label, "key", field)?;
        Ok(Draft::new(&text, meta, line.to_vec(), source).named(label.to_owned()))
    }

    /// The text and metadata of a row, from `value(column index, column name)`.
    fn fields(
        &self,
        label: &str,
        unit: &str,
        mut value: impl FnMut(usize, &str) -> Result<Option<String>>,
    ) -> Result<(String, ArticleMeta)> {
        let mut meta = ArticleMeta::default();
        let mut text = String::new();
        for (index, column) in self.columns.iter().enumerate() {
            let found = value(index, &column.name)?.filter(|v| !v.trim().is_empty());
            let Some(found) = found else {
                if column.field == "text" {
                    return Err(Error::invalid(format!(
                        "{label} has no {} in the {unit} \"{}\" (map another with {}=NAME)",
                        column.field, column.name, column.field
                    )));
                }
                continue;
            };
            match column.field {
                "text" => text = found,
                "title" => meta.title = found,
                "url" => meta.url = Some(found),
                "outlet" => meta.outlet = Some(found),
                "author" => meta.author = Some(found),
                "date" => meta.published = Some(found),
                _ => meta.language = Some(found),
            }
        }
        Ok((text, meta))
    }

    /// CSV rows, each bounded while it is read: the csv crate grows its record buffer as a row
    /// comes in, so the reader under it fails once the current row passes the limit (and the
    /// csv crate's read-ahead). A quoted field may hold newlines, so the row after a row cut
    /// short cannot be found for certain: the file stops there, and the refused row says so. A
    /// row only just over the limit is read whole and refused alone.
    fn read_csv(
        &self,
        file: File,
        on_row: &mut dyn FnMut(Row) -> ControlFlow<()>,
    ) -> Result<ControlFlow<()>> {
        let (mut reader, meter) = self.csv_reader(file);
        let header = format!("{}, header row", self.path.display());
        let headers = match reader.byte_headers() {
            Ok(headers) => headers.clone(),
            Err(e) => return Err(self.csv_error(e, &header, "the file was not read")),
        };
        let indices = self.csv_indices(&headers)?;
        let mut record = csv::ByteRecord::new();
        let (mut number, mut stop) = (0u64, false);
        loop {
            meter.start_record_at(reader.position().byte());
            number += 1;
            let label = self.label("row", number);
            let draft = match reader.read_byte_record(&mut record) {
                Ok(false) => return Ok(ControlFlow::Continue(())),
                Ok(true) if record.as_slice().len() as u64 > self.options.max_bytes => {
                    Err(self.too_large(&label, NOT_IMPORTED))
                }
                Ok(true) => {
                    let start = record.position().map_or(0, |p| p.byte());
                    self.csv_draft(&headers, &record, &indices, start, &label)
                }
                // A read failure or a row over the limit: the reader cannot go on.
                Err(e) => {
                    stop = true;
                    Err(self.csv_error(e, &label, ROWS_AFTER_NOT_READ))
                }
            };
            let bytes_read = reader.position().byte().max(meter.bytes_read());
            if on_row(Row {
                label,
                draft,
                bytes_read,
            })
            .is_break()
            {
                return Ok(ControlFlow::Break(()));
            }
            if stop {
                return Ok(ControlFlow::Continue(()));
            }
        }
    }

    /// A CSV failure: the row `label` over the limit (`outcome` says what became of it and
    /// the rest), or a file that cannot be read as CSV.
    fn csv_error(&self, err: csv::Error, label: &str, outcome: &str) -> Error {
        match err.kind() {
            csv::ErrorKind::Io(io) if exceeded(io).is_some() => self.too_large(label, outcome),
            _ => Error::invalid(format!("{}: {err}", self.path.display())),
        }
    }

    /// A CSV reader over `file` whose rows are bounded through the returned meter: the csv
    /// crate reads ahead by its buffer, so each row may take that much more than the limit
    /// before the reader fails; a row of exactly the limit still reads, and a row cut short is
    /// certainly longer than the limit.
    fn csv_reader(&self, file: File) -> (csv::Reader<BoundedReader<File>>, Rc<ReadMeter>) {
        let meter = ReadMeter::new(u64::MAX, self.options.max_bytes + CSV_BUFFER as u64);
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(self.delimiter())
            .buffer_capacity(CSV_BUFFER)
            .from_reader(BoundedReader::new(file, Rc::clone(&meter)));
        (reader, meter)
    }

    fn delimiter(&self) -> u8 {
        let tsv = self
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
        if tsv {
            b'\t'
        } else {
            b','
        }
    }

    /// The column index of each field; a named column (or the text) missing fails the file.
    fn csv_indices(&self, headers: &csv::ByteRecord) -> Result<Vec<Option<usize>>> {
        let source = self.path.display().to_string();
        let names: Vec<String> = headers
            .iter()
            .map(|h| decode(h, &source, self.chosen, None, true).map(|d| d.text.trim().to_owned()))
            .collect::<Result<_>>()?;
        self.columns
            .iter()
            .map(|column| {
                let index = names.iter().position(|n| *n == column.name);
                if index.is_none() && column.required {
                    return Err(Error::invalid(format!(
                        "{source} has no column \"{}\" for the {}; its columns are: {} (map \
                         another with {}=NAME)",
                        column.name,
                        column.field,
                        names.join(", "),
                        column.field
                    )));
                }
                Ok(index)
            })
            .collect()
    }

    fn csv_draft(
        &self,
        headers: &csv::ByteRecord,
        record: &csv::ByteRecord,
        indices: &[Option<usize>],
        row_start: u64,
        label: &str,
    ) -> Result<Draft> {
        let mut encoding = self.chosen.unwrap_or(UTF_8);
        let mut replacements = 0;
        let value = |column: usize, _: &str| {
            let Some(bytes) = indices[column].and_then(|i| record.get(i)) else {
                return Ok(None);
            };
            let decoded = decode(bytes, label, self.chosen, None, self.options.lossy)?;
            replacements += decoded.replacements;
            encoding = decoded.encoding;
            Ok(Some(decoded.text))
        };
        let (text, meta) = self.fields(label, "column", value)?;
        let source = ArticleSource {
            format: SourceFormat::Csv,
            encoding: encoding.name().to_owned(),
            lossy: replacements > 0,
            replacements: i64::try_from(replacements).unwrap_or(i64::MAX),
            first_invalid_byte: (replacements > 0).then_some(row_start as i64),
        };
        let original = csv_row_bytes(headers, record, self.delimiter())?;
        Ok(Draft::new(&text, meta, original, source).named(label.to_owned()))
    }
}

/// The header and one row, written back as CSV: the row's original bytes as far as they can be
/// told apart from the rest of the file.
fn csv_row_bytes(
    headers: &csv::ByteRecord,
    row: &csv::ByteRecord,
    delimiter: u8,
) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let failed = |e: &dyn std::fmt::Display| Error::invalid(format!("cannot copy a CSV row: {e}"));
    writer.write_byte_record(headers).map_err(|e| failed(&e))?;
    writer.write_byte_record(row).map_err(|e| failed(&e))?;
    writer.into_inner().map_err(|e| failed(&e))
}

/// A JSON value as text: strings as they are, numbers and booleans written out.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
