//! `claimdesk-cli`: Claimdesk without a window, over the same core as the app. Human output by
//! default, `--json` for scripts; exit status 0 on success, 1 when anything failed, 130 when a
//! long job (import, merge, export, annotation import, sync) was cancelled with Ctrl-C.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use claimdesk_core::db::check::{check_database_watched, CheckReport};
use claimdesk_core::model::ArticleSummary;
use claimdesk_core::Store;
use clap::{Parser, Subcommand};
use serde::Serialize;

use crate::export::{ExportArgs, ImportAnnotationsArgs};
use crate::import::ImportArgs;
use crate::search::SearchArgs;
use crate::server::TeamArgs;
use crate::team::{AgreementArgs, MergeArgs, ShareArgs};

mod cancel;
mod export;
mod filters;
mod import;
mod progress;
mod search;
mod server;
mod team;

/// The app's identifier: the CLI and the app share the default database.
const APP_IDENTIFIER: &str = "org.claimdesk.workbench";

#[derive(Parser)]
#[command(
    name = "claimdesk-cli",
    version,
    about = "Claimdesk from the command line"
)]
struct Cli {
    /// Database file [default: the app's own database]
    #[arg(long, global = true, env = "CLAIMDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import text, Markdown and HTML files, folders and JSONL/CSV corpora as articles; the same
    /// text twice is reported, not stored twice
    #[command(after_help = cancel::CTRL_C_HELP)]
    Import(Box<ImportArgs>),
    /// List the articles in the database
    List,
    /// Check a database file's integrity and schema version without changing it
    Check {
        /// Rebuild the search index if it disagrees with the records (this writes to the file)
        #[arg(long)]
        repair: bool,
    },
    /// Search article texts and titles, and annotations' quotes, notes, speakers and tags
    Search(Box<SearchArgs>),
    /// Export annotations as CSV, JSONL, W3C Web Annotation, ClaimReview, doccano or Label
    /// Studio, with the corpus filters
    #[command(after_help = cancel::CTRL_C_HELP)]
    Export(Box<ExportArgs>),
    /// Import annotations from a doccano JSONL or Label Studio JSON file
    #[command(after_help = cancel::CTRL_C_HELP)]
    ImportAnnotations(Box<ImportAnnotationsArgs>),
    /// Merge teammates' database files into one (--into FILE); each is checked, none is changed
    #[command(after_help = cancel::CTRL_C_HELP)]
    Merge(Box<MergeArgs>),
    /// Agreement between analysts: span F1, Cohen's kappa, Krippendorff's alpha, with the
    /// corpus filters; --csv FILE writes the table
    Agreement(Box<AgreementArgs>),
    /// Show whether the file is marked as shared, or mark it (on) or not (off): a shared file
    /// uses a rollback journal, as a file on a network share must
    Share(Box<ShareArgs>),
    /// The team's PostgreSQL server: set it up (init, add-analyst, add-project, grant, revoke,
    /// remove-project) and join this file to a project
    Team(Box<TeamArgs>),
    /// Send this file's changes to its team project and receive the team's (one round)
    #[command(after_help = "Ctrl-C stops between two batches; the next sync goes on from there.")]
    Sync,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = match cli.db.clone().or_else(default_db_path) {
        Some(path) => path,
        None => {
            return fail(
                &cli,
                "no data folder is known on this system: pass --db PATH",
            )
        }
    };
    let result = match &cli.command {
        Command::Import(args) => import::run(cli.json, &db, args),
        Command::List => list(&cli, &db),
        Command::Check { repair } => check(&cli, &db, *repair),
        Command::Search(args) => search::run(cli.json, &db, args),
        Command::Export(args) => export::run_export(cli.json, &db, args),
        Command::ImportAnnotations(args) => export::run_import(cli.json, &db, args),
        Command::Merge(args) => team::run_merge(cli.json, args),
        Command::Agreement(args) => team::run_agreement(cli.json, &db, args),
        Command::Share(args) => team::run_share(cli.json, &db, args),
        Command::Team(args) => server::run_team(cli.json, &db, args),
        Command::Sync => server::run_sync(cli.json, &db),
    };
    result.unwrap_or_else(|err| fail(&cli, &err.to_string()))
}

fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join("claimdesk.sqlite"))
}

fn list(cli: &Cli, db: &Path) -> claimdesk_core::Result<ExitCode> {
    let store = Store::open(db)?;
    let articles = store.list_articles()?;
    if cli.json {
        print_json(&articles);
    } else {
        print_article_table(&articles);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_article_table(articles: &[ArticleSummary]) {
    if articles.is_empty() {
        println!("No articles yet. Import some with: claimdesk-cli import FILE...");
        return;
    }
    for a in articles {
        println!(
            "{}  {}  {:>7} chars  {:>4} annotations  {}{}",
            a.id,
            a.captured_at.format("%Y-%m-%d"),
            a.char_count,
            a.annotation_count,
            a.meta.title,
            a.meta
                .outlet
                .as_deref()
                .map(|o| format!(" ({o})"))
                .unwrap_or_default(),
        );
    }
}

fn check(cli: &Cli, db: &Path, repair: bool) -> claimdesk_core::Result<ExitCode> {
    if repair {
        repair_search_index(cli, db)?;
    }
    let report = check_database_watched(db, say_still_checking(db))?;
    if cli.json {
        print_json(&report);
    } else {
        print_check(&report);
    }
    Ok(if report.is_healthy() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// How often a long check says it is still running.
const STILL_CHECKING_EVERY: u64 = 5;

/// While a check reads a large file, say every few seconds on a terminal that it is still
/// running. Ctrl-C ends the process, which is safe: the file is open read-only.
fn say_still_checking(db: &Path) -> impl FnMut(Duration) -> ControlFlow<()> + Send + 'static {
    let shown = db.display().to_string();
    let on_terminal = std::io::stderr().is_terminal();
    let mut said = 0;
    move |spent| {
        let seconds = spent.as_secs();
        if on_terminal && seconds / STILL_CHECKING_EVERY > said {
            said = seconds / STILL_CHECKING_EVERY;
            eprintln!(
                "claimdesk-cli: still checking {shown} ({seconds} s); Ctrl-C stops the check, \
                 the file is not changed"
            );
        }
        ControlFlow::Continue(())
    }
}

/// Rebuild the search index when it disagrees with the records.
fn repair_search_index(cli: &Cli, db: &Path) -> claimdesk_core::Result<()> {
    let mut store = Store::open(db)?;
    let note = if store.search_index_is_consistent()? {
        "search index: consistent, nothing to repair"
    } else {
        store.rebuild_search_index()?;
        "search index: rebuilt"
    };
    if !cli.json {
        println!("{note}");
    }
    Ok(())
}

fn print_check(r: &CheckReport) {
    println!("file:        {}", r.path.display());
    println!(
        "claimdesk:   {}",
        if r.is_claimdesk_file {
            "yes"
        } else {
            "no (another program's SQLite file)"
        }
    );
    let status = match r.schema_status {
        claimdesk_core::db::check::SchemaStatus::Current => "current".to_owned(),
        claimdesk_core::db::check::SchemaStatus::Older => {
            "older: upgraded when next opened".to_owned()
        }
        claimdesk_core::db::check::SchemaStatus::Newer => format!(
            "newer than this build (reads up to {}): update Claimdesk",
            r.supported_version
        ),
    };
    println!("schema:      version {} ({status})", r.schema_version);
    println!("integrity:   {}", r.integrity.join("; "));
    if let Some(problem) = &r.schema_problem {
        println!("schema:      {problem}");
    }
    if let Some(problem) = &r.value_problem {
        println!("values:      {problem}");
    }
    if let (Some(articles), Some(annotations)) = (r.articles, r.annotations) {
        println!("contents:    {articles} articles, {annotations} annotations");
    }
    println!(
        "verdict:     {}",
        if r.is_healthy() { "ok" } else { "NOT OK" }
    );
}

/// Print `value` as indented JSON on stdout.
fn print_json<T: Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(err) => eprintln!("claimdesk-cli: cannot write JSON: {err}"),
    }
}

fn fail(cli: &Cli, message: &str) -> ExitCode {
    if cli.json {
        print_json(&serde_json::json!({ "error": message }));
    } else {
        eprintln!("claimdesk-cli: {message}");
    }
    ExitCode::FAILURE
}
