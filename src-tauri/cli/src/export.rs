//! `claimdesk-cli export` and `claimdesk-cli import-annotations`: the core's exports (CSV,
//! JSONL, W3C Web Annotation, ClaimReview, doccano, Label Studio) with the corpus filters, and
//! imports of doccano and Label Studio files. A file written with `-o FILE` replaces FILE only
//! once it is complete and on disk; stopping the command (Ctrl-C, or worse) leaves FILE as it was.
//! Both show the progress line while they run and stop between two records on Ctrl-C.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimdesk_core::interchange::{
    export_to_path, export_to_writer, import_annotations, AnnotationImportOptions,
    AnnotationImportSummary, CsvProfile, ExportFormat, ExportProgress, ExportRequest,
    ExportSummary, ImportFormat, OffsetUnit,
};
use claimdesk_core::{Error, Store};
use clap::{Args, ValueEnum};

use crate::cancel::{ctrl_c_token, job_status};
use crate::filters::FilterArgs;
use crate::progress::{LineLayout, ProgressLine};

/// Export formats as the command line names them.
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One row per annotation, flat columns (see --profile)
    Csv,
    /// One JSON object per annotation, every field, UTF-16 offsets too
    Jsonl,
    /// W3C Web Annotation JSON-LD (an AnnotationCollection)
    W3c,
    /// schema.org ClaimReview JSON-LD, for claims with a verdict
    #[value(alias = "claim-review")]
    Claimreview,
    /// doccano sequence-labelling JSONL
    Doccano,
    /// Label Studio JSON tasks
    #[value(alias = "labelstudio")]
    LabelStudio,
}

