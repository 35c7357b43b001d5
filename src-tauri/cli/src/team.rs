//! `claimdesk-cli merge`, `agreement` and `share`: the team's commands. Merge teammates' files
//! into one (each source is checked and never changed), print or export agreement figures, and
//! mark a file as shared so that every process uses a rollback journal on it. A merge shows the
//! progress line and stops between two articles on Ctrl-C; what was merged stays.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimdesk_core::analysis::agreement::{
    export_agreement_csv, AgreementQuery, AgreementReport, AgreementRow, AgreementUnit,
};
use claimdesk_core::team::merge::{merge_files, MergeFileSummary, MergeProgress, MergeSummary};
use claimdesk_core::Store;
use clap::{Args, ValueEnum};

use crate::cancel::{ctrl_c_token, job_status};
use crate::filters::FilterArgs;
use crate::print_json;
use crate::progress::{LineLayout, ProgressLine};

/// `merge A.sqlite B.sqlite ... --into team.sqlite`
#[derive(Args)]
pub struct MergeArgs {
    /// Teammates' database files, merged in this order
    #[arg(required = true, value_name = "FILE")]
    sources: Vec<PathBuf>,
    /// The database to merge into (created if missing)
    #[arg(long, value_name = "FILE")]
    into: PathBuf,
}

/// `agreement [filters] [--unit token] [--per-article] [--csv FILE]`
#[derive(Args)]
pub struct AgreementArgs {
    #[command(flatten)]
    filters: FilterArgs,
    /// What one unit of agreement is
    #[arg(long, value_enum, default_value = "character")]
    unit: UnitArg,
    /// Add the figures of every article
    #[arg(long)]
    per_article: bool,
    /// Write the table as CSV to FILE (replaced only once complete)
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum UnitArg {
    /// Code points of the text
    Character,
    /// Words (letters or digits between Unicode word boundaries)
    Token,
}

/// `share on|off`
#[derive(Args)]
pub struct ShareArgs {
    /// Mark the file as shared (rollback journal for every process) or not; without it, show
    #[arg(value_enum)]
    state: Option<OnOff>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OnOff {
    On,
    Off,
}

/// Merge; exit status 130 when cancelled by Ctrl-C, 1 when anything was left out.
pub fn run_merge(json: bool, args: &MergeArgs) -> claimdesk_core::Result<ExitCode> {
    let cancel = ctrl_c_token();
    let mut store = Store::open(&args.into)?;
    let line = ProgressLine::new(LineLayout::Merge, !json);
    let mut reporter = line.reporter::<MergeProgress>(cancel);
    let summary = merge_files(&mut store, &args.sources, &mut reporter)?;
    line.clear();
    if json {
        print_json(&summary);
    } else {
        print_merge(&args.into, &summary);
    }
    let skipped = summary.files.iter().any(|f| !f.skipped.is_empty());
    Ok(job_status(summary.cancelled, !skipped))
}

fn print_merge(into: &Path, summary: &MergeSummary) {
    for f in &summary.files {
        println!("{}", merge_line(f));
        for why in &f.skipped {
            eprintln!("  skipped: {why}");
        }
    }
    let conflicts: u32 = summary.files.iter().map(|f| f.conflicts_new).sum();
    if conflicts > 0 {
        println!(
            "{conflicts} new conflicts to review in {} (both versions are kept)",
            into.display()
        );
    }
    if summary.cancelled {
        println!(
            "Merge cancelled: what was merged into {} stays; merging again finishes the work",
            into.display()
        );
    }
}

fn merge_line(f: &MergeFileSummary) -> String {
    format!(
        "{}: annotations {} added, {} updated, {} unchanged, {} in conflict ({} new); \
         articles {} added, {} matched; {} analysts, {} labels, {} review decisions, {} history \
         events added",
        f.file,
        f.annotations_added,
        f.annotations_updated,
        f.annotations_unchanged,
        f.conflicts_new + f.conflicts_known,
        f.conflicts_new,
        f.articles_added,
        f.articles_matched,
        f.analysts_added,
        f.labels_added,
        f.decisions_added,
        f.history_added,
    )
}

pub fn run_agreement(
    json: bool,
    db: &Path,
    args: &AgreementArgs,
) -> claimdesk_core::Result<ExitCode> {
    let store = Store::open(db)?;
    let query = AgreementQuery {
        filters: args.filters.to_filters(&store)?,
        unit: match args.unit {
            UnitArg::Character => AgreementUnit::Character,
            UnitArg::Token => AgreementUnit::Token,
        },
        per_article: args.per_article,
    };
    let report = store.agreement(&query)?;
    if let Some(path) = &args.csv {
        export_agreement_csv(&report, path)?;
        if !json {
            eprintln!("wrote {} rows to {}", report.rows.len(), path.display());
        }
    }
    if json {
        print_json(&report);
    } else if args.csv.is_none() {
        print_agreement(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_agreement(report: &AgreementReport) {
    if report.rows.is_empty() {
        println!("No article was annotated by two or more of these analysts.");
        return;
    }
    println!(
        "{} articles annotated by two or more analysts; units: {}",
        report.articles,
        match report.unit {
            AgreementUnit::Character => "characters",
            AgreementUnit::Token => "tokens",
        }
    );
    println!(
        "{:<24} {:<14} {:<25} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "scope", "label", "analysts", "units", "F1 exact", "F1 overl", "kappa", "alpha"
    );
    for row in &report.rows {
        println!("{}", agreement_line(row));
    }
}

fn agreement_line(row: &AgreementRow) -> String {
    let figure = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"));
    let scope = row
        .article_title
        .as_deref()
        .map_or_else(|| "corpus".to_owned(), |t| t.chars().take(24).collect());
    let label = row
        .label
        .as_ref()
        .map_or("(all labels)", |l| l.name.as_str());
    let analysts = match (&row.analyst_a, &row.analyst_b) {
        (Some(a), Some(b)) => format!("{} / {}", a.name, b.name),
        _ => "(all analysts)".to_owned(),
    };
    format!(
        "{scope:<24} {label:<14} {analysts:<25} {:>8} {:>8} {:>8} {:>8} {:>8}",
        row.units,
        figure(row.f1_exact),
        figure(row.f1_overlap),
        figure(row.cohen_kappa),
        figure(row.krippendorff_alpha),
    )
}

pub fn run_share(json: bool, db: &Path, args: &ShareArgs) -> claimdesk_core::Result<ExitCode> {
    let mut store = Store::open(db)?;
    let sharing = match args.state {
        Some(state) => store.set_file_shared(state == OnOff::On)?,
        None => store.file_sharing()?,
    };
    if json {
        print_json(&sharing);
    } else {
        println!(
            "shared: {}; network file system: {}; journal: {}",
            if sharing.marked_shared { "yes" } else { "no" },
            if sharing.on_network_fs { "yes" } else { "no" },
            sharing.journal_mode
        );
    }
    Ok(ExitCode::SUCCESS)
}
