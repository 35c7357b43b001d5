//! `claimdesk-cli import PATH...`: files, folders (recursive) and corpora through the same bulk
//! importer as the app. The progress line while it runs; then one line per source, a summary
//! line, `--json` for the whole summary. Each article is committed on its own, so Ctrl-C (which
//! stops between two articles) keeps whole articles.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimdesk_core::import::{
    import_paths, ColumnMap, ImportOptions, ImportProgress, ImportSummary, ItemOutcome,
};
use claimdesk_core::{Error, Store};
use clap::Args;

use crate::cancel::{ctrl_c_token, job_status};
use crate::progress::{LineLayout, ProgressLine};

/// What to import and how.
#[derive(Args)]
pub struct ImportArgs {
    /// Files (.txt, .md, .html), folders (read recursively) and corpora (.jsonl, .csv, .tsv)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Encoding of files without a byte-order mark, overriding a page's own declaration
    /// (windows-1252, iso-8859-2, iso-8859-5, koi8-r, utf-16le...)
    #[arg(long, value_name = "LABEL")]
    encoding: Option<String>,
    /// Replace undecodable bytes with U+FFFD and flag the article instead of refusing the file
    #[arg(long)]
    lossy: bool,
    /// Largest file or corpus row imported, in bytes or with K, M or G (e.g. 10M) [default: 50M]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_bytes: Option<u64>,
    /// Deepest element nesting accepted in an HTML page [default: 512]
    #[arg(long, value_name = "N")]
    max_depth: Option<u32>,
    /// Longest time spent on one article, in seconds [default: 30]
    #[arg(long, value_name = "SECONDS")]
    max_seconds: Option<u32>,
    /// Corpus columns (CSV) or keys (JSONL) as FIELD=COLUMN pairs, e.g. text=body,title=headline;
    /// fields: text, title, url, outlet, author, date, language [default: columns of those names]
    #[arg(long, value_name = "MAP", value_parser = parse_map)]
    map: Option<ColumnMap>,
}

impl ImportArgs {
    fn options(&self) -> ImportOptions {
        let defaults = ImportOptions::default();
        ImportOptions {
            max_bytes: self.max_bytes.unwrap_or(defaults.max_bytes),
            max_depth: self.max_depth.unwrap_or(defaults.max_depth),
            max_seconds: self.max_seconds.unwrap_or(defaults.max_seconds),
            encoding: self.encoding.clone(),
            lossy: self.lossy,
            columns: self.map.clone().unwrap_or_default(),
        }
    }
}

/// Run the import; exit status 130 when cancelled by Ctrl-C, 1 when any source failed.
pub fn run(json: bool, db: &Path, args: &ImportArgs) -> Result<ExitCode, Error> {
    let cancel = ctrl_c_token();
    let mut store = Store::open(db)?;
    let line = ProgressLine::new(LineLayout::Import, !json);
    let mut reporter = line.reporter::<ImportProgress>(cancel);
    let summary = import_paths(&mut store, &args.paths, &args.options(), &mut reporter)?;
    line.clear();
    if json {
        crate::print_json(&summary);
    } else {
        print_summary(&summary);
    }
    Ok(job_status(summary.cancelled, summary.failed == 0))
}

fn print_summary(summary: &ImportSummary) {
    for item in &summary.items {
        let source = &item.source;
        match &item.outcome {
            ItemOutcome::Imported {
                article_id,
                title,
                lossy,
            } => {
                let flag = if *lossy { "  [lossy]" } else { "" };
                println!("imported   {source}  {article_id}  {title}{flag}")
            }
            ItemOutcome::Duplicate { existing } => {
                println!("duplicate  {source}  same text as {existing}")
            }
            ItemOutcome::Skipped { reason } => println!("skipped    {source}  {reason}"),
            ItemOutcome::Failed { reason } => eprintln!("failed     {source}  {reason}"),
        }
    }
    println!(
        "{} imported, {} duplicate, {} skipped, {} failed in {:.1} s",
        summary.imported,
        summary.duplicates,
        summary.skipped,
        summary.failed,
        summary.elapsed_ms as f64 / 1000.0
    );
    if summary.cancelled {
        println!(
            "Import cancelled: the articles stored before stay; importing the same paths again \
             finishes the work (texts already stored are reported as duplicates)"
        );
    }
}

/// "1048576", "512K", "10M", "1G".
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let scale: u64 = match unit.trim().to_ascii_uppercase().trim_end_matches('B') {
        "" => 1,
        "K" => 1024,
        "M" => 1024 * 1024,
        "G" => 1024 * 1024 * 1024,
        _ => {
            return Err(format!(
                "\"{text}\" is not a size: use bytes, or K, M or G (10M)"
            ))
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("\"{text}\" is not a size: use bytes, or K, M or G (10M)"))
}

fn parse_map(text: &str) -> Result<ColumnMap, String> {
    ColumnMap::parse(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_suffixes() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("2K"), Ok(2048));
        assert_eq!(parse_size("10MB"), Ok(10 * 1024 * 1024));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5T").is_err());
    }
}