impl From<FormatArg> for ExportFormat {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Jsonl => ExportFormat::Jsonl,
            FormatArg::W3c => ExportFormat::W3c,
            FormatArg::Claimreview => ExportFormat::ClaimReview,
            FormatArg::Doccano => ExportFormat::Doccano,
            FormatArg::LabelStudio => ExportFormat::LabelStudio,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ProfileArg {
    /// UTF-8 BOM, formula-like text cells prefixed with ' (for Excel, LibreOffice, Sheets)
    Spreadsheet,
    /// Byte-faithful (for pandas, R and scripts)
    Raw,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    /// Unicode code points (Python, Label Studio)
    CodePoints,
    /// UTF-16 code units (JavaScript, doccano)
    Utf16,
}

impl From<UnitArg> for OffsetUnit {
    fn from(unit: UnitArg) -> Self {
        match unit {
            UnitArg::CodePoints => OffsetUnit::CodePoint,
            UnitArg::Utf16 => OffsetUnit::Utf16,
        }
    }
}

/// What to export, and where.
#[derive(Args)]
pub struct ExportArgs {
    /// File format
    #[arg(long, value_enum)]
    format: FormatArg,
    /// CSV only: spreadsheet (BOM, formula-like cells defused) or raw (byte-faithful)
    #[arg(long, value_enum, default_value = "spreadsheet")]
    profile: ProfileArg,
    /// doccano and Label Studio only: the unit offsets count [default: utf16 for doccano,
    /// code-points for Label Studio]
    #[arg(long, value_enum)]
    offsets: Option<UnitArg>,
    /// Corpus filters
    #[command(flatten)]
    filters: FilterArgs,
    /// The file to write (replaced only when complete), or - for standard output
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// Export; exit status 130 when cancelled by Ctrl-C (the file is then left as it was).
pub fn run_export(json: bool, db: &Path, args: &ExportArgs) -> Result<ExitCode, Error> {
    let cancel = ctrl_c_token();
    let store = Store::open(db)?;
    let request = ExportRequest {
        format: args.format.into(),
        profile: match args.profile {
            ProfileArg::Spreadsheet => CsvProfile::Spreadsheet,
            ProfileArg::Raw => CsvProfile::Raw,
        },
        filters: args.filters.to_filters(&store)?,
        offset_unit: args.offsets.map(Into::into),
    };
    let to_stdout = args.output.as_os_str() == "-";
    let line = ProgressLine::new(LineLayout::Export, !json && !to_stdout);
    let mut reporter = line.reporter::<ExportProgress>(cancel);
    let summary = if to_stdout {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let summary = export_to_writer(&store, &request, &mut out, &mut reporter)?;
        out.flush()
            .map_err(|e| Error::io("cannot write to standard output", e))?;
        summary
    } else {
        export_to_path(&store, &request, &args.output, &mut reporter)?
    };
    line.clear();
    if json {
        crate::print_json(&summary);
    } else if !to_stdout {
        print_export(&summary, &args.output);
    } else if summary.cancelled {
        eprintln!("Export cancelled: the output written so far is incomplete");
    }
    Ok(job_status(summary.cancelled, true))
}

fn print_export(summary: &ExportSummary, path: &Path) {
    if summary.cancelled {
        println!("Export cancelled: {} was left as it was", path.display());
        return;
    }
    println!(
        "exported {} annotations from {} articles to {} ({} bytes) in {:.1} s",
        summary.annotations,
        summary.articles,
        path.display(),
        summary.bytes,
        summary.elapsed_ms as f64 / 1000.0
    );
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFormatArg {
    /// doccano sequence-labelling JSONL
    Doccano,
    /// Label Studio JSON tasks
    #[value(alias = "labelstudio")]
    LabelStudio,
}

/// An annotation file from another tool.
#[derive(Args)]
pub struct ImportAnnotationsArgs {
    /// The file's format
    #[arg(long, value_enum)]
    format: ImportFormatArg,
    /// The analyst the spans are credited to [default: "doccano import" or "Label Studio import"]
    #[arg(long, value_name = "NAME")]
    annotator: Option<String>,
    /// The unit the file's offsets count [default: utf16 for doccano, code-points for Label Studio]
    #[arg(long, value_enum)]
    offsets: Option<UnitArg>,
    /// The file to import
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

/// Import annotations; exit status 130 when cancelled by Ctrl-C, 1 when anything in the file
/// was not imported.
pub fn run_import(json: bool, db: &Path, args: &ImportAnnotationsArgs) -> Result<ExitCode, Error> {
    let cancel = ctrl_c_token();
    let mut store = Store::open(db)?;
    let (format, default_name) = match args.format {
        ImportFormatArg::Doccano => (ImportFormat::Doccano, "doccano import"),
        ImportFormatArg::LabelStudio => (ImportFormat::LabelStudio, "Label Studio import"),
    };
    let options = AnnotationImportOptions {
        format,
        annotator: args
            .annotator
            .clone()
            .unwrap_or_else(|| default_name.into()),
        offset_unit: args.offsets.map(Into::into),
    };
    let line = ProgressLine::new(LineLayout::AnnotationImport, !json);
    let mut reporter = line.reporter::<ExportProgress>(cancel);
    let summary = import_annotations(&mut store, &args.file, &options, &mut reporter)?;
    line.clear();
    if json {
        crate::print_json(&summary);
    } else {
        print_import(&summary);
    }
    Ok(job_status(summary.cancelled, summary.problems.is_empty()))
}

fn print_import(s: &AnnotationImportSummary) {
    for problem in &s.problems {
        eprintln!("not imported  {}  {}", problem.place, problem.message);
    }
    for label in &s.labels_created {
        println!("new label     {label}");
    }
    println!(
        "{} documents: {} new articles, {} already stored; {} annotations imported, {} already \
         stored, {} problems",
        s.documents,
        s.articles_created,
        s.articles_matched,
        s.annotations_created,
        s.duplicates,
        s.problems.len()
    );
    if s.cancelled {
        println!(
            "Annotation import cancelled: the documents read before stay; importing the file \
             again finishes the work (spans already stored are left as they were)"
        );
    }
}
